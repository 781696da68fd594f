// Differential test of the GET/HEAD freshness path against `fresh`, the reference Express and
// Koa use. Inputs stay inside the domain where RFC 9110 and `fresh` agree: well-formed
// IMF-fixdates in the past, entity-tags without commas, no empty fields. One deliberate
// difference: `fresh` answers a request `Cache-Control: no-cache` with the full response, which
// no fetch() client could ever revalidate past (it sends no-cache with every conditional
// request); by default a 304 is still sent (RFC 9111 §5.2.1.4), `fullResponseOnNoCache` opts in
// to `fresh`'s rule.
import fc from 'fast-check';
import fresh from 'fresh';
import { describe, expect, it } from 'vitest';
import { evaluatePreconditions } from '../../src/index.js';

const opaque = fc.constantFrom('a', 'b', 'v1', 'v2', 'xyzzy');
const tag = fc.tuple(fc.boolean(), opaque).map(([weak, value]) => `${weak ? 'W/' : ''}"${value}"`);
const pastDate = fc
  .integer({ min: Date.UTC(2000, 0, 1) / 1000, max: Date.UTC(2020, 0, 1) / 1000 })
  .map((seconds) => new Date(seconds * 1000).toUTCString());

const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arbitrary, { nil: undefined });

const requestHeaders = fc.record({
  'if-none-match': optional(
    fc.oneof(
      fc.constant('*'),
      fc.array(tag, { minLength: 1, maxLength: 3 }).map((tags) => tags.join(', ')),
    ),
  ),
  'if-modified-since': optional(fc.oneof(pastDate, fc.constant('not a date'))),
  'cache-control': optional(fc.constantFrom('no-cache', 'max-age=0', 'no-store, no-cache')),
});
const responseHeaders = fc.record({
  etag: optional(tag),
  'last-modified': optional(pastDate),
});

const defined = (record: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );

const withoutCacheControl = (record: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).filter(([name]) => name !== 'cache-control'));

describe('freshness agrees with fresh', () => {
  it.each(['GET', 'HEAD'])(
    '%s: not-modified exactly when fresh() is true, request cache-control aside',
    (method) => {
      fc.assert(
        fc.property(requestHeaders, responseHeaders, (reqHeaders, resHeaders) => {
          const headers = defined(reqHeaders);
          const request = new Request('https://api.test/', { method, headers });
          const decision = evaluatePreconditions(request, {
            etag: resHeaders.etag,
            lastModified: resHeaders['last-modified'],
          });
          expect(decision.type === 'not-modified').toBe(
            fresh(withoutCacheControl(headers), defined(resHeaders)),
          );
        }),
        { numRuns: 2000 },
      );
    },
  );

  it.each(['GET', 'HEAD'])(
    '%s with fullResponseOnNoCache: not-modified exactly when fresh() is true',
    (method) => {
      fc.assert(
        fc.property(requestHeaders, responseHeaders, (reqHeaders, resHeaders) => {
          const request = new Request('https://api.test/', {
            method,
            headers: defined(reqHeaders),
          });
          const decision = evaluatePreconditions(request, {
            etag: resHeaders.etag,
            lastModified: resHeaders['last-modified'],
            fullResponseOnNoCache: true,
          });
          expect(decision.type === 'not-modified').toBe(
            fresh(defined(reqHeaders), defined(resHeaders)),
          );
        }),
        { numRuns: 2000 },
      );
    },
  );

  it.each([
    [{ 'if-none-match': '"a"' }, { etag: '"a"' }, true, true],
    [{ 'if-none-match': 'W/"a"' }, { etag: '"a"' }, true, true],
    [{ 'if-none-match': '"a"', 'cache-control': 'no-cache' }, { etag: '"a"' }, false, true],
    [{ 'if-modified-since': 'Wed, 01 Jan 2020 00:00:00 GMT' }, {}, false, false],
    [
      { 'if-none-match': '"b"', 'if-modified-since': 'Wed, 01 Jan 2020 00:00:00 GMT' },
      { etag: '"a"', 'last-modified': 'Wed, 01 Jan 2019 00:00:00 GMT' },
      false,
      false,
    ],
  ])(
    'on %j with %j: fresh() says %s, by default we say %s',
    (reqHeaders, resHeaders, byFresh, byDefault) => {
      const headers = reqHeaders as Record<string, string>;
      const response = resHeaders as Record<string, string>;
      expect(fresh(headers, response)).toBe(byFresh);
      const options = { etag: response.etag, lastModified: response['last-modified'] };
      const request = (): Request => new Request('https://api.test/', { headers });
      expect(evaluatePreconditions(request(), options).type === 'not-modified').toBe(byDefault);
      expect(
        evaluatePreconditions(request(), { ...options, fullResponseOnNoCache: true }).type ===
          'not-modified',
      ).toBe(byFresh);
    },
  );

  it('reads any cache-control as fresh does for the no-cache rule, in linear time', () => {
    // fresh matches `no-cache` case-sensitively and with \s; inside SP/HTAB and lower case the
    // two rules must agree exactly.
    const cacheControl = fc
      .array(fc.constantFrom('no-cache', 'no', '-cache', ',', ' ', '\t', '=', '"', 'x'), {
        maxLength: 30,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(cacheControl, (value) => {
        const headers = { 'if-none-match': '"a"', 'cache-control': value };
        const decision = evaluatePreconditions(new Request('https://api.test/', { headers }), {
          etag: '"a"',
          fullResponseOnNoCache: true,
        });
        expect(decision.type === 'not-modified').toBe(fresh(headers, { etag: '"a"' }));
      }),
      { numRuns: 2000 },
    );
    // Long whitespace runs around near-misses stay cheap (each run is scanned at most twice).
    const spaces = ' '.repeat(50_000);
    const hostile = `no-cache${spaces}x,${spaces}no-cache${spaces}x`.repeat(4);
    const started = performance.now();
    const request = new Request('https://api.test/', {
      headers: { 'if-none-match': '"a"', 'cache-control': hostile },
    });
    expect(evaluatePreconditions(request, { etag: '"a"', fullResponseOnNoCache: true }).type).toBe(
      'not-modified',
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
