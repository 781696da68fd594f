import type { IncomingMessage } from 'node:http';
import { serialiseParsedBody, toWebRequest as nodeRequest, type ParsedBody } from '@fielding/node';
import type { ExpressRequest, ExpressResponse } from './types.js';

/** Express's compiled `trust proxy` setting: does this socket address get to forward headers? */
type TrustProxy = (address: string | undefined, hop: number) => boolean;

interface ExpressApplicationLike {
  get(setting: string): unknown;
}

/**
 * The authority for the Web URL: Express's `req.hostname` rule (trusted `X-Forwarded-Host`,
 * else `Host`) but keeping the port, which `req.hostname` drops.
 */
function authority(req: ExpressRequest): string {
  const app = (req as { app?: ExpressApplicationLike }).app;
  const header = req.headers['x-forwarded-host'];
  const forwarded = Array.isArray(header) ? header[0] : header;
  if (forwarded !== undefined && forwarded !== '' && app !== undefined) {
    const trust = app.get('trust proxy fn') as TrustProxy | undefined;
    if (trust?.(req.socket.remoteAddress, 0)) {
      const comma = forwarded.indexOf(',');
      return comma === -1 ? forwarded : forwarded.slice(0, comma).trimEnd();
    }
  }
  return req.headers.host ?? req.hostname ?? 'localhost';
}

/**
 * The full URL the client asked for, as Express sees it: `req.protocol` (honours
 * `trust proxy`), the host with port, and `req.originalUrl` (the mount path is not stripped);
 * or the target itself when the client sent an absolute URL.
 */
export function requestUrl(req: ExpressRequest): string {
  const path = req.originalUrl ?? req.url ?? '/';
  // RFC 9112 §3.2.2: an absolute-form target (`GET http://host/path`) is the URL itself.
  if (path.charCodeAt(0) !== 0x2f && /^https?:\/\//i.test(path)) return path;
  return `${req.protocol ?? 'http'}://${authority(req)}${path}`;
}

/** True when some body parser has read the stream and left its result on `req.body`. */
export function hasParsedBody(req: ExpressRequest): boolean {
  // body-parser 1 (Express 4) sets `_body`; body-parser 2 (Express 5) only leaves `req.body`
  // defined after it read the stream (it is `{}` in Express 4 even when nothing was parsed).
  return (
    (req as { _body?: unknown })._body === true || (req.body !== undefined && req.readableEnded)
  );
}

/** What a body parser left, re-serialised, or `undefined` to stream the request itself. */
function parsedBody(req: IncomingMessage): ParsedBody | undefined {
  const request = req as ExpressRequest;
  return hasParsedBody(request)
    ? serialiseParsedBody(request.body, request.headers['content-type'])
    : undefined;
}

const deferredUrl = (req: IncomingMessage): string => requestUrl(req as ExpressRequest);

/**
 * The Web `Request` for an Express request (lazy; see `toWebRequest` in `@fielding/node`):
 * the full original URL with `trust proxy` honoured, and a body parser's result when one ran.
 * With `deferUrl`, even the URL (Express's `req.protocol` and trust-proxy checks) is worked out
 * on first read; only for callers that hand Express nothing back before answering
 * (`toExpress`), since `req.app` — whose `trust proxy` applies — changes while Express walks
 * on through mounted apps.
 */
export function toWebRequest(req: ExpressRequest, res: ExpressResponse, deferUrl = false): Request {
  return nodeRequest(req, res, { url: deferUrl ? deferredUrl : requestUrl(req), parsedBody });
}
