import type { Socket } from 'node:net';
import { problemDocument, PROBLEM_JSON, statusTitle } from '@fielding/problem-errors';

// Node's HTTP parser answers a request it cannot parse itself, before any listener runs: by
// default with a bare `400 Bad Request` (or 431, 408) and no body, and each framework with its
// own (Fastify: `{"error":"Bad Request","message":"Client Error"}`). This answers them as RFC
// 9457 problems, like everything else the toolkit says, and says nothing of the parser's error.

/** The parser's error codes that have a status of their own; any other is a 400. */
const STATUS_BY_CODE = new Map([
  ['HPE_HEADER_OVERFLOW', 431],
  ['ERR_HTTP_REQUEST_TIMEOUT', 408],
  ['HPE_INVALID_METHOD', 501],
]);

const DETAIL_BY_STATUS = new Map([
  [400, 'The request is not valid HTTP/1.1.'],
  [408, 'The request was not received in time.'],
  [431, 'The request header fields are too large.'],
  [501, 'The request method is not implemented by this server.'],
]);

/** The bytes of a whole problem+json response that closes the connection. */
function problemBytes(status: number, detail = DETAIL_BY_STATUS.get(status) ?? ''): string {
  const body = JSON.stringify(problemDocument({ status, detail }));
  return (
    `HTTP/1.1 ${status} ${statusTitle(status)}\r\n` +
    `Content-Type: ${PROBLEM_JSON}\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}

interface ServerSocket extends Socket {
  /** The response Node is writing on this socket, if any (undocumented, read defensively). */
  _httpMessage?: { headersSent?: boolean } | null;
}

/**
 * A `clientError` listener for any `node:http` server (Express, Hono, Fastify's
 * `clientErrorHandler` option, or your own): answers a request Node's parser rejected — a
 * malformed request line or header, header fields over `maxHeaderSize` (431), a request not
 * received within `requestTimeout` (408), a method the parser does not know (501) — with an RFC
 * 9457 problem+json, then closes the connection. A reset connection gets no answer.
 * {@link createNodeServer} installs it.
 *
 * @param error - the parser's error (its `code` picks the status; nothing of it is sent)
 * @param socket - the client's socket
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { answerClientError } from '@fielding/node';
 *
 * const server = createServer((req, res) => res.end('ok'));
 * server.on('clientError', answerClientError);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9112#section-2.2
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  const pending = (socket as ServerSocket)._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || pending?.headersSent === true) {
    socket.destroy();
    return;
  }
  socket.end(problemBytes(STATUS_BY_CODE.get(error.code ?? '') ?? 400));
}

/**
 * A `connect` listener for an origin server: Node hands a `CONNECT` request (a tunnel through a
 * proxy, RFC 9110 §9.3.6) to this event instead of the request listener and, without one,
 * drops the connection unanswered. This answers 501 problem+json: the server is not a proxy.
 * {@link createNodeServer} installs it.
 *
 * @param _req - the CONNECT request (not read)
 * @param socket - the client's socket
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { refuseConnect } from '@fielding/node';
 *
 * createServer((req, res) => res.end('ok')).on('connect', refuseConnect);
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9.3.6
 */
export function refuseConnect(_req: unknown, socket: Socket): void {
  if (!socket.writable) return;
  socket.end(problemBytes(501, 'This server is not a proxy: CONNECT is not implemented.'));
}
