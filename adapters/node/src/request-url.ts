import type { IncomingMessage } from 'node:http';
import { requestOrigin, type ProxyTrustOptions } from '@fielding/core';

// RFC 9110 §7.2 Host: uri-host [ ":" port ] — reg-name and IP-literal characters only. Anything
// else (a slash, an @, a space) would change what the URL parser makes of the authority.
const HOST = /^[\w.~!$&'()*+,;=%:[\]-]+$/;

// RFC 3986 §2.1: a "%" starts exactly two hex digits. Node's parser lets `/%ZZ` through, and
// each framework then answers it its own way (Fastify: FST_ERR_BAD_URL, Express: 404 or 500).
const BAD_ESCAPE = /%(?![\da-f]{2})/i;

// The character check lets through hosts the URL parser still refuses (`%.`, `]&`, `a:b`,
// `999.1.1.1`). The parser costs ~1.2 µs and the characters ~0.1 µs, and a server sees the
// same Host over and over, so the last host that passed both is remembered.
let lastValidHost = '';

/** A host the URL parser takes as the authority of an http URL. */
function isValidHost(host: string): boolean {
  if (host === lastValidHost) return true;
  if (!HOST.test(host) || !URL.canParse(`http://${host}/`)) return false;
  lastValidHost = host;
  return true;
}

/** Why a request's Host and target make no URL: the `detail` of its 400. */
export interface BadTarget {
  readonly problem: string;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const comma = text.indexOf(',');
  return (comma === -1 ? text : text.slice(0, comma)).trim() || undefined;
}

/** RFC 9112 §3.2: more than one Host field is a 400; Node keeps the first and drops the rest. */
function hostFields(req: IncomingMessage): number {
  let count = 0;
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string;
    if (name.length === 4 && name.toLowerCase() === 'host') count++;
  }
  return count;
}

function checkHost(req: IncomingMessage): BadTarget | undefined {
  const host = req.headers.host;
  if (host === undefined) {
    // HTTP/1.0 may omit Host; HTTP/1.1 must send it (RFC 9112 §3.2). HTTP/2 has :authority.
    if (req.httpVersionMajor === 1 && req.httpVersionMinor === 1) {
      return { problem: 'An HTTP/1.1 request must carry a Host header field.' };
    }
    return undefined;
  }
  if (hostFields(req) > 1) return { problem: 'The request carries more than one Host field.' };
  if (!isValidHost(host)) {
    return { problem: `The Host header field (${JSON.stringify(host)}) is not a valid host.` };
  }
  return undefined;
}

// RFC 9112 §6.3: a request whose Transfer-Encoding does not end in chunked has no way to say
// where its body ends. Node's parser finds that only once the listener ran, so a route that
// answers without reading the body would answer it as if it were fine.
const CHUNKED_LAST = /(?:^|,)[\t ]*chunked[\t ]*$/i;

/**
 * What is wrong with a request's `Host`, request target and framing, or `undefined` when they
 * are fine: a missing (HTTP/1.1), repeated or malformed Host, the asterisk-form target with a
 * method other than OPTIONS, a malformed percent-escape, or a Transfer-Encoding that does not
 * end in chunked. The server answers 400 with it.
 */
export function checkRequestTarget(req: IncomingMessage): BadTarget | undefined {
  const coding = req.headers['transfer-encoding'];
  if (coding !== undefined && !CHUNKED_LAST.test(coding)) {
    return { problem: 'The Transfer-Encoding of the request does not end with chunked.' };
  }
  const target = req.url ?? '/';
  if (target === '*') {
    return req.method === 'OPTIONS'
      ? checkHost(req)
      : { problem: 'The asterisk-form request target is only for OPTIONS.' };
  }
  if (BAD_ESCAPE.test(target)) {
    return { problem: 'The request target holds a malformed percent-escape.' };
  }
  return checkHost(req);
}

/** A Node request's header as Fetch's `Headers.get` gives it: repeated fields joined. */
function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Options of {@link requestUrl}.
 *
 * @example
 * ```ts
 * import type { RequestUrlOptions } from '@fielding/node';
 *
 * // Express: the mount path is part of the URL the client asked for.
 * const options: RequestUrlOptions = { target: '/api/blogs', proxyTrust: { trustProxy: false } };
 * ```
 */
export interface RequestUrlOptions {
  /** The request target to use instead of `req.url` (Express's `req.originalUrl`). */
  readonly target?: string | undefined;
  /** Which proxy headers to believe, by the one hop rule of `requestOrigin` (`@fielding/core`). */
  readonly proxyTrust?: ProxyTrustOptions | undefined;
}

/**
 * The full URL the client asked for: the scheme of the socket (`https` on TLS), the `Host`
 * header (HTTP/2's `:authority`) and the request target; behind a proxy named in
 * `proxyTrust`, the origin `requestOrigin` of `@fielding/core` reads from its header. Every
 * adapter builds its `Request` URL with this one function. `undefined` when the host or the
 * target cannot make a URL: answer 400.
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { requestUrl } from '@fielding/node';
 *
 * createServer((req, res) => {
 *   const url = requestUrl(req);
 *   res.statusCode = url === undefined ? 400 : 200;
 *   res.end(url ?? 'The Host header or the request target makes no URL.');
 * });
 * ```
 */
export function requestUrl(
  req: IncomingMessage,
  options: RequestUrlOptions = {},
): string | undefined {
  const scheme = (req.socket as { encrypted?: boolean } | null)?.encrypted ? 'https' : 'http';
  const host = req.headers.host ?? firstValue(req.headers[':authority']) ?? 'localhost';
  if (!isValidHost(host)) return undefined;
  const target = options.target ?? req.url ?? '/';
  let url: string;
  if (target.startsWith('/')) url = `${scheme}://${host}${target}`;
  // The absolute form a client may send to a proxy: it is the URL.
  else if (/^https?:\/\//i.test(target) && URL.canParse(target)) url = target;
  else return undefined;
  const trust = options.proxyTrust;
  if ((trust?.trustProxy ?? false) === false) return url;
  const origin = requestOrigin({ url, headers: { get: (name) => header(req, name) } }, trust);
  return origin + url.slice(new URL(url).origin.length);
}
