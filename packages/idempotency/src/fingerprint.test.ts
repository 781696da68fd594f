import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FINGERPRINT_HEADERS, requestFingerprint } from './fingerprint.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const post = (url: string, headers: HeadersInit = {}, method = 'POST'): Request =>
  new Request(url, { method, headers });
const URL_ = 'https://api.test/orders?x=1';

describe('requestFingerprint', () => {
  it('is SHA-256 as base64: 44 characters, the same for the same request', async () => {
    const a = await requestFingerprint(post(URL_), bytes('{"sku":"A"}'));
    expect(a).toMatch(/^[A-Z0-9+/]{43}=$/i);
    expect(await requestFingerprint(post(URL_), bytes('{"sku":"A"}'))).toBe(a);
  });

  const base = { url: URL_, method: 'POST', type: 'application/json', body: '{"sku":"A"}' };
  it.each([
    ['another body', { body: '{"sku":"B"}' }],
    ['a longer body', { body: '{"sku":"A"} ' }],
    ['another method', { method: 'PATCH' }],
    ['another path', { url: 'https://api.test/orders/7?x=1' }],
    ['another query', { url: 'https://api.test/orders?x=2' }],
    ['another Content-Type', { type: 'application/merge-patch+json' }],
  ])('changes with %s', async (_, change) => {
    const of = async (input: typeof base): Promise<string> =>
      requestFingerprint(
        post(input.url, { 'Content-Type': input.type }, input.method),
        bytes(input.body),
      );
    expect(await of({ ...base, ...change })).not.toBe(await of(base));
  });

  it.each([
    ['another host', 'https://other.test/orders?x=1', { 'content-type': 'application/json' }],
    [
      'a header outside the list',
      URL_,
      { 'content-type': 'application/json', 'X-Request-Id': 'r2', Authorization: 'Bearer t2' },
    ],
    ['another case of a header name', URL_, { 'CONTENT-TYPE': 'application/json' }],
  ])('ignores %s', async (_, url, headers: Record<string, string>) => {
    const first = await requestFingerprint(
      post(URL_, { 'content-type': 'application/json', 'X-Request-Id': 'r1' }),
      bytes('b'),
    );
    expect(await requestFingerprint(post(url, headers), bytes('b'))).toBe(first);
  });

  it('counts the header fields it is given, and a field absent differs from an empty one', async () => {
    const headers = [...FINGERPRINT_HEADERS, 'prefer'];
    const minimal = await requestFingerprint(post(URL_, { Prefer: 'return=minimal' }), bytes(''), {
      headers,
    });
    const full = await requestFingerprint(
      post(URL_, { Prefer: 'return=representation' }),
      bytes(''),
      {
        headers,
      },
    );
    const none = await requestFingerprint(post(URL_), bytes(''), { headers });
    const empty = await requestFingerprint(post(URL_, { Prefer: '' }), bytes(''), { headers });
    expect(new Set([minimal, full, none, empty]).size).toBe(4);
  });

  it('tells the head from the body: moving bytes between them changes the print', async () => {
    fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ maxLength: 64 }),
        async (a, b) => {
          const same = a.length === b.length && a.every((byte, index) => byte === b[index]);
          const first = await requestFingerprint(post(URL_), a);
          const second = await requestFingerprint(post(URL_), b);
          expect(first === second).toBe(same);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the Node build (node:crypto)', () => {
  it('gives the same fingerprints as Web Crypto', async () => {
    const { requestFingerprint: nodeFingerprint } = await import('./fingerprint.node.js');
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.string(), async (body, type) => {
        const request = post(URL_, { 'content-type': type.replace(/[^\x20-\x7e]/g, '') });
        expect(await nodeFingerprint(request, body)).toBe(await requestFingerprint(request, body));
      }),
      { numRuns: 100 },
    );
  });
});
