// Hostile requests over a raw socket, for every adapter and the example. `fetch` and
// `http.request` refuse to send most of these (a Host with a space, a `*` target, a bad
// method, a 20 KB header), so each request is written byte for byte and the reply parsed by
// hand. A row says which statuses are right; every answer must be RFC 9457 problem+json and
// must not leak a stack, a file path or SQL, whatever NODE_ENV says.
import { connect } from 'node:net';
import { expect } from 'vitest';

/** A reply read off the socket. `status` 0 means the server closed without answering. */
export interface RawReply {
  status: number;
  headers: Map<string, string>;
  body: string;
}

/** Writes `raw` (a whole HTTP/1.1 request) to `origin` and reads one response. */
export function sendRaw(
  origin: string,
  raw: string | Buffer,
  timeoutMs = 10_000,
): Promise<RawReply> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseReply(Buffer.concat(chunks)));
    };
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (isComplete(Buffer.concat(chunks))) finish();
    });
    socket.on('end', finish);
    // A server that resets the connection after answering (431, 413) still answered.
    socket.on('error', (error) => (chunks.length > 0 ? finish() : reject(error)));
    socket.write(raw);
  });
}

function headEnd(bytes: Buffer): number {
  return bytes.indexOf('\r\n\r\n');
}

function isComplete(bytes: Buffer): boolean {
  const end = headEnd(bytes);
  if (end === -1) return false;
  const head = bytes.subarray(0, end).toString('latin1');
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length !== null) return bytes.length - end - 4 >= Number(length[1]);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return bytes.includes('\r\n0\r\n\r\n', end);
  return /^HTTP\/1\.1 (?:1\d\d|204|304)/.test(head);
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!(size > 0)) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function parseReply(bytes: Buffer): RawReply {
  const end = headEnd(bytes);
  if (end === -1) return { status: 0, headers: new Map(), body: bytes.toString('utf8') };
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  const rest = bytes.subarray(end + 4);
  const chunked = /chunked/i.test(headers.get('transfer-encoding') ?? '');
  return {
    status: Number(statusLine.split(' ')[1] ?? 0),
    headers,
    body: (chunked ? dechunk(rest) : rest).toString('utf8'),
  };
}

/** One hostile request and the statuses that answer it correctly. */
export interface HostileRow {
  /** What the row tries, for the test title. */
  name: string;
  /** The request bytes; `HOST` in them is replaced by the server's host and port. */
  raw: string | Buffer;
  /** Every status that is a correct answer. */
  statuses: readonly number[];
}

const CRLF = '\r\n';
const request = (head: string, ...fields: string[]): string =>
  `${head} HTTP/1.1${CRLF}${['Host: HOST', 'Connection: close', ...fields].join(CRLF)}${CRLF}${CRLF}`;
const withBody = (head: string, type: string, body: string): string =>
  `${head} HTTP/1.1${CRLF}Host: HOST${CRLF}Connection: close${CRLF}Content-Type: ${type}${CRLF}` +
  `Content-Length: ${Buffer.byteLength(body)}${CRLF}${CRLF}${body}`;

/**
 * Requests any framework or server can be sent, whatever routes the app has. `path` is a path
 * the app serves with GET (e.g. `/api/items/1`); `postPath` one it serves with POST and JSON.
 */
export function hostileRequests(path: string, postPath: string): HostileRow[] {
  return [
    {
      name: 'a Host with a space',
      raw: `GET ${path} HTTP/1.1${CRLF}Host: a b${CRLF}Connection: close${CRLF}${CRLF}`,
      statuses: [400],
    },
    {
      name: 'no Host at all',
      raw: `GET ${path} HTTP/1.1${CRLF}Connection: close${CRLF}${CRLF}`,
      statuses: [400],
    },
    { name: 'two Host fields', raw: request(`GET ${path}`, 'Host: evil.test'), statuses: [400] },
    {
      name: 'a Host with a path',
      raw: `GET ${path} HTTP/1.1${CRLF}Host: a/b${CRLF}Connection: close${CRLF}${CRLF}`,
      statuses: [400],
    },
    ...['%.', ']&', 'a:b', '999.1.1.1', '[::1', 'a:99999'].map((host) => ({
      name: `the Host ${host}, which no URL takes`,
      raw: `GET ${path} HTTP/1.1${CRLF}Host: ${host}${CRLF}Connection: close${CRLF}${CRLF}`,
      statuses: [400],
    })),
    { name: 'a bad percent-escape in the path', raw: request('GET /%ZZ'), statuses: [400] },
    { name: 'a bad percent-escape in a route', raw: request(`GET ${path}%ZZ`), statuses: [400] },
    {
      name: 'a percent-escape that is not UTF-8',
      raw: request(`GET ${path}%E0%A4`),
      statuses: [400, 404],
    },
    { name: 'GET with the asterisk-form target', raw: request('GET *'), statuses: [400] },
    { name: 'POST with the asterisk-form target', raw: request('POST *'), statuses: [400] },
    {
      name: 'an absolute-form target naming another host',
      raw: request(`GET http://evil.test${path}`),
      statuses: [200, 400, 404],
    },
    { name: 'the unknown method PROPFIND', raw: request(`PROPFIND ${path}`), statuses: [405, 501] },
    { name: 'the unknown method QUERY', raw: request(`QUERY ${path}`), statuses: [405, 501] },
    { name: 'the unparseable method BREW', raw: request(`BREW ${path}`), statuses: [400, 501] },
    { name: 'a lower-case method', raw: request(`get ${path}`), statuses: [400, 501] },
    {
      name: 'a 200-character method',
      raw: request(`${'X'.repeat(200)} ${path}`),
      statuses: [400, 501],
    },
    { name: 'CONNECT to a host', raw: request('CONNECT evil.test:443'), statuses: [400, 405, 501] },
    { name: 'TRACE', raw: request(`TRACE ${path}`), statuses: [405, 501] },
    {
      name: 'a 32 KB header',
      raw: request(`GET ${path}`, `X-Big: ${'a'.repeat(32 * 1024)}`),
      statuses: [431],
    },
    {
      name: 'a control character in a header value',
      raw: request(`GET ${path}`, 'X-Bad: a\u0001b'),
      statuses: [400],
    },
    {
      name: 'a header name with a space',
      raw: request(`GET ${path}`, 'Bad Name: x'),
      statuses: [400],
    },
    {
      name: 'a Content-Length that is not a number',
      raw: request(`POST ${postPath}`, 'Content-Length: abc'),
      statuses: [400],
    },
    {
      name: 'two different Content-Lengths',
      raw: request(`POST ${postPath}`, 'Content-Length: 1', 'Content-Length: 2'),
      statuses: [400],
    },
    {
      name: 'Content-Length and Transfer-Encoding together',
      raw: request(`POST ${postPath}`, 'Content-Length: 1', 'Transfer-Encoding: chunked'),
      statuses: [400],
    },
    {
      name: 'an unknown Transfer-Encoding',
      raw: request(`POST ${postPath}`, 'Transfer-Encoding: gzip'),
      statuses: [400, 501],
    },
    {
      name: 'malformed JSON',
      raw: withBody(`POST ${postPath}`, 'application/json', '{"a":'),
      statuses: [400],
    },
    {
      name: 'JSON with a NUL byte in a string',
      raw: withBody(`POST ${postPath}`, 'application/json', '{"title":"a\\u0000b"}'),
      statuses: [201, 400, 422],
    },
    {
      name: 'a body of an unsupported media type',
      raw: withBody(`POST ${postPath}`, 'application/x-evil', 'x'),
      statuses: [415],
    },
    {
      name: 'a declared 5 MB body',
      raw: request(
        `POST ${postPath}`,
        'Content-Type: application/json',
        `Content-Length: ${5 * 1024 * 1024}`,
      ),
      statuses: [413],
    },
    {
      name: 'a prototype key as a path segment',
      raw: request(`GET ${path}/__proto__`),
      statuses: [404, 405],
    },
    { name: 'constructor as a path segment', raw: request('GET /constructor'), statuses: [404] },
    {
      name: 'prototype keys as query names',
      raw: request(`GET ${path}?__proto__=1&constructor=2&toString=3`),
      statuses: [200, 400],
    },
  ];
}

/** Replaces `HOST` in a row's bytes with the server's `host:port`. */
export function forOrigin(row: HostileRow, origin: string): string | Buffer {
  const host = new URL(origin).host;
  return typeof row.raw === 'string' ? row.raw.replaceAll('Host: HOST', `Host: ${host}`) : row.raw;
}

/** Signs of internals a client must never see. */
export const LEAKS: readonly RegExp[] = [
  /\n {2,8}at /, // a stack frame
  /\.(?:ts|js|mjs|cjs):\d+/, // a source position
  /\/(?:work|home|root|usr|tmp)\//, // an absolute path
  /node_modules/,
  /\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/,
  /syntax error at or near|relation "/,
  /FST_ERR_|ERR_[A-Z_]{4,}|HPE_[A-Z_]+/, // framework and parser error codes
];

/**
 * Asserts a reply is a problem+json answer with one of `statuses`, whose `status` member
 * matches, and with no sign of internals in the body or the headers.
 */
export function expectProblem(reply: RawReply, statuses: readonly number[], name = ''): void {
  expect(statuses, `${name}: status ${reply.status}, body ${reply.body.slice(0, 200)}`).toContain(
    reply.status,
  );
  const everything = `${[...reply.headers].join('\n')}\n${reply.body}`;
  for (const leak of LEAKS) expect(everything, `${name}: leaks ${leak}`).not.toMatch(leak);
  if (reply.status < 400) return;
  expect(reply.headers.get('content-type'), name).toMatch(/^application\/problem\+json\b/);
  const document = JSON.parse(reply.body) as { status?: unknown; title?: unknown };
  expect(document.status, name).toBe(reply.status);
  expect(typeof document.title, name).toBe('string');
}
