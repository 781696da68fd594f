// Test oracle: RFC 3986 §4.1 URI-reference transcribed from the ABNF as one regular expression,
// independent of the scanner in src/_uri-reference.ts. Case-insensitive, ASCII only.
const pct = '%[\\da-f]{2}';
const pchar = `(?:[\\w.~!$&'()*+,;=:@-]|${pct})`;
const pcharNoColon = `(?:[\\w.~!$&'()*+,;=@-]|${pct})`;
const userinfo = `(?:[\\w.~!$&'()*+,;=:-]|${pct})*`;
const host = `(?:\\[[\\w.~!$&'()*+,;=:-]+\\]|(?:[\\w.~!$&'()*+,;=-]|${pct})*)`;
const authority = `(?:${userinfo}@)?${host}(?::\\d*)?`;
const pathAbempty = `(?:/${pchar}*)*`;
const pathAbsolute = `/(?:${pchar}+(?:/${pchar}*)*)?`;
const pathRootless = `${pchar}+(?:/${pchar}*)*`;
const pathNoScheme = `${pcharNoColon}+(?:/${pchar}*)*`;
const query = `(?:[\\w.~!$&'()*+,;=:@/?-]|${pct})*`;
const hierPart = `(?://${authority}${pathAbempty}|${pathAbsolute}|${pathRootless})?`;
const relativePart = `(?://${authority}${pathAbempty}|${pathAbsolute}|${pathNoScheme})?`;

const URI_REFERENCE = new RegExp(
  `^(?:[a-z][a-z\\d+.-]*:${hierPart}|${relativePart})(?:\\?${query})?(?:#${query})?$`,
  'i',
);

/** Whether `value` matches RFC 3986 `URI-reference` (the oracle for `format: uri-reference`). */
export function matchesUriReference(value: string): boolean {
  return URI_REFERENCE.test(value);
}
