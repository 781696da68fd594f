import { describe, expect, it } from 'vitest';
import { matchesMediaType, parseMediaType } from './media-type.js';

describe('parseMediaType', () => {
  it('parses type, subtype, suffix and parameters', () => {
    expect(parseMediaType('Application/Merge-Patch+JSON; Charset="UTF-8"')).toEqual({
      type: 'application',
      subtype: 'merge-patch+json',
      suffix: 'json',
      essence: 'application/merge-patch+json',
      parameters: expect.objectContaining({ charset: 'UTF-8' }) as unknown,
    });
  });

  it.each(['', 'json', '/json', 'application/', 'a/b/c', 'a b/c', 'text/ht ml', null, undefined])(
    'rejects %j',
    (value) => {
      expect(parseMediaType(value)).toBeUndefined();
    },
  );

  it('has no suffix for a trailing or leading plus', () => {
    expect(parseMediaType('application/json+')?.suffix).toBeUndefined();
    expect(parseMediaType('application/+json')?.suffix).toBeUndefined();
  });
});

// The JSON rule, which isJsonMediaType answered before it went: `+json` covers it.
describe('the +json pattern', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['application/merge-patch+json', true],
    ['application/problem+json', true],
    ['application/vnd.api+json', true],
    ['text/json', false],
    ['application/jsonx', false],
    ['text/plain', false],
  ])('%s → %s', (value, expected) => {
    expect(matchesMediaType(value, '+json')).toBe(expected);
  });

  it('accepts a parsed media type', () => {
    expect(matchesMediaType(parseMediaType('application/hal+json')!, '+json')).toBe(true);
  });
});

describe('matchesMediaType', () => {
  it.each([
    ['application/json', 'application/json', true],
    ['application/json; charset=utf-8', 'application/json', true],
    ['application/merge-patch+json', 'application/json', false],
    ['application/merge-patch+json', '+json', true],
    ['application/json', '+json', true],
    ['application/hal+json', '*/*+json', true],
    ['application/xml', '+json', false],
    ['text/csv', 'text/*', true],
    ['image/png', 'text/*', false],
    ['image/png', '*/*', true],
    ['text/plain; charset=utf-8', 'text/plain; charset=UTF-8', true],
    ['text/plain', 'text/plain; charset=utf-8', false],
    ['text/plain; charset=latin1', 'text/plain; charset=utf-8', false],
    ['nonsense', '*/*', false],
    ['text/plain', 'nonsense', false],
  ])('%s under %s → %s', (type, pattern, expected) => {
    expect(matchesMediaType(type, pattern)).toBe(expected);
  });
});
