import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { listen } from '../test/_servers.js';
import { toWebRequest } from './web-request.js';

/** A Node request as the server would hand it over, with a body still to come. */
function incoming(
  method: string,
  rawHeaders: string[],
  url = '/things?x=1',
  body?: string,
): IncomingMessage {
  const stream = new PassThrough();
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) {
    headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
  }
  Object.assign(stream, { method, url, rawHeaders, headers, socket: {}, complete: true });
  if (body !== undefined) stream.end(body);
  return stream as unknown as IncomingMessage;
}

const res = { closed: false, once: () => undefined } as unknown as ServerResponse;

describe('toWebRequest', () => {
  it('derives the URL from Host and the target, keeping repeated headers', async () => {
    const req = incoming('POST', ['Host', 'example.com:8080', 'X-A', '1', 'x-a', '2'], '/p', 'hi');
    const request = toWebRequest(req, res);
    expect(request).toBeInstanceOf(Request);
    expect(request.url).toBe('http://example.com:8080/p');
    expect(request.headers.get('x-a')).toBe('1, 2');
    expect(await request.text()).toBe('hi');
  });

  it('takes https from a TLS socket, and an absolute-form target as the URL', () => {
    const tls = incoming('GET', ['Host', 'secure.example']);
    Object.assign(tls, { socket: { encrypted: true } });
    expect(toWebRequest(tls, res).url).toBe('https://secure.example/things?x=1');
    const proxied = incoming('GET', ['Host', 'a.example'], 'http://a.example/abs?q');
    expect(toWebRequest(proxied, res).url).toBe('http://a.example/abs?q');
    expect(() => toWebRequest(incoming('GET', ['Host', 'h'], '*'), res)).toThrow(TypeError);
  });

  it('throws a clear TypeError when Host and target make no URL', () => {
    expect(() => toWebRequest(incoming('GET', ['Host', 'a/b']), res)).toThrow(
      /Host \("a\/b"\) and target \("\/things\?x=1"\) make no URL/,
    );
  });

  it('works the URL out on first read when given a function', () => {
    let calls = 0;
    const request = toWebRequest(incoming('GET', ['Host', 'h']), res, {
      url: () => `https://example.com/n${++calls}`,
    });
    expect(calls).toBe(0);
    expect(request.url).toBe('https://example.com/n1');
    expect(request.url).toBe('https://example.com/n1');
    expect(calls).toBe(1);
  });

  it('hands over a parsed body with a matching Content-Length', async () => {
    const req = incoming('PUT', [
      'Host',
      'h',
      'Content-Length',
      '99',
      'Transfer-Encoding',
      'chunked',
    ]);
    const request = toWebRequest(req, res, { parsedBody: () => '{"ü":1}' });
    expect(request.headers.get('content-length')).toBe('8');
    expect(request.headers.has('transfer-encoding')).toBe(false);
    expect(await request.json()).toEqual({ ü: 1 });
  });

  it('drops the length of a parsed body that is empty, and asks nothing for GET', () => {
    const asked: string[] = [];
    const parsedBody = (req: IncomingMessage): null => (asked.push(req.method!), null);
    const put = toWebRequest(incoming('PUT', ['Host', 'h', 'Content-Length', '3']), res, {
      parsedBody,
    });
    expect(put.headers.has('content-length')).toBe(false);
    const get = toWebRequest(incoming('GET', ['Host', 'h', 'Content-Length', '3']), res, {
      parsedBody,
    });
    expect(get.headers.get('content-length')).toBe('3');
    expect(asked).toEqual(['PUT']);
  });

  it('keeps the method it was created with when the framework rewrites req.method', () => {
    const req = incoming('POST', ['Host', 'h'], '/p', '');
    const request = toWebRequest(req, res);
    req.method = 'DELETE';
    expect(request.method).toBe('POST');
  });
});

/** undici 6 (Node 20, 22) can copy a lazy request; undici 7 (Node 24) cannot. */
const copiesWork = Number(process.versions.node.split('.')[0]) < 24;

describe('the lazy request', () => {
  it('answers a GET without building a body, and reads nothing it was not asked for', () => {
    const asked: string[] = [];
    const request = toWebRequest(incoming('GET', ['Host', 'h', 'Accept', 'text/html']), res, {
      url: () => (asked.push('url'), 'http://h/things'),
      parsedBody: () => (asked.push('parsedBody'), null),
    });
    expect(request).toBeInstanceOf(Request);
    expect(Object.prototype.toString.call(request)).toBe('[object Request]');
    expect(asked).toEqual([]);
    expect(request.method).toBe('GET');
    expect(request.headers.get('accept')).toBe('text/html');
    expect(request.body).toBeNull();
    expect(request.bodyUsed).toBe(false);
    expect(request.signal.aborted).toBe(false);
    expect(asked).toEqual([]);
    expect(request.url).toBe('http://h/things');
    expect(asked).toEqual(['url']);
  });

  it('builds the rest on demand: body readers, clone and the other fields', async () => {
    const request = toWebRequest(incoming('PUT', ['Host', 'h', 'X-A', '1'], '/p', 'payload'), res);
    expect(request.mode).toBe('cors');
    expect((request as Request & { duplex: string }).duplex).toBe('half');
    const clone = request.clone();
    expect(clone.method).toBe('PUT');
    expect(await clone.text()).toBe('payload');
    expect(await request.text()).toBe('payload');
    expect(request.bodyUsed).toBe(true);
  });

  it('clones with the headers as they are now, also when they changed after the build', async () => {
    const request = toWebRequest(incoming('POST', ['Host', 'h', 'X-A', '1'], '/p', 'x'), res);
    expect(request.mode).toBe('cors'); // undici's Request is built here
    request.headers.set('X-B', '2');
    request.headers.delete('x-a');
    const clone = request.clone();
    expect([...clone.headers]).toEqual([
      ['host', 'h'],
      ['x-b', '2'],
    ]);
    expect(await clone.text()).toBe('x');
  });

  it('is copied by new Request(request.url, request) on every version, method, headers and body', async () => {
    const request = toWebRequest(incoming('POST', ['Host', 'h', 'X-A', '1'], '/p', 'body'), res);
    request.headers.set('X-User', 'ada');
    const copy = new Request(request.url, request);
    expect(copy.method).toBe('POST');
    expect(copy.url).toBe('http://h/p');
    expect(copy.headers.get('x-a')).toBe('1');
    expect(copy.headers.get('x-user')).toBe('ada');
    expect(await copy.text()).toBe('body');
  });

  it.runIf(copiesWork)('is copied by new Request(request, init) on Node 20 and 22', async () => {
    const request = toWebRequest(incoming('POST', ['Host', 'h', 'X-A', '1'], '/p', 'body'), res);
    const copy = new Request(request, { headers: { 'X-Copy': '1' } });
    expect(copy.method).toBe('POST');
    expect(copy.url).toBe('http://h/p');
    expect(copy.headers.get('x-copy')).toBe('1');
    expect(await copy.text()).toBe('body');
    expect(
      new Request(toWebRequest(incoming('GET', ['Host', 'h', 'X-A', '1']), res)).headers.get('x-a'),
    ).toBe('1');
  });

  it('is fetched as it is on Node 20 and 22, and refused with a TypeError on Node 24', async () => {
    const { origin, close } = await listen((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => res.end(`${req.method} ${req.headers['x-a']} ${body}`));
    });
    try {
      const request = toWebRequest(incoming('PUT', ['Host', 'h', 'X-A', '1'], '/p', 'body'), res, {
        url: `${origin}/p`,
      });
      if (copiesWork) expect(await (await fetch(request)).text()).toBe('PUT 1 body');
      else await expect(fetch(request)).rejects.toThrow(TypeError);
    } finally {
      await close();
    }
  });

  it.skipIf(copiesWork)('makes undici throw a TypeError when copied on Node 24', () => {
    const request = toWebRequest(incoming('POST', ['Host', 'h'], '/p', 'body'), res);
    expect(() => new Request(request)).toThrow(TypeError);
    expect(() => new Request(request, { headers: { 'X-Copy': '1' } })).toThrow(TypeError);
  });
});

describe('toWebRequest under a swapped global Request', () => {
  const NativeRequest = globalThis.Request;
  afterEach(() => {
    globalThis.Request = NativeRequest;
  });

  it('still makes requests of the native class where a server put a subclass in its place', async () => {
    // What @hono/node-server does: a subclass of undici's Request becomes the global one.
    globalThis.Request = class LightRequest extends NativeRequest {};
    let calls = 0;
    const request = toWebRequest(incoming('POST', ['Host', 'h'], '/p', 'body'), res, {
      url: () => `http://h/p${++calls}`,
    });
    expect(calls).toBe(0);
    expect(request).toBeInstanceOf(NativeRequest);
    const copy = new NativeRequest(request.url, request);
    expect(copy.url).toBe('http://h/p1');
    expect(await copy.text()).toBe('body');
  });
});
