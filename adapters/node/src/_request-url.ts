import type { IncomingMessage } from 'node:http';

// RFC 9110 §7.2 Host: uri-host [ ":" port ] — reg-name and IP-literal characters only. Anything
// else (a slash, an @, a space) would change what the URL parser makes of the authority.
const HOST = /^[\w.~!$&'()*+,;=%:[\]-]*$/;

function firstValue(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  const comma = text.indexOf(',');
  return (comma === -1 ? text : text.slice(0, comma)).trim() || undefined;
}

/**
 * The full URL the client asked for: the scheme of the socket (`https` on TLS), the `Host`
 * header (HTTP/2's `:authority`) and the request target. With `trustProxy`, a reverse proxy's
 * `X-Forwarded-Proto` and `X-Forwarded-Host` win. `undefined` when the host or target cannot
 * make a URL (the caller answers 400).
 */
export function requestUrl(req: IncomingMessage, trustProxy = false): string | undefined {
  const headers = req.headers;
  let scheme = (req.socket as { encrypted?: boolean } | null)?.encrypted ? 'https' : 'http';
  let host = headers.host ?? firstValue(headers[':authority']) ?? 'localhost';
  if (trustProxy) {
    const proto = firstValue(headers['x-forwarded-proto'])?.toLowerCase();
    if (proto === 'http' || proto === 'https') scheme = proto;
    host = firstValue(headers['x-forwarded-host']) ?? host;
  }
  if (!HOST.test(host)) return undefined;
  const target = req.url ?? '/';
  if (target.startsWith('/')) return `${scheme}://${host}${target}`;
  // The absolute form a client may send to a proxy: it is the URL.
  return /^https?:\/\//i.test(target) && URL.canParse(target) ? target : undefined;
}
