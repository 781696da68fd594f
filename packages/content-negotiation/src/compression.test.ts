import { compose, type FetchHandler } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { compression, isCompressible, supportedEncodings } from './compression.js';

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

describe('compression', () => {
  it('gzips a large json response, streaming, with vary and no content-length', async () => {
    const handler = compose(compression())(() =>
      json(big, { 'Content-Length': String(big.length), ETag: '"v1"', 'Accept-Ranges': 'bytes' }),
    );
    const response = await handler(request());
    expect(response.headers.get('Content-Encoding')).toBe('gzip');
    expect(response.headers.get('Content-Length')).toBeNull();
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

describe('compression with a representation layer', () => {
  it('composes as the outer layer', async () => {
    const app: FetchHandler = () => json(big);
    const response = await compose(compression())(app)(request({ 'Accept-Encoding': 'gzip' }));
    expect(await decompress(response, 'gzip')).toBe(big);
  });
});
