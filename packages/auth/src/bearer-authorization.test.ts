import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BEARER_TOKEN_MAX_LENGTH,
  parseBearerAuthorization,
  type BearerAuthorization,
} from './bearer-authorization.js';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/';

describe('parseBearerAuthorization', () => {
  it.each<[string | null, BearerAuthorization['kind'], string?]>([
    [null, 'none'],
    ['Bearer mF_9.B5f-4.1JqM', 'token', 'mF_9.B5f-4.1JqM'],
    ['bearer mF_9.B5f-4.1JqM', 'token', 'mF_9.B5f-4.1JqM'],
    ['BEARER abc==', 'token', 'abc=='],
    ['Bearer   abc', 'token', 'abc'],
    ['Bearer a+b/c~d', 'token', 'a+b/c~d'],
    ['Basic YWxhZGRpbjpvcGVuc2VzYW1l', 'other-scheme'],
    ['Digest username="a", realm="b"', 'other-scheme'],
    ['Basic YWxh, Bearer abc', 'malformed'],
    ['Bearer a, Bearer b', 'malformed'],
    ['Bearer abc, def', 'malformed'],
    ['', 'malformed'],
    ['Bearer', 'malformed'],
    ['Bearer ', 'malformed'],
    ['Bearer\tabc', 'malformed'],
    ['Bearer a=b', 'malformed'],
    ['Bearer =abc', 'malformed'],
    ['Bearer "abc"', 'malformed'],
    ['Bearer abc def', 'malformed'],
    ['Bearer ab%63', 'malformed'],
    [' Bearer abc', 'malformed'],
    ['Bearer\u00e9 abc', 'malformed'],
    [`Bearer ${'a'.repeat(BEARER_TOKEN_MAX_LENGTH + 1)}`, 'malformed'],
  ])('reads %j as %s', (value, kind, token) => {
    const result = parseBearerAuthorization(value);
    expect(result.kind).toBe(kind);
    if (result.kind === 'token') expect(result.token).toBe(token);
    if (result.kind === 'malformed') expect(result.reason).toMatch(/^The .+\.$/);
  });

  it('accepts a token of the maximum length', () => {
    const token = 'a'.repeat(BEARER_TOKEN_MAX_LENGTH);
    expect(parseBearerAuthorization(`Bearer ${token}`)).toEqual({ kind: 'token', token });
  });

  it('never throws, and accepts a token only when it is a b64token', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), fc.string(), (rest, prefix) => {
        for (const value of [`Bearer ${rest}`, `${prefix} ${rest}`, rest]) {
          const result = parseBearerAuthorization(value);
          if (result.kind === 'token') {
            expect(result.token).toMatch(/^[\w+./~-]+=*$/);
            expect(value.toLowerCase().startsWith('bearer ')).toBe(true);
            expect(value.slice(value.length - result.token.length)).toBe(result.token);
          }
        }
      }),
    );
  });

  it('accepts every b64token after the scheme', () => {
    const b64token = fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...B64), minLength: 1, maxLength: 200 }),
        fc.string({ unit: fc.constant('='), maxLength: 3 }),
      )
      .map(([body, padding]) => body + padding);
    fc.assert(
      fc.property(b64token, fc.integer({ min: 1, max: 4 }), (token, spaces) => {
        expect(parseBearerAuthorization(`Bearer${' '.repeat(spaces)}${token}`)).toEqual({
          kind: 'token',
          token,
        });
      }),
    );
  });

  it('answers in linear time for a long hostile value', () => {
    // The median of several runs, so a stall of this shared machine does not decide it.
    const value = `Bearer ${'a'.repeat(4000)}${'='.repeat(4000)}!`;
    const times = Array.from({ length: 11 }, () => {
      const started = performance.now();
      expect(parseBearerAuthorization(value).kind).toBe('malformed');
      return performance.now() - started;
    }).sort((a, b) => a - b);
    expect(times[5]).toBeLessThan(20);
  });
});
