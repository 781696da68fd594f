import { compose } from '@fielding/core';
import { isHttpError, type HttpError } from '@fielding/problem-errors';
import { describe, expect, it } from 'vitest';
import { contentTypeGuard, hasBody, readJson, requireContentType } from './request-body.js';

const post = (body: BodyInit | null, headers: Record<string, string> = {}, method = 'POST') =>
  new Request('https://api.test/articles', { method, headers, body });

async function caught(promise: Promise<unknown> | (() => unknown)): Promise<HttpError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    if (isHttpError(error)) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('hasBody', () => {
  it.each([
    [
      'a get with content-type',
      new Request('https://x/', { headers: { 'Content-Type': 'application/json' } }),
      false,
    ],
    ['a post with a body', post('{}'), true],
    ['a post with content-length 0', post('', { 'Content-Length': '0' }), false],
    ['a post without a body', post(null), false],
  ])('%s → %s', (_name, request, expected) => {
    expect(hasBody(request)).toBe(expected);
  });
});

describe('requireContentType', () => {
  it.each([
    ['application/json', ['application/json']],
    ['application/json; charset=utf-8', ['application/json']],
    ['application/merge-patch+json', ['+json']],
    ['text/csv', ['application/json', 'text/*']],
  ])('accepts %s for %j', (type, types) => {
    expect(requireContentType(post('{}', { 'Content-Type': type }), types)?.essence).toBe(
      type.split(';')[0],
    );
  });

  it('answers 415 with accept-post on a post', async () => {
    const error = await caught(() =>
      requireContentType(post('a,b', { 'Content-Type': 'text/csv' }), [
        'application/json',
        '+json',
      ]),
    );
    expect(error.status).toBe(415);
    expect(error.headers.get('Accept-Post')).toBe('application/json, */*+json');
    expect(error.errors).toEqual([
      { detail: expect.stringContaining('text/csv') as unknown, header: 'Content-Type' },
    ]);
    expect(error.extensions).toEqual({ acceptedMediaTypes: ['application/json', '+json'] });
  });

  it('answers 415 with accept-patch on a patch', async () => {
    const error = await caught(() =>
      requireContentType(post('{}', { 'Content-Type': 'application/json' }, 'PATCH'), [
        'application/merge-patch+json',
        'application/json-patch+json',
      ]),
    );
    expect(error.headers.get('Accept-Patch')).toBe(
      'application/merge-patch+json, application/json-patch+json',
    );
    expect(error.headers.has('Accept-Post')).toBe(false);
  });

  it('treats a body without content-type as application/octet-stream (rfc 9110 §8.3)', async () => {
    const request = new Request('https://api.test/', { method: 'PUT', body: new Uint8Array([1]) });
    const error = await caught(() => requireContentType(request, ['application/json']));
    expect(error.status).toBe(415);
    expect(error.detail).toContain('no Content-Type');
    expect(
      requireContentType(
        new Request('https://api.test/', { method: 'PUT', body: new Uint8Array([1]) }),
        ['application/octet-stream'],
      )?.essence,
    ).toBe('application/octet-stream');
  });

  it('lets a get with a content-type and no body through', () => {
    const request = new Request('https://api.test/', {
      headers: { 'Content-Type': 'application/hal+json' },
    });
    expect(requireContentType(request, ['text/csv'])).toBeUndefined();
  });

  it('can require a body', async () => {
    const error = await caught(() =>
      requireContentType(post(null), ['+json'], { allowEmpty: false }),
    );
    expect(error.status).toBe(415);
  });

  it('rejects an unparseable content-type', async () => {
    const error = await caught(() =>
      requireContentType(post('x', { 'Content-Type': 'nonsense' }), ['*/*']),
    );
    expect(error.status).toBe(415);
  });
});

describe('contentTypeGuard', () => {
  const handler = compose(contentTypeGuard(['+json']))(() => new Response('handled'));

  it('answers 415 as problem+json before the handler runs', async () => {
    const response = await handler(post('<a/>', { 'Content-Type': 'application/xml' }));
    expect(response.status).toBe(415);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.headers.get('Accept-Post')).toBe('*/*+json');
    expect(await response.json()).toMatchObject({ status: 415, title: 'Unsupported Media Type' });
  });

  it('passes matching and bodiless requests', async () => {
    expect(await (await handler(post('{}', { 'Content-Type': 'application/json' }))).text()).toBe(
      'handled',
    );
    const get = new Request('https://api.test/', { headers: { 'Content-Type': 'text/plain' } });
    expect((await handler(get)).status).toBe(200);
  });
});

describe('readJson', () => {
  const json = { 'Content-Type': 'application/json' };

  it('parses a json body', async () => {
    expect(await readJson(post('{"title":"Hello"}', json))).toEqual({ title: 'Hello' });
  });

  it('accepts +json types by default and can skip the type check', async () => {
    expect(await readJson(post('[1]', { 'Content-Type': 'application/merge-patch+json' }))).toEqual(
      [1],
    );
    expect(await readJson(post('[1]', { 'Content-Type': 'text/plain' }), { types: null })).toEqual([
      1,
    ]);
  });

  it('answers 415 for a non-json body', async () => {
    expect((await caught(readJson(post('a', { 'Content-Type': 'text/plain' })))).status).toBe(415);
  });

  it('answers 400 for a missing body', async () => {
    expect((await caught(readJson(post(null, json)))).status).toBe(400);
    expect((await caught(readJson(post(null), { types: null }))).status).toBe(400);
  });

  it('answers 400 pointing at the position of malformed json', async () => {
    const error = await caught(
      readJson(post('{\n  "title": "Hello",\n  "tags": [1, 2,]\n}', json)),
    );
    expect(error.status).toBe(400);
    expect(error.extensions).toEqual({ position: { offset: 38, line: 3, column: 17 } });
    expect(error.detail).toBe('Malformed JSON at line 3, column 17 (offset 38): expected a value.');
    expect(error.errors?.[0]?.pointer).toBe('');
  });

  it('answers 400 for invalid utf-8', async () => {
    const error = await caught(readJson(post(new Uint8Array([0x22, 0xff, 0x22]), json)));
    expect(error.status).toBe(400);
    expect(error.detail).toContain('UTF-8');
  });

  it('answers 413 from a declared content-length without reading', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(10));
      },
    });
    const request = new Request('https://api.test/', {
      method: 'POST',
      headers: { ...json, 'Content-Length': '2000' },
      body,
      duplex: 'half',
    } as RequestInit);
    const error = await caught(readJson(request, { limit: 1000 }));
    expect(error.status).toBe(413);
    expect(error.extensions).toEqual({ limit: 1000 });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('answers 413 while streaming, reading no further than the limit', async () => {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(
          new TextEncoder().encode('[1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,'),
        );
      },
      cancel() {
        cancelled = true;
      },
    });
    const request = new Request('https://api.test/', {
      method: 'POST',
      headers: json,
      body,
      duplex: 'half',
    } as RequestInit);
    const error = await caught(readJson(request, { limit: 100 }));
    expect(error.status).toBe(413);
    expect(cancelled).toBe(true);
    // 50 bytes a chunk: the third chunk passes 100 bytes; a couple more may be queued ahead.
    expect(pulled).toBeLessThan(6);
  });

  it('answers 415 for a compressed body', async () => {
    const error = await caught(readJson(post('x', { ...json, 'Content-Encoding': 'gzip' })));
    expect(error.status).toBe(415);
    expect(error.headers.get('Accept-Encoding')).toBe('identity');
    expect(await readJson(post('1', { ...json, 'Content-Encoding': 'identity' }))).toBe(1);
  });
});
