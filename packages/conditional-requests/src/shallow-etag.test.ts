import { BODY_SOURCE, bodySource, compose } from '@fielding/core';
import etag from 'etag';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  etagHash,
  hashBody as nodeHash,
  hashObjectSha1,
  hashSource as nodeSource,
  oneShotHash,
  sourceHasher,
} from './_hash.node.js';
import { hashBody as webHash, hashSource as webSource } from './_hash.js';
import { hashEntityTag, shallowEtag } from './shallow-etag.js';
import * as nodeBuild from './shallow-etag.node.js';

const url = 'https://api.test/articles';
const get = (headers: Record<string, string> = {}, method = 'GET'): Request =>
  new Request(url, { method, headers });

const streamOf = (...chunks: string[]): ReadableStream<Uint8Array> => {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
};

/**
 * A Response that offers its source through the public BODY_SOURCE protocol, as a server's light
 * Response does (FastResponse of @fielding/node): the fast path reads it without a stream.
 */
function sourced(source: string | Uint8Array<ArrayBuffer>, init?: ResponseInit): Response {
  const response = new Response(source, init);
  Object.defineProperty(response, BODY_SOURCE, {
    value: () => (response.bodyUsed ? undefined : source),
  });
  return response;
}

describe('hashEntityTag', () => {
  it('reproduces the etag package byte for byte', async () => {
    expect(await hashEntityTag('abc')).toBe(etag('abc'));
    expect(await hashEntityTag('')).toBe('"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"');
    expect(await hashEntityTag('héllo wörld')).toBe(etag('héllo wörld'));
    expect(await hashEntityTag(new TextEncoder().encode('abc').buffer)).toBe(etag('abc'));
  });

  it('builds a weak tag on request', async () => {
    expect(await hashEntityTag('abc', { weak: true })).toBe(etag('abc', { weak: true }));
    expect(await nodeBuild.hashEntityTag('abc', { weak: true })).toBe(etag('abc', { weak: true }));
    expect(await nodeBuild.hashEntityTag('abc')).toBe(etag('abc'));
  });

  it('copies a view on a shared buffer before hashing', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set([0x61, 0x62, 0x63]);
    expect(await hashEntityTag(shared)).toBe(etag('abc'));
  });

  it('gives the same tag on the node and the web path for any bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 5000 }), async (bytes) => {
        const view = new Uint8Array(bytes);
        const expected = etag(Buffer.from(view));
        expect(await webHash(view)).toBe(expected);
        expect(await nodeHash(view)).toBe(expected);
        expect(await etagHash(view)).toBe(expected);
        if (oneShotHash) expect(await oneShotHash(view)).toBe(expected);
      }),
    );
  });

  it('gives the same tag on both paths for a subarray and a 10 MB body', async () => {
    const big = new Uint8Array(10 * 1024 * 1024).map((_, index) => index % 251);
    const part = big.subarray(1000, 5000);
    expect(await webHash(part)).toBe(await nodeHash(part));
    expect(await webHash(big)).toBe(await nodeHash(big));
  });
});

describe.each([
  ['web crypto', shallowEtag],
  ['node (etag)', nodeBuild.shallowEtag],
])('shallowEtag on %s', (_name, middleware) => {
  const app = (response: () => Response, options?: Parameters<typeof shallowEtag>[0]) =>
    compose(middleware(options))(response);

  it('adds a strong etag made from the body, and keeps the body', async () => {
    const response = await app(() => Response.json({ id: 7 }))(get());
    expect(response.headers.get('etag')).toBe(etag('{"id":7}'));
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe('{"id":7}');
  });

  it('adds a weak etag on request', async () => {
    const response = await app(() => new Response('hello'), { weak: true })(get());
    expect(response.headers.get('etag')).toBe(etag('hello', { weak: true }));
  });

  it('answers 304 to a matching if-none-match, keeping vary and cors headers', async () => {
    const handler = app(
      () =>
        new Response('hello', {
          headers: {
            'Content-Type': 'text/plain',
            Vary: 'Accept',
            'Access-Control-Allow-Origin': '*',
            'Cache-Control': 'max-age=60',
          },
        }),
    );
    const response = await handler(get({ 'If-None-Match': `"x", W/${etag('hello')}` }));
    expect(response.status).toBe(304);
    expect(response.body).toBeNull();
    expect(Object.fromEntries(response.headers)).toEqual({
      'access-control-allow-origin': '*',
      'cache-control': 'max-age=60',
      etag: etag('hello'),
      vary: 'Accept',
    });
  });

  it('keeps the configured headers on a 304', async () => {
    const handler = app(() => new Response('hi', { headers: { 'X-Trace': '1', Vary: 'A' } }), {
      keep: ['etag', 'x-trace'],
    });
    const response = await handler(get({ 'If-None-Match': etag('hi') }));
    expect(response.status).toBe(304);
    expect(response.headers.get('x-trace')).toBe('1');
    expect(response.headers.has('vary')).toBe(false);
  });

  it('answers head as well as get', async () => {
    const response = await app(() => new Response('hi'))(
      get({ 'If-None-Match': etag('hi') }, 'HEAD'),
    );
    expect(response.status).toBe(304);
  });

  // fetch() adds these to every conditional request (Fetch standard); RFC 9111 §5.2.1.4 reads
  // them as a request to validate at the origin, which a 304 is.
  it.each([
    ['if-none-match', (tag: string) => ({ 'If-None-Match': tag })],
    ['if-modified-since', () => ({ 'If-Modified-Since': 'Wed, 10 Jan 2024 12:00:00 GMT' })],
  ])('answers 304 to a %s revalidation sent by fetch() (no-cache)', async (_name, condition) => {
    const handler = (options?: Parameters<typeof shallowEtag>[0]) =>
      app(
        () => new Response('hi', { headers: { 'Last-Modified': 'Wed, 10 Jan 2024 12:00:00 GMT' } }),
        options,
      );
    const request = () =>
      get({ ...condition(etag('hi')), 'Cache-Control': 'no-cache', Pragma: 'no-cache' });
    const revalidated = await handler()(request());
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('etag')).toBe(etag('hi'));
    const reloaded = await handler({ fullResponseOnNoCache: true })(request());
    expect(reloaded.status).toBe(200);
    expect(await reloaded.text()).toBe('hi');
  });

  it('sends the full response when if-none-match does not match', async () => {
    const response = await app(() => new Response('hi'))(get({ 'If-None-Match': '"nope"' }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('hi');
  });

  it('answers 412 to a get whose if-match fails', async () => {
    const response = await app(() => new Response('hi'))(get({ 'If-Match': '"nope"' }));
    expect(response.status).toBe(412);
    expect(response.headers.get('etag')).toBe(etag('hi'));
    expect(await response.json()).toMatchObject({ status: 412, instance: '/articles' });
  });

  it('answers if-modified-since from the last-modified the handler set', async () => {
    const lastModified = 'Wed, 10 Jan 2024 12:00:00 GMT';
    const handler = app(() => new Response('hi', { headers: { 'Last-Modified': lastModified } }));
    const response = await handler(get({ 'If-Modified-Since': lastModified }));
    expect(response.status).toBe(304);
  });

  it('leaves a handler etag (a deep etag) unhashed but still answers 304', async () => {
    const handler = app(() => new Response('hi', { headers: { ETag: 'W/"v7"' } }));
    const full = await handler(get());
    expect(full.headers.get('etag')).toBe('W/"v7"');
    const cached = await handler(get({ 'If-None-Match': '"v7"' }));
    expect(cached.status).toBe(304);
  });

  it('passes through a response whose etag is not an entity-tag', async () => {
    const original = new Response('hi', { headers: { ETag: 'v7' } });
    expect(await app(() => original)(get({ 'If-None-Match': '"v7"' }))).toBe(original);
  });

  it.each(['POST', 'PUT', 'DELETE'])('leaves %s responses alone', async (method) => {
    const original = new Response('hi');
    expect(await app(() => original)(get({}, method))).toBe(original);
  });

  it('leaves non-200 responses alone', async () => {
    const original = new Response('missing', { status: 404 });
    expect(await app(() => original)(get())).toBe(original);
  });

  it('hashes an empty body', async () => {
    const response = await app(() => new Response(null))(get());
    expect(response.headers.get('etag')).toBe('"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"');
  });

  it('hashes a stream of several chunks within the limit', async () => {
    const response = await app(() => new Response(streamOf('ab', 'cd', 'ef')))(get());
    expect(response.headers.get('etag')).toBe(etag('abcdef'));
    expect(await response.text()).toBe('abcdef');
  });

  it('hashes a body with a content-length within the limit', async () => {
    const response = await app(() => new Response('abc', { headers: { 'Content-Length': '3' } }))(
      get(),
    );
    expect(response.headers.get('etag')).toBe(etag('abc'));
  });

  it('passes a body whose content-length exceeds maxSize through untouched', async () => {
    const original = new Response('0123456789', { headers: { 'Content-Length': '10' } });
    const response = await app(() => original, { maxSize: 5 })(get());
    expect(response).toBe(original);
    expect(response.headers.has('etag')).toBe(false);
  });

  it('passes a stream that outgrows maxSize through, every byte intact, without an etag', async () => {
    const response = await app(() => new Response(streamOf('0123', '4567', '89', 'ab')), {
      maxSize: 5,
    })(get({ 'If-None-Match': '*' }));
    expect(response.status).toBe(200);
    expect(response.headers.has('etag')).toBe(false);
    expect(await response.text()).toBe('0123456789ab');
  });

  it('cancels the rest of the handler stream when the client goes away', async () => {
    let cancelled = false;
    const source = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(4));
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = await app(() => new Response(source), { maxSize: 8 })(get());
    await response.body?.cancel();
    expect(cancelled).toBe(true);
  });
});

describe.each([
  ['web crypto', shallowEtag],
  ['node (etag)', nodeBuild.shallowEtag],
])('shallowEtag fast path on %s', (_name, middleware) => {
  const app = (
    response: () => Response | Promise<Response>,
    options?: Parameters<typeof shallowEtag>[0],
  ) => compose(middleware(options))(response);
  const body = JSON.stringify({ id: 7, title: 'héllo wörld', items: [1, 2, 3] });

  it('finds the source of a response that offers it, and none of one that does not', () => {
    expect(bodySource(sourced(body))).toBe(body);
    expect(bodySource(sourced(new TextEncoder().encode(body)))).toBeInstanceOf(Uint8Array);
    // Core reads no runtime's internals: a plain Response offers nothing, whatever its body.
    expect(bodySource(new Response(body))).toBeUndefined();
    expect(bodySource(new Response(streamOf(body)))).toBeUndefined();
  });

  it('tags the response in place without reading its body', async () => {
    const original = sourced(body, { headers: { 'Content-Type': 'application/json' } });
    const response = await app(() => original)(get());
    expect(response).toBe(original);
    expect(original.bodyUsed).toBe(false);
    expect(response.headers.get('etag')).toBe(etag(body));
    expect(await response.text()).toBe(body);
  });

  it('gives the same tag as the stream path for the same bytes', async () => {
    const bytes = new TextEncoder().encode(body);
    const fromString = await app(() => sourced(body))(get());
    const fromBytes = await app(() => sourced(bytes))(get());
    const fromStream = await app(() => new Response(streamOf(body)))(get());
    expect(fromStream.headers.get('etag')).toBe(etag(body));
    expect(fromString.headers.get('etag')).toBe(fromStream.headers.get('etag'));
    expect(fromBytes.headers.get('etag')).toBe(fromStream.headers.get('etag'));
    const weak = await app(() => sourced(body), { weak: true })(get());
    expect(weak.headers.get('etag')).toBe(etag(body, { weak: true }));
  });

  it('answers 304 without reading the body', async () => {
    const original = sourced(body, { headers: { Vary: 'Accept' } });
    const response = await app(() => original)(get({ 'If-None-Match': etag(body) }));
    expect(response.status).toBe(304);
    expect(response.body).toBeNull();
    expect(response.headers.get('etag')).toBe(etag(body));
    expect(response.headers.get('vary')).toBe('Accept');
    expect(original.bodyUsed).toBe(false);
  });

  it('tags the response of an async handler in place', async () => {
    const original = sourced(body);
    const response = await app(async () => original)(get({ 'If-None-Match': '"other"' }));
    expect(response).toBe(original);
    expect(response.headers.get('etag')).toBe(etag(body));
  });

  it('builds a new response over the same source when the headers are immutable', async () => {
    const original = sourced(body, { status: 200 });
    // Response.error()'s headers are immutable, as a fetched or cached response's are.
    Object.defineProperty(original, 'headers', { value: Response.error().headers });
    const response = await app(() => original)(get());
    expect(response).not.toBe(original);
    expect(original.bodyUsed).toBe(false);
    expect(response.headers.get('etag')).toBe(etag(body));
    expect(await response.text()).toBe(body);
  });

  it('reads a stream body (the slow path) and rebuilds the response', async () => {
    const original = new Response(streamOf(body.slice(0, 10), body.slice(10)));
    const response = await app(() => original)(get());
    expect(response).not.toBe(original);
    expect(original.bodyUsed).toBe(true);
    expect(response.headers.get('etag')).toBe(etag(body));
    expect(await response.text()).toBe(body);
  });

  it('reads a body whose source was already read (the slow path)', async () => {
    const original = new Response(body);
    const clone = original.clone();
    await original.text();
    const response = await app(() => clone)(get());
    expect(response.headers.get('etag')).toBe(etag(body));
    expect(await response.text()).toBe(body);
  });

  it('passes a source above maxSize through untouched, counting utf-8 bytes', async () => {
    // 4 characters, 8 bytes in UTF-8.
    const original = sourced('éééé');
    const response = await app(() => original, { maxSize: 5 })(get({ 'If-None-Match': '*' }));
    expect(response).toBe(original);
    expect(response.headers.has('etag')).toBe(false);
    const long = sourced('0123456789');
    expect(await app(() => long, { maxSize: 5 })(get())).toBe(long);
    const bytes = sourced(new Uint8Array(10));
    expect(await app(() => bytes, { maxSize: 5 })(get())).toBe(bytes);
  });

  it('evaluates a handler etag without hashing or reading', async () => {
    const original = sourced(body, { headers: { ETag: '"v7"' } });
    const response = await app(() => original)(get({ 'If-None-Match': '"v6"' }));
    expect(response).toBe(original);
    expect(original.bodyUsed).toBe(false);
  });
});

describe('shallowEtag fast path on node', () => {
  it('answers a synchronous handler synchronously, without a promise', () => {
    const original = sourced('hi');
    const response = compose(nodeBuild.shallowEtag())(() => original)(get());
    expect(response).toBe(original);
    expect(original.headers.get('etag')).toBe(etag('hi'));
  });

  it('answers a get 304 synchronously', () => {
    const handler = compose(nodeBuild.shallowEtag())(() => sourced('hi'));
    const response = handler(get({ 'If-None-Match': etag('hi') })) as Response;
    expect(response.status).toBe(304);
  });
});

describe('source hashers', () => {
  it('hash any string and bytes to the etag package tag on both paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 })),
        async (source) => {
          const expected = typeof source === 'string' ? etag(source) : etag(Buffer.from(source));
          expect(nodeSource(source, Infinity)).toBe(expected);
          expect(sourceHasher(hashObjectSha1)(source, Infinity)).toBe(expected);
          expect(await webSource(source, Infinity)).toBe(expected);
        },
      ),
    );
  });

  it('answer undefined above maxSize', () => {
    expect(nodeSource('ab', 1)).toBeUndefined();
    expect(webSource('ab', 1)).toBeUndefined();
    expect(webSource('é', 1)).toBeUndefined();
    expect(nodeSource(new Uint8Array(2), 1)).toBeUndefined();
  });
});
