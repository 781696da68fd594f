// Who the client is, by network address. A Web Request carries no socket address, so it comes
// from a proxy's header (only the one the deployment names, read with the same hop rule as
// `requestOrigin` of @fielding/core) or from the runtime (`remoteAddress`). A client can write
// anything into X-Forwarded-For or Forwarded; what it wrote is only ever before the values the
// trusted proxies appended, and those are the ones read here.
import { proxyValue, type ProxyTrustOptions } from '@fielding/core';
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

/** {@link clientAddress} as a parsed address, for keys that group IPv6 networks. */
export function clientAddressOf(
  request: Request,
  options: ClientAddressOptions = {},
): Address | undefined {
  // core's one hop rule: read from the end, stop at the value the trusted proxy appended.
  const address = parseAddress(proxyValue(request, 'for', options));
  if (address !== undefined) return address;
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
