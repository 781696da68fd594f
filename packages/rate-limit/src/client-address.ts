// Who the client is, by network address. A Web Request carries no socket address, so it comes
// from a proxy's header (only the one the deployment names, read with the same hop rule as
// `requestOrigin` of @fielding/core) or from the runtime (`remoteAddress`). A client can write
// anything into X-Forwarded-For or Forwarded; what it wrote is only ever before the values the
// trusted proxies appended, and those are the ones read here.
import type { ProxyTrustOptions, RequestLike } from '@fielding/core';
import { formatAddress, parseAddress, type Address } from './_ip.js';

/** Options of {@link clientAddress}: which proxy header to believe, and the socket's address. */
export interface ClientAddressOptions extends ProxyTrustOptions {
  /**
   * The address of the peer that opened the connection, from the runtime: Deno's
   * `info.remoteAddr.hostname`, Bun's `server.requestIP(request)?.address`, a Node request's
   * `socket.remoteAddress`. Used when no trusted proxy header names the client.
   */
  readonly remoteAddress?: (request: Request) => string | undefined;
}

/** The member `hops` from the end of a comma list; the first when there are fewer. */
function fromEnd(list: string, hops: number): string {
  let end = list.length;
  for (let member = 1; ; member += 1) {
    const comma = list.lastIndexOf(',', end - 1);
    if (member >= hops || comma === -1) return list.slice(comma + 1, end);
    end = comma;
  }
}

/**
 * The element `hops` from the end of a `Forwarded` value (the first when there are fewer),
 * read backwards: commas inside quoted strings do not split, and nothing before that element —
 * what the client wrote, an unclosed quote included — is ever parsed.
 */
function forwardedFromEnd(value: string, hops: number): string {
  let end = value.length;
  let member = 1;
  let quoted = false;
  for (let index = value.length - 1; index >= 0; index -= 1) {
    const char = value[index];
    if (char === '"') {
      let backslashes = 0;
      while (value[index - 1 - backslashes] === '\\') backslashes += 1;
      if (backslashes % 2 === 0) quoted = !quoted;
    } else if (char === ',' && !quoted) {
      if (member >= hops) return value.slice(index + 1, end);
      member += 1;
      end = index;
    }
  }
  return value.slice(0, end);
}

/** The `for` parameter of one `Forwarded` element (RFC 7239 §4), unquoted; `''` without one. */
function forwardedFor(element: string): string {
  let current = '';
  let pair = '';
  let quoted = false;
  let escaped = false;
  const endPair = (): void => {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim().toLowerCase() === 'for') {
      current = pair.slice(eq + 1).trim();
    }
    pair = '';
  };
  for (const char of element) {
    if (escaped) {
      pair += char;
      escaped = false;
    } else if (quoted) {
      if (char === '\\') escaped = true;
      else if (char === '"') quoted = false;
      else pair += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ';') {
      endPair();
    } else {
      pair += char;
    }
  }
  endPair();
  return current;
}

function proxied(
  request: RequestLike,
  trust: 'forwarded' | 'x-forwarded',
  hops: number,
): string | undefined {
  const header = request.headers.get(trust === 'forwarded' ? 'forwarded' : 'x-forwarded-for');
  if (header === null) return undefined;
  // Both read from the end and stop at the element wanted: the work does not depend on what a
  // client put before it.
  return trust === 'x-forwarded'
    ? fromEnd(header, hops)
    : forwardedFor(forwardedFromEnd(header, hops));
}

/** {@link clientAddress} as a parsed address, for keys that group IPv6 networks. */
export function clientAddressOf(
  request: Request,
  options: ClientAddressOptions = {},
): Address | undefined {
  const trust = options.trustProxy ?? false;
  if (trust !== false) {
    const hops = Math.max(1, Math.floor(options.proxyHops ?? 1));
    const address = parseAddress(proxied(request, trust, hops));
    if (address !== undefined) return address;
  }
  return parseAddress(options.remoteAddress?.(request));
}

/**
 * The client's network address: behind a proxy named in `trustProxy`, the address that proxy
 * reports, taken `proxyHops` from the end of `X-Forwarded-For` or of `Forwarded`'s `for=` (what a
 * client sends itself comes before, and is never read); otherwise, or when that is missing or
 * no address, the runtime's `remoteAddress`. IPv6 comes back in RFC 5952 form, an IPv4-mapped
 * IPv6 address as IPv4, ports and brackets removed; `undefined` when nothing names one.
 *
 * @param request - the request
 * @param options - which proxy header to trust, how many proxies append to it, the socket's address
 * @returns the address, e.g. `203.0.113.7` or `2001:db8::17`
 *
 * @example
 * ```ts
 * import { clientAddress } from '@fielding/rate-limit';
 *
 * const request = new Request('https://api.test/', {
 *   headers: { 'X-Forwarded-For': '198.51.100.1, 203.0.113.7' }, // the client wrote the first
 * });
 * clientAddress(request); // undefined — nothing is trusted by default
 * clientAddress(request, { trustProxy: 'x-forwarded' }); // '203.0.113.7'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7239#section-5.2
 */
export function clientAddress(
  request: Request,
  options: ClientAddressOptions = {},
): string | undefined {
  const address = clientAddressOf(request, options);
  return address === undefined ? undefined : formatAddress(address);
}
