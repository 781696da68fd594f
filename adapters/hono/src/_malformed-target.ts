// RFC 9110 §7.2 Host: uri-host [ ":" port ] — reg-name and IP-literal characters only (as
// @fielding/node checks it). Two Host fields arrive joined as `a, b`: the space fails too.
const HOST = /^[\w.~!$&'()*+,;=%:[\]-]+$/;

/** Why the request's Host or path is malformed (the `detail` of its 400), or `undefined`. */
export function malformedTarget(request: Request): string | undefined {
  const host = request.headers.get('host');
  if (host !== null && !HOST.test(host)) return 'The Host header field is not a valid host.';
  const url = request.url;
  const start = url.indexOf('/', url.indexOf(':') + 3);
  if (start === -1) return undefined;
  const query = url.indexOf('?', start);
  const end = query === -1 ? url.length : query;
  const percent = url.indexOf('%', start);
  if (percent === -1 || percent >= end) return undefined;
  try {
    decodeURIComponent(url.slice(start, end));
    return undefined;
  } catch {
    return 'The request path holds a malformed percent-encoding.';
  }
}
