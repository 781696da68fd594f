import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { _setLazyRequests, toWebRequest } from './web-request.js';

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

describe.each([
  ['lazy', true],
  ['eager', false],
])('toWebRequest (%s)', (_, lazy) => {
  afterEach(() => _setLazyRequests(undefined));

  it('derives the URL from Host and the target, keeping repeated headers', async () => {
    _setLazyRequests(lazy);
    const req = incoming('POST', ['Host', 'example.com:8080', 'X-A', '1', 'x-a', '2'], '/p', 'hi');
    const request = toWebRequest(req, res);
    expect(request).toBeInstanceOf(Request);
    expect(request.url).toBe('http://example.com:8080/p');
    expect(request.headers.get('x-a')).toBe('1, 2');
    expect(await request.text()).toBe('hi');
  });

  it('takes https from a TLS socket, and an absolute-form target as the URL', () => {
    _setLazyRequests(lazy);
    const tls = incoming('GET', ['Host', 'secure.example']);
    Object.assign(tls, { socket: { encrypted: true } });
    expect(toWebRequest(tls, res).url).toBe('https://secure.example/things?x=1');
    const proxied = incoming('GET', ['Host', 'a.example'], 'http://a.example/abs?q');
    expect(toWebRequest(proxied, res).url).toBe('http://a.example/abs?q');
    expect(() => toWebRequest(incoming('GET', ['Host', 'h'], '*'), res)).toThrow(TypeError);
  });

  it('throws a clear TypeError when Host and target make no URL', () => {
    _setLazyRequests(lazy);
    expect(() => toWebRequest(incoming('GET', ['Host', 'a/b']), res)).toThrow(
      /Host \("a\/b"\) and target \("\/things\?x=1"\) make no URL/,
    );
  });

  it('works the URL out on first read when given a function', () => {
    _setLazyRequests(lazy);
    let calls = 0;
    const request = toWebRequest(incoming('GET', ['Host', 'h']), res, {
      url: () => `https://example.com/n${++calls}`,
    });
    if (lazy) expect(calls).toBe(0);
    expect(request.url).toBe('https://example.com/n1');
    expect(request.url).toBe('https://example.com/n1');
    expect(calls).toBe(1);
  });

  it('hands over a parsed body with a matching Content-Length', async () => {
    _setLazyRequests(lazy);
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
    _setLazyRequests(lazy);
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
    _setLazyRequests(lazy);
    const req = incoming('POST', ['Host', 'h'], '/p', '');
    const request = toWebRequest(req, res);
    req.method = 'DELETE';
    expect(request.method).toBe('POST');
  });
});

describe('toWebRequest under a swapped global Request', () => {
  const NativeRequest = globalThis.Request;
  afterEach(() => {
    globalThis.Request = NativeRequest;
    _setLazyRequests(undefined);
  });

  it('stays lazy and builds the native Request where a server put a subclass in its place', async () => {
    // Whether requests are lazy here at all: undici must let a Request copy a lazy one (Node 20
    // and 22 do; where it does not, requests are built at once and the URL is asked for then).
    _setLazyRequests(undefined);
    const lazyHere =
      Object.getPrototypeOf(toWebRequest(incoming('GET', ['Host', 'h']), res)) !==
      NativeRequest.prototype;
    // What @hono/node-server does: a subclass of undici's Request becomes the global one.
    globalThis.Request = class LightRequest extends NativeRequest {};
    _setLazyRequests(undefined);
    let calls = 0;
    const request = toWebRequest(incoming('POST', ['Host', 'h'], '/p', 'body'), res, {
      url: () => `http://h/p${++calls}`,
    });
    expect(calls).toBe(lazyHere ? 0 : 1);
    expect(lazyHere).toBe(Number(process.versions.node.split('.')[0]) < 24);
    expect(request).toBeInstanceOf(NativeRequest);
    const copy = new NativeRequest(request, { headers: { 'x-copy': '1' } });
    expect(copy.url).toBe('http://h/p1');
    expect(await copy.text()).toBe('body');
  });
});
