// A tiny HTTP/1.1 client on node:net: it sends exactly the bytes it is given (a bad Host, a `*`
// target, a lower-case method, a body that lies about its length), which fetch refuses to do,
// and parses one response. The response may come while the body is still being written (a
// server that answers 413 early): the answer wins and the rest of the upload is dropped.
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** True when the server closed the connection without any response. */
  closedWithoutAnswer: boolean;
}

export interface RawRequest {
  method: string;
  target: string;
  headers?: Readonly<Record<string, string>>;
  /** The body; a function produces it in chunks (for bodies too big to hold twice). */
  body?: string | Buffer | (() => Iterable<Buffer>);
  /** Give up after this many milliseconds (default 20 s). */
  timeout?: number;
  /** Leave out the Host header this client adds when `headers` has none. */
  noHost?: boolean;
}

const CRLF = '\r\n';

function head(port: number, request: RawRequest, length: number | undefined): string {
  const lines = [`${request.method} ${request.target} HTTP/1.1`];
  const headers = { ...request.headers };
  const names = Object.keys(headers).map((name) => name.toLowerCase());
  if (!request.noHost && !names.includes('host')) lines.push(`Host: 127.0.0.1:${port}`);
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (length !== undefined && !names.includes('content-length'))
    lines.push(`Content-Length: ${length}`);
  if (!names.includes('connection')) lines.push('Connection: close');
  return lines.join(CRLF) + CRLF + CRLF;
}

function decodeChunked(raw: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = raw.indexOf(CRLF, at);
    if (end === -1) return undefined;
    const size = Number.parseInt(raw.subarray(at, end).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(parts);
    if (raw.length < end + 2 + size + 2) return undefined;
    parts.push(raw.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
}

/** Parses a complete response out of `raw`, or returns undefined when more bytes are needed. */
function parse(raw: Buffer, method: string, ended: boolean): RawResponse | undefined {
  const split = raw.indexOf(CRLF + CRLF);
  if (split === -1) return undefined;
  const [statusLine = '', ...lines] = raw.subarray(0, split).toString('latin1').split(CRLF);
  const status = Number(statusLine.split(' ')[1]);
  // An interim 1xx (100 Continue) precedes the real answer.
  if (status >= 100 && status < 200) return parse(raw.subarray(split + 4), method, ended);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = raw.subarray(split + 4);
  const done = (body: Buffer): RawResponse => ({
    status,
    headers,
    body: body.toString('utf8'),
    closedWithoutAnswer: false,
  });
  if (method === 'HEAD' || status === 204 || status === 304) return done(Buffer.alloc(0));
  if (headers['transfer-encoding']?.toLowerCase().includes('chunked')) {
    const body = decodeChunked(rest);
    return body === undefined ? undefined : done(body);
  }
  if (headers['content-length'] !== undefined) {
    const length = Number(headers['content-length']);
    return rest.length >= length ? done(rest.subarray(0, length)) : undefined;
  }
  return ended ? done(rest) : undefined;
}

/** Sends one request on a fresh connection and resolves with the first response. */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  const body = request.body;
  const length =
    body === undefined || typeof body === 'function'
      ? undefined
      : typeof body === 'string'
        ? Buffer.byteLength(body)
        : body.length;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    let settled = false;
    const finish = (outcome: RawResponse | Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const timer = setTimeout(
      () => finish(new Error(`no answer to ${request.method} ${request.target.slice(0, 80)}`)),
      request.timeout ?? 20_000,
    );
    const attempt = (ended: boolean) => {
      const buffer = Buffer.concat(received);
      const parsed = parse(buffer, request.method.toUpperCase(), ended);
      if (parsed) finish(parsed);
      else if (ended) {
        finish({
          status: 0,
          headers: {},
          body: buffer.toString('utf8'),
          closedWithoutAnswer: true,
        });
      }
    };
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      attempt(false);
    });
    socket.on('end', () => attempt(true));
    socket.on('close', () => attempt(true));
    // A server that answered early and closed makes our writes fail: the answer is what counts.
    socket.on('error', () => attempt(true));
    socket.on('connect', async () => {
      socket.write(head(port, request, length));
      if (body === undefined) return;
      if (typeof body !== 'function') {
        socket.write(body);
        return;
      }
      for (const chunk of body()) {
        if (settled || socket.destroyed) return;
        if (!socket.write(chunk)) {
          await new Promise<void>((drained) => {
            const go = () => {
              socket.off('drain', go);
              socket.off('close', go);
              drained();
            };
            socket.on('drain', go);
            socket.on('close', go);
          });
        }
      }
    });
  });
}
