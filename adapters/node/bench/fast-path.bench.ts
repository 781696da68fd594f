// What each part of the Node fast path (src/undici/) buys, measured on its own, on whichever
// Node runs it: `pnpm vitest bench --run --project node:node`, or with another binary
// `$(npx -y node@24 -p process.execPath) node_modules/vitest/vitest.mjs bench --run --project node:node`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bench, describe } from 'vitest';
import { toWebRequest } from '../src/web-request.js';
import { FastHeaders, lightResponse, NativeResponse, wholeBody } from '../src/undici/index.js';
import { FastResponse } from '../src/undici/fast-response.js';

const rawHeaders = [
  'Host',
  'localhost:3000',
  'User-Agent',
  'autocannon',
  'Accept',
  'application/json',
  'If-None-Match',
  '"v1"',
];
const req = {
  method: 'GET',
  url: '/api/blogs/7',
  rawHeaders,
  headers: { host: 'localhost:3000' },
  socket: {},
} as unknown as IncomingMessage;
const res = { closed: false, once: () => undefined } as unknown as ServerResponse;
const pairs: [string, string][] = [];
for (let i = 0; i < rawHeaders.length; i += 2) pairs.push([rawHeaders[i]!, rawHeaders[i + 1]!]);

describe('a GET request, read as a router and a conditional GET read it', () => {
  bench('lazy request (toWebRequest)', () => {
    const request = toWebRequest(req, res, { url: 'http://localhost:3000/api/blogs/7' });
    void request.method;
    void request.url;
    void request.headers.get('if-none-match');
  });
  bench("undici's Request", () => {
    const request = new Request('http://localhost:3000/api/blogs/7', {
      method: 'GET',
      headers: pairs,
    });
    void request.method;
    void request.url;
    void request.headers.get('if-none-match');
  });
});

const payload = { id: 7, title: 'Hello', tags: ['rest', 'http'] };

describe('Response.json() and its whole body, as the writer takes it', () => {
  bench('FastResponse.json', () => {
    void wholeBody(FastResponse.json(payload));
  });
  bench("undici's Response.json", () => {
    void wholeBody(NativeResponse.json(payload));
  });
});

describe("a native Response's body, as the writer takes it", () => {
  bench("undici's source (Node 20, 22; undefined on 24)", () => {
    void wholeBody(new NativeResponse('{"id":7}'));
  });
  bench('two reads of its stream', async () => {
    const reader = new NativeResponse('{"id":7}').body!.getReader();
    await reader.read();
    await reader.read();
  });
});

describe('Headers of a small response', () => {
  const init: [string, string][] = [['content-type', 'application/json']];
  bench('FastHeaders: build, set, get', () => {
    const headers = new FastHeaders(init);
    headers.set('etag', '"v1"');
    void headers.get('content-type');
  });
  bench("undici's Headers: build, set, get", () => {
    const headers = new Headers(init);
    headers.set('etag', '"v1"');
    void headers.get('content-type');
  });
});

describe('a captured response ended with one write', () => {
  const body = Buffer.from(JSON.stringify(payload));
  bench('lightResponse', () => {
    void lightResponse(body, {
      status: 200,
      statusText: '',
      headers: new FastHeaders(init()) as unknown as Headers,
    });
  });
  bench("undici's Response", () => {
    void new NativeResponse(body, { status: 200, headers: new Headers(init()) });
  });
});

function init(): [string, string][] {
  return [['content-type', 'application/json']];
}
