import type { IncomingMessage } from 'node:http';
import { requestOrigin, type ProxyTrustOptions } from '@fielding/core';
import { serialiseParsedBody, toWebRequest as nodeRequest, type ParsedBody } from '@fielding/node';
import type { ExpressRequest, ExpressResponse } from './types.js';

// The Web `Request` both sides of the adapter hand to Fielding code. Express's own idea of the
// origin (`req.protocol`, `req.hostname` under its `trust proxy` setting) is not used: it takes
// the first X-Forwarded-Host value, which a client writes when the proxy appends to the header.
// The scheme comes from the socket, the host from `Host`, and a proxy is believed only through
// `requestOrigin` of @fielding/core, counted `proxyHops` from the end (issue 16).

// RFC 9110 §7.2 Host: uri-host [ ":" port ] — reg-name and IP-literal characters only. Anything
// else (a slash, an @, a space) would change what the URL parser makes of the authority.
const HOST = /^[\w.~!$&'()*+,;=%:[\]-]+$/;

// A server sees the same Host over and over: the last one that passed both checks is kept.
let lastValidHost = '';

function isValidHost(host: string): boolean {
  if (host === lastValidHost) return true;
  if (!HOST.test(host) || !URL.canParse(`http://${host}/`)) return false;
  lastValidHost = host;
  return true;
}

/** RFC 9112 §3.2.2: the absolute form a client may send; it is then the URL. */
function isAbsoluteHttpUrl(target: string): boolean {
  return /^https?:\/\//i.test(target) && URL.canParse(target);
}

/** Why a request makes no URL: the `detail` of its 400. */
export interface NoUrl {
  readonly detail: string;
}

/**
 * The full URL the client asked for, mount path included (`req.originalUrl`): `http`/`https`
 * from the socket and the `Host` header, or the target itself in absolute form; or why there is
 * none (a Host or target no URL can be made of).
 */
export function directUrl(req: ExpressRequest): string | NoUrl {
  const target = req.originalUrl ?? req.url ?? '/';
  if (target.charCodeAt(0) !== 0x2f) {
    return isAbsoluteHttpUrl(target)
      ? target
      : { detail: 'The request target is neither a path nor an absolute http(s) URL.' };
  }
  const host = req.headers.host ?? 'localhost';
  if (!isValidHost(host)) {
    return { detail: `The Host header field (${JSON.stringify(host)}) is not a valid host.` };
  }
  const scheme = (req.socket as { encrypted?: boolean } | null)?.encrypted ? 'https' : 'http';
  return `${scheme}://${host}${target}`;
}

/** A Node request's header as `Headers.get` gives it: repeated fields joined. */
function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/** `url` with the origin a trusted proxy reports (`requestOrigin`, the one hop rule). */
function proxiedUrl(req: IncomingMessage, url: string, trust: ProxyTrustOptions): string {
  const origin = requestOrigin({ url, headers: { get: (name) => header(req, name) } }, trust);
  return origin + url.slice(new URL(url).origin.length);
}

/** True when some body parser has read the stream and left its result on `req.body`. */
function hasParsedBody(req: ExpressRequest): boolean {
  // body-parser 1 (Express 4) sets `_body`; body-parser 2 (Express 5) only leaves `req.body`
  // defined after it read the stream (it is `{}` in Express 4 even when nothing was parsed).
  return (
    (req as { _body?: unknown })._body === true || (req.body !== undefined && req.readableEnded)
  );
}

/**
 * True when the Fielding side has read (some of) a body that only `req` holds: the Express
 * handlers would find the stream spent. A body a parser read before is re-serialised from
 * `req.body`, which reading leaves in place.
 */
export function bodyTaken(req: ExpressRequest, request: Request): boolean {
  return request.bodyUsed && !hasParsedBody(req);
}

/** What a body parser left, re-serialised, or `undefined` to stream the request itself. */
function parsedBody(req: IncomingMessage): ParsedBody | undefined {
  const request = req as ExpressRequest;
  return hasParsedBody(request)
    ? serialiseParsedBody(request.body, request.headers['content-type'])
    : undefined;
}

/**
 * The lazy Web `Request` (see `toWebRequest` of `@fielding/node`) for an Express request whose
 * {@link directUrl} is `url`: behind a trusted proxy its origin is the proxy's, worked out on
 * first read; the body is a body parser's result when one ran before.
 */
export function toWebRequest(
  req: ExpressRequest,
  res: ExpressResponse,
  url: string,
  trust: ProxyTrustOptions,
): Request {
  return nodeRequest(req, res, {
    url: (trust.trustProxy ?? false) === false ? url : () => proxiedUrl(req, url, trust),
    parsedBody,
  });
}
