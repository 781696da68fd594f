import type { IncomingMessage } from 'node:http';
import type { ProxyTrustOptions } from '@fielding/core';
import {
  requestUrl,
  serialiseParsedBody,
  toWebRequest as nodeRequest,
  type ParsedBody,
} from '@fielding/node';
import type { ExpressRequest, ExpressResponse } from './types.js';

// The Web `Request` both sides of the adapter hand to Fielding code. Express's own idea of the
// origin (`req.protocol`, `req.hostname` under its `trust proxy` setting) is not used: it takes
// the first X-Forwarded-Host value, which a client writes when the proxy appends to the header.
// The scheme comes from the socket, the host from `Host`, and a proxy is believed only through
// `requestOrigin` of @fielding/core, counted `proxyHops` from the end (issue 16).

/** Why a request makes no URL: the `detail` of its 400. */
export interface NoUrl {
  readonly detail: string;
}

const NO_URL: NoUrl = {
  detail:
    'The Host header field or the request target makes no URL (RFC 9110 §7.2, RFC 9112 §3.2).',
};

/**
 * The full URL the client asked for, mount path included (`req.originalUrl`), built by the one
 * `requestUrl` of `@fielding/node`; or why there is none.
 */
export function directUrl(req: ExpressRequest): string | NoUrl {
  return requestUrl(req, { target: req.originalUrl ?? req.url }) ?? NO_URL;
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
    url:
      (trust.trustProxy ?? false) === false
        ? url
        : () => requestUrl(req, { target: req.originalUrl ?? req.url, proxyTrust: trust }) ?? url,
    parsedBody,
  });
}
