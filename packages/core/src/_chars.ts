// Character classes of RFC 9110 §5.6, as code-unit predicates. Lookups, not regexes, so every
// scanner in this package stays one pass over its input.

/** `"` */
export const DQUOTE = 0x22;
/** `\` */
export const BACKSLASH = 0x5c;
/** `,` */
export const COMMA = 0x2c;
/** `;` */
export const SEMICOLON = 0x3b;
/** `=` */
export const EQUALS = 0x3d;

// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
//       / DIGIT / ALPHA
const TCHAR = new Uint8Array(128);
for (const char of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TCHAR[char.charCodeAt(0)] = 1;
}

/** tchar (§5.6.2). */
export function isTchar(code: number): boolean {
  return code < 128 && TCHAR[code] === 1;
}

/** qdtext = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text (§5.6.4). */
export function isQdtext(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x20 ||
    code === 0x21 ||
    (code >= 0x23 && code <= 0x5b) ||
    (code >= 0x5d && code <= 0x7e) ||
    (code >= 0x80 && code <= 0xff)
  );
}

/** What may follow `\` in a quoted-pair: HTAB / SP / VCHAR / obs-text (§5.6.4). */
export function isQuotedPairText(code: number): boolean {
  return code === 0x09 || (code >= 0x20 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

/** etagc = %x21 / %x23-7E / obs-text (§8.8.3). */
export function isEtagc(code: number): boolean {
  return code === 0x21 || (code >= 0x23 && code <= 0x7e) || (code >= 0x80 && code <= 0xff);
}

/** OWS = *( SP / HTAB ) (§5.6.3). */
export function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** Trims SP and HTAB only: `String#trim` would also eat CR, LF and Unicode spaces. */
export function trimOws(value: string, start: number = 0, end: number = value.length): string {
  while (start < end && isOws(value.charCodeAt(start))) start++;
  while (end > start && isOws(value.charCodeAt(end - 1))) end--;
  return value.slice(start, end);
}
