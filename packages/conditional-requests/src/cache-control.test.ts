import { MAX_LIST_MEMBERS } from '@fielding/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCacheControl, parseCacheControl, type CacheControl } from './cache-control.js';

describe('parseCacheControl (rfc 9111 §5.2)', () => {
  it.each<[string, CacheControl]>([
    ['public, max-age=60', { public: true, maxAge: 60 }],
    ['s-maxage=300, must-revalidate', { sMaxage: 300, mustRevalidate: true }],
    ['no-store', { noStore: true }],
    ['No-Cache', { noCache: true }],
    ['no-cache="Set-Cookie, X-Token"', { noCache: ['Set-Cookie', 'X-Token'] }],
    ['private=X-Token', { private: ['X-Token'] }],
    ['max-age="60"', { maxAge: 60 }],
    [
      'immutable, stale-while-revalidate=30, stale-if-error=600',
      {
        immutable: true,
        staleWhileRevalidate: 30,
        staleIfError: 600,
      },
    ],
    ['proxy-revalidate, no-transform', { proxyRevalidate: true, noTransform: true }],
    ['max-age=60, max-age=0', { maxAge: 60 }],
    ['max-age=-1, max-age=1.5, max-age, max-age=', {}],
    ['max-age=99999999999999999999999', { maxAge: 2_147_483_648 }],
    ['max-age=9999999999', { maxAge: 2_147_483_648 }],
    ['community="UCI", foo', {}],
  ])('%s', (value, directives) => {
    expect(parseCacheControl(value)).toEqual(directives);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'ignores the directive %s, which only Object.prototype knows',
    (name) => {
      expect(parseCacheControl(`${name}, ${name}=5, max-age=1`)).toEqual({ maxAge: 1 });
    },
  );

  it('returns no directives for an absent field', () => {
    expect(parseCacheControl(null)).toEqual({});
    expect(parseCacheControl(undefined)).toEqual({});
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(() => parseCacheControl(value)).not.toThrow();
      }),
    );
  });

  // Strings made of the characters the grammar cares about, so the generator reaches the
  // branches (quoted field lists, numbers, repeated directives) that plain strings miss.
  const shaped = fc
    .array(
      fc.oneof(
        fc.constantFrom('no-cache', 'private', 'max-age', 's-maxage', 'public', 'immutable'),
        fc.constantFrom('=', '"', ',', ' ', '\t', '\\', 'x', '1', '9', '-'),
      ),
      { maxLength: 60 },
    )
    .map((parts) => parts.join(''));

  it('keeps only known directives, bounded numbers and at most MAX_LIST_MEMBERS field names', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), shaped), (value) => {
        const result = parseCacheControl(value);
        for (const [key, member] of Object.entries(result)) {
          expect(KNOWN).toContain(key);
          if (typeof member === 'number') {
            expect(Number.isInteger(member)).toBe(true);
            expect(member).toBeGreaterThanOrEqual(0);
            expect(member).toBeLessThanOrEqual(2 ** 31);
          } else if (Array.isArray(member)) {
            expect(member.length).toBeLessThanOrEqual(MAX_LIST_MEMBERS);
            for (const field of member) expect(field.length).toBeLessThanOrEqual(value.length);
          } else {
            expect(member).toBe(true);
          }
        }
      }),
    );
  });

  it(`keeps at most ${MAX_LIST_MEMBERS} field names from one quoted list`, () => {
    const names = Array.from({ length: 5000 }, (_, index) => `x-${index}`);
    const result = parseCacheControl(
      `no-cache="${names.join(', ')}", private="${names.join(',')}"`,
    );
    expect(result.noCache).toEqual(names.slice(0, MAX_LIST_MEMBERS));
    expect(result.private).toEqual(names.slice(0, MAX_LIST_MEMBERS));
    const commas = parseCacheControl(`no-cache="${','.repeat(100_000)}a"`);
    expect(commas.noCache).toEqual(['a']);
  });
});

const KNOWN = [
  'maxAge',
  'sMaxage',
  'noCache',
  'noStore',
  'private',
  'public',
  'mustRevalidate',
  'proxyRevalidate',
  'noTransform',
  'immutable',
  'staleWhileRevalidate',
  'staleIfError',
];

describe('formatCacheControl', () => {
  it.each<[CacheControl, string]>([
    [{ public: true, maxAge: 60, immutable: true }, 'public, max-age=60, immutable'],
    [{ private: true, noCache: true }, 'no-cache, private'],
    [{ noStore: true }, 'no-store'],
    [{ noCache: ['Set-Cookie'] }, 'no-cache="Set-Cookie"'],
    [{ private: ['X-A', 'X-B'] }, 'private="X-A, X-B"'],
    [
      { sMaxage: 0, proxyRevalidate: true, noTransform: true },
      's-maxage=0, proxy-revalidate, no-transform',
    ],
    [
      { maxAge: 0, mustRevalidate: true, staleWhileRevalidate: 10, staleIfError: 5 },
      'max-age=0, must-revalidate, stale-while-revalidate=10, stale-if-error=5',
    ],
    [{ public: false, noCache: [], private: false }, ''],
  ])('%j → %s', (directives, value) => {
    expect(formatCacheControl(directives)).toBe(value);
  });

  it.each<CacheControl>([
    { maxAge: -1 },
    { sMaxage: 1.5 },
    { staleIfError: Number.NaN },
    { noCache: ['a b'] },
  ])('refuses %j', (directives) => {
    expect(() => formatCacheControl(directives)).toThrow(RangeError);
  });

  it('round-trips through parseCacheControl', () => {
    const seconds = fc.option(fc.nat(2_000_000_000), { nil: undefined });
    const flag = fc.option(fc.constant(true), { nil: undefined });
    const fields = fc.option(
      fc.oneof(
        fc.constant(true as const),
        fc.array(fc.constantFrom('Set-Cookie', 'X-A'), { minLength: 1 }),
      ),
      { nil: undefined },
    );
    const directives = fc.record({
      maxAge: seconds,
      sMaxage: seconds,
      staleWhileRevalidate: seconds,
      staleIfError: seconds,
      noStore: flag,
      public: flag,
      mustRevalidate: flag,
      proxyRevalidate: flag,
      noTransform: flag,
      immutable: flag,
      noCache: fields,
      private: fields,
    });
    fc.assert(
      fc.property(directives, (value) => {
        const defined = Object.fromEntries(
          Object.entries(value).filter(([, v]) => v !== undefined),
        );
        expect(parseCacheControl(formatCacheControl(defined as CacheControl))).toEqual(defined);
      }),
    );
  });
});
