import { BODY_SOURCE, compose, type FetchHandler } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import {
  compression as webCompression,
  isCompressible,
  supportedEncodings,
} from './compression.js';
import { compression as nodeCompression, wholeBodyCompressor } from './compression.node.js';
import * as nodeIndex from './index.node.js';
import * as webIndex from './index.js';

const big = JSON.stringify(
  Array.from({ length: 400 }, (_, id) => ({ id, title: `Article ${id}` })),
);

async function decompress(response: Response, format: CompressionFormat): Promise<string> {
  const stream = (response.body as ReadableStream<Uint8Array<ArrayBuffer>>).pipeThrough(
    new DecompressionStream(format),
  );
  return new Response(stream).text();
}

const request = (
  headers: Record<string, string> = { 'Accept-Encoding': 'gzip, deflate' },
  method = 'GET',
) => new Request('https://api.test/', { headers, method });

const json = (body: string, headers: Record<string, string> = {}, status = 200): Response =>
  new Response(body, { status, headers: { 'Content-Type': 'application/json', ...headers } });

/**
 * A response that offers its source through the public BODY_SOURCE protocol, as a server's light
 * Response does (FastResponse of @fielding/node): the Node build compresses it in one call.
 */
function sourced(body: string, headers: Record<string, string>): Response {
  const response = json(body, headers);
  Object.defineProperty(response, BODY_SOURCE, {
    value: () => (response.bodyUsed ? undefined : body),
  });
  return response;
}

// Every behaviour holds for both builds; only the length of a compressed whole body differs
// (the Node build knows it, the stream path cannot).
describe.each([
  ['web build', webCompression],
  ['node build', nodeCompression],
])('compression (%s)', (build, compression) => {
  it('gzips a large json response with vary, a weak etag and no accept-ranges', async () => {
    const handler = compose(compression())(() =>
      sourced(big, {
        'Content-Length': String(big.length),
        ETag: '"v1"',
        'Accept-Ranges': 'bytes',
      }),
    );
    const response = await handler(request());
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    const length = response.headers.get('Content-Length');
    // Only the Node build compresses a whole source at once, and so knows the length.
    if (build === 'web build') expect(length).toBeNull();
    else expect(Number(length)).toBe((await response.clone().arrayBuffer()).byteLength);
    const plain = await compose(compression())(() => json(big))(request());
    expect(plain.headers.get('Content-Length')).toBeNull(); // no source offered: streamed
    expect(response.headers.get('Accept-Ranges')).toBeNull();
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(response.headers.get('ETag')).toBe('W/"v1"');
    expect(await decompress(response, 'gzip')).toBe(big);
  });

  it('uses deflate when that is what the client takes', async () => {
    const handler = compose(compression())(() => json(big));
    const response = await handler(request({ 'Accept-Encoding': 'deflate' }));
    expect(response.headers.get('Content-Encoding')).toBe('deflate');
    expect(await decompress(response, 'deflate')).toBe(big);
  });

  it('keeps a weak etag weak', async () => {
    const handler = compose(compression())(() => json(big, { ETag: 'W/"v1"' }));
    expect((await handler(request())).headers.get('ETag')).toBe('W/"v1"');
  });

  it('sends small bodies of unknown length as they are, with their length', async () => {
    const handler = compose(compression())(() => json('{"small":true}'));
    const response = await handler(request());
    expect(response.headers.get('Content-Encoding')).toBeNull();
    expect(response.headers.get('Content-Length')).toBe('14');
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await response.text()).toBe('{"small":true}');
  });

  it('compresses a streamed body of unknown length chunk by chunk', async () => {
    const encoder = new TextEncoder();
    let sent = 0;
    const handler = compose(compression({ threshold: 10 }))(
      () =>
        new Response(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              if (sent === 5) return controller.close();
              sent++;
              controller.enqueue(encoder.encode(`chunk ${sent};`));
            },
          }),
          { headers: { 'Content-Type': 'text/plain' } },
        ),
    );
    const response = await handler(request());
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(await decompress(response, 'gzip')).toBe('chunk 1;chunk 2;chunk 3;chunk 4;chunk 5;');
  });

  it.each([
    ['a client without accept-encoding', request({}), json(big), true],
    ['a client refusing codings', request({ 'Accept-Encoding': 'gzip;q=0' }), json(big), true],
    ['a client asking only for br', request({ 'Accept-Encoding': 'compress' }), json(big), true],
    ['head', request(undefined, 'HEAD'), json(big), false],
    ['204', request(), new Response(null, { status: 204 }), false],
    ['206', request(), json(big, {}, 206), false],
    ['an encoded body', request(), json(big, { 'Content-Encoding': 'br' }), false],
    ['no-transform', request(), json(big, { 'Cache-Control': 'public, No-Transform' }), false],
    ['a small declared length', request(), json('{}', { 'Content-Length': '2' }), false],
    ['an image', request(), new Response(big, { headers: { 'Content-Type': 'image/png' } }), false],
    ['no content-type', request(), new Response(new Blob([big])), false],
  ])('leaves %s uncompressed (vary: %s)', async (_name, incoming, outgoing, vary) => {
    const response = await compose(compression())(() => outgoing)(incoming);
    expect(response.headers.get('Content-Encoding') ?? 'none').not.toMatch(/gzip|deflate/);
    expect(response.headers.get('Vary') === 'Accept-Encoding').toBe(vary);
  });

  it('honours the configured encodings', async () => {
    const handler = compose(compression({ encodings: ['deflate'] }))(() => json(big));
    const response = await handler(request({ 'Accept-Encoding': 'gzip, deflate' }));
    expect(response.headers.get('Content-Encoding')).toBe('deflate');
  });
});

describe('supportedEncodings', () => {
  it('finds gzip and deflate, and only codings the runtime really has', () => {
    const encodings = supportedEncodings();
    expect(encodings.get('gzip')).toBe('gzip');
    expect(encodings.get('deflate')).toBe('deflate');
    for (const [, format] of encodings) {
      expect(() => new CompressionStream(format as CompressionFormat)).not.toThrow();
    }
  });
});

describe('isCompressible', () => {
  it.each([
    ['application/json', true],
    ['application/problem+json; charset=utf-8', true],
    ['text/csv', true],
    ['image/svg+xml', true],
    ['application/javascript', true],
    ['application/wasm', true],
    ['image/x-icon', true],
    ['text/event-stream', false],
    ['image/png', false],
    ['application/zip', false],
    ['application/octet-stream', false],
    [null, false],
  ])('%s → %s', (type, expected) => {
    expect(isCompressible(type)).toBe(expected);
  });
});

describe('compression of a whole body on node', () => {
  it.each(['gzip', 'deflate'] as const)(
    'gives the same %s bytes as the stream path',
    async (coding) => {
      const incoming = request({ 'Accept-Encoding': coding });
      const web = await compose(webCompression())(() => json(big))(incoming);
      const node = await compose(nodeCompression())(() => json(big))(incoming);
      expect(new Uint8Array(await node.arrayBuffer())).toEqual(
        new Uint8Array(await web.arrayBuffer()),
      );
    },
  );

  it('compresses a body built from bytes', async () => {
    const bytes = new TextEncoder().encode(big);
    const response = await compose(nodeCompression())(
      () => new Response(bytes, { headers: { 'Content-Type': 'application/json' } }),
    )(request());
    expect(await decompress(response, 'gzip')).toBe(big);
  });

  it('counts a string body in utf-8 bytes to tell if it is small', async () => {
    const text = 'é'.repeat(600);
    const response = await compose(nodeCompression())(
      () => new Response(text, { headers: { 'Content-Type': 'text/plain' } }),
    )(request());
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(await decompress(response, 'gzip')).toBe(text);
    expect(wholeBodyCompressor.size(text)).toBe(1200);
  });

  it('sends a small whole body as it is, with its length and vary', async () => {
    const response = await compose(nodeCompression())(() => json('{"small":true}'))(request());
    expect(response.headers.get('Content-Encoding')).toBeNull();
    expect(response.headers.get('Content-Length')).toBe('14');
    expect(response.headers.get('Vary')).toBe('Accept-Encoding');
    expect(await response.text()).toBe('{"small":true}');
  });

  it('streams a body above the whole-body limit', async () => {
    const huge = 'x'.repeat(4 * 1024 * 1024 + 1);
    const response = await compose(nodeCompression())(
      () => new Response(huge, { headers: { 'Content-Type': 'text/plain' } }),
    )(request());
    expect(response.headers.get('Content-Length')).toBeNull();
    expect(await decompress(response, 'gzip')).toBe(huge);
  });

  it('streams a body that is a stream, even with a declared length', async () => {
    const bytes = new TextEncoder().encode(big);
    const response = await compose(nodeCompression())(
      () =>
        new Response(new Blob([bytes]).stream(), {
          headers: { 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) },
        }),
    )(request());
    expect(response.headers.get('Content-Length')).toBeNull();
    expect(await decompress(response, 'gzip')).toBe(big);
  });

  it('is what the node entry exports, beside the rest of the api', () => {
    expect(nodeIndex.compression).toBe(nodeCompression);
    expect(webIndex.compression).toBe(webCompression);
    expect(Object.keys(nodeIndex).sort()).toEqual(Object.keys(webIndex).sort());
    expect(nodeIndex.negotiate).toBe(webIndex.negotiate);
  });

  it('leaves codings it has no one-shot function for to the stream', () => {
    expect(wholeBodyCompressor.compress(big, 'br', big.length)).toBeUndefined();
    expect(wholeBodyCompressor.compress(big, 'constructor', big.length)).toBeUndefined();
  });
});

describe('compression with a representation layer', () => {
  it('composes as the outer layer', async () => {
    const app: FetchHandler = () => json(big);
    const response = await compose(webCompression())(app)(request({ 'Accept-Encoding': 'gzip' }));
    expect(await decompress(response, 'gzip')).toBe(big);
  });
});
