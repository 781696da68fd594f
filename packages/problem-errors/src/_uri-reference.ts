// RFC 3986 §4.1 URI-reference check, one pass over the string (no regex, so no backtracking).

/** A lookup table of the ASCII characters allowed in a component: 1 where allowed. */
type CharTable = Uint8Array;

function table(extra: string): CharTable {
  const allowed = new Uint8Array(128);
  for (const char of `ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=${extra}`) {
    allowed[char.charCodeAt(0)] = 1;
  }
  return allowed;
}

// unreserved / sub-delims, plus what each component allows besides (RFC 3986 §3.2–3.5).
const HOST = table('');
const USERINFO = table(':');
const PATH = table(':@/');
const QUERY_OR_FRAGMENT = table(':@/?');

function isHex(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) ||
    (code >= 0x41 && code <= 0x46) ||
    (code >= 0x61 && code <= 0x66)
  );
}

function isAlpha(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Every char is allowed by `allowed` or is pct-encoded. */
function isComponent(value: string, start: number, end: number, allowed: CharTable): boolean {
  for (let index = start; index < end; index++) {
    const code = value.charCodeAt(index);
    if (code < 128 && allowed[code] === 1) continue;
    if (code === 0x25) {
      if (!isHex(value.charCodeAt(index + 1)) || !isHex(value.charCodeAt(index + 2))) return false;
      if (index + 2 >= end) return false;
      index += 2;
      continue;
    }
    return false;
  }
  return true;
}

function isScheme(value: string, end: number): boolean {
  if (end === 0 || !isAlpha(value.charCodeAt(0))) return false;
  for (let index = 1; index < end; index++) {
    const code = value.charCodeAt(index);
    if (
      !(
        isAlpha(code) ||
        (code >= 0x30 && code <= 0x39) ||
        code === 0x2b ||
        code === 0x2d ||
        code === 0x2e
      )
    ) {
      return false;
    }
  }
  return true;
}

function isAuthority(value: string, start: number, end: number): boolean {
  const at = value.indexOf('@', start);
  let hostStart = start;
  if (at !== -1 && at < end) {
    if (!isComponent(value, start, at, USERINFO)) return false;
    hostStart = at + 1;
  }
  let portStart = -1;
  if (value.charCodeAt(hostStart) === 0x5b) {
    // IP-literal: IPv6address / IPvFuture between brackets.
    const close = value.indexOf(']', hostStart);
    if (close === -1 || close >= end || close === hostStart + 1) return false;
    if (!isComponent(value, hostStart + 1, close, USERINFO)) return false;
    if (close + 1 < end) {
      if (value.charCodeAt(close + 1) !== 0x3a) return false;
      portStart = close + 2;
    }
  } else {
    const colon = value.indexOf(':', hostStart);
    const hostEnd = colon !== -1 && colon < end ? colon : end;
    if (!isComponent(value, hostStart, hostEnd, HOST)) return false;
    if (hostEnd < end) portStart = hostEnd + 1;
  }
  if (portStart !== -1) {
    for (let index = portStart; index < end; index++) {
      const code = value.charCodeAt(index);
      if (code < 0x30 || code > 0x39) return false;
    }
  }
  return true;
}

/** A path-absolute of unreserved, sub-delims, `:`, `@` and `/` only; one character class, so linear. */
const ABSOLUTE_PATH = /^\/(?!\/)[\w\-.~!$&'()*+,;=:@/]*$/;

/**
 * Whether `value` is an RFC 3986 URI reference (an absolute URI or a relative reference).
 * Linear in the length of `value`.
 */
export function isUriReference(value: string): boolean {
  // The common case, a request path: "/" then pchars and slashes, not "//" (an authority).
  // Always valid (RFC 3986 path-absolute), and one engine regex test instead of the walk below.
  if (ABSOLUTE_PATH.test(value)) return true;
  const hash = value.indexOf('#');
  const end = hash === -1 ? value.length : hash;
  if (hash !== -1 && !isComponent(value, hash + 1, value.length, QUERY_OR_FRAGMENT)) return false;
  const question = value.indexOf('?');
  const hierEnd = question !== -1 && question < end ? question : end;
  if (hierEnd < end && !isComponent(value, hierEnd + 1, end, QUERY_OR_FRAGMENT)) return false;

  let start = 0;
  const colon = value.indexOf(':');
  const slash = value.indexOf('/');
  if (colon !== -1 && colon < hierEnd && (slash === -1 || colon < slash)) {
    // A colon in the first segment makes it a scheme; a relative path may not have one there.
    if (!isScheme(value, colon)) return false;
    start = colon + 1;
  }
  if (value.startsWith('//', start)) {
    const pathStart = value.indexOf('/', start + 2);
    const authorityEnd = pathStart !== -1 && pathStart < hierEnd ? pathStart : hierEnd;
    if (!isAuthority(value, start + 2, authorityEnd)) return false;
    start = authorityEnd;
  }
  return isComponent(value, start, hierEnd, PATH);
}
