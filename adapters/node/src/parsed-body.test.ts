import { describe, expect, it } from 'vitest';
import { serialiseParsedBody } from './parsed-body.js';

const bytes = new Uint8Array([1, 2]);

describe('serialiseParsedBody', () => {
  it.each<[string, unknown, string | undefined, unknown]>([
    ['no body', undefined, 'application/json', null],
    ['a null body', null, undefined, null],
    ['a string as it is', 'raw text', 'text/plain', 'raw text'],
    ['bytes as they are', bytes, 'application/octet-stream', bytes],
    [
      'a form object as a form',
      { a: '1', b: ['2', '3'], c: { d: 4 } },
      'Application/X-WWW-Form-Urlencoded; charset=utf-8',
      'a=1&b=2&b=3&c=%7B%22d%22%3A4%7D',
    ],
    ['a json object as json', { id: 7 }, 'application/json', '{"id":7}'],
    ['an object without a content type as json', { id: 7 }, undefined, '{"id":7}'],
    ['a number as json', 42, 'application/json', '42'],
  ])('serialises %s', (_, body, type, expected) => {
    expect(serialiseParsedBody(body, type)).toEqual(expected);
  });
});
