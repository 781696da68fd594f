// The Authorization field as RFC 6750 §2.1 defines it for bearer tokens, parsed strictly:
//   credentials = "Bearer" 1*SP b64token
//   b64token    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
// The scheme is case-insensitive (RFC 9110 §11.1; ABNF literals are, RFC 5234 §2.3). Only this
// field is read: RFC 6750 §2.2/§2.3 also allow a form field or a URI query parameter, both of
// which leak tokens into logs and caches, so this toolkit does not accept them (see bearerAuth).

/** The longest bearer token {@link parseBearerAuthorization} accepts, in characters (8 KiB). */
export const BEARER_TOKEN_MAX_LENGTH = 8192;

/**
 * What an `Authorization` field says about a bearer token: there is none (`none`), it uses
 * another scheme (`other-scheme`, e.g. `Basic`), it carries one well-formed token (`token`),
 * or it claims the `Bearer` scheme but breaks the grammar (`malformed`, with a reason that is
 * safe to send to the client).
 */
export type BearerAuthorization =
  | { readonly kind: 'none' }
  | { readonly kind: 'other-scheme'; readonly scheme: string }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'malformed'; readonly reason: string };

const NONE: BearerAuthorization = { kind: 'none' };
// A tchar run (RFC 9110 §5.6.2).
const SCHEME = /^[!#$%&'*+.^`|~\w-]+$/;
// One b64token and nothing else; the two classes are disjoint, so it cannot backtrack.
const B64TOKEN = /^[\w+./~-]+=*$/;
// Two fields folded into one ("Bearer a, Bearer b") or a second credentials after another
// scheme's parameters: the client tried more than one way to authenticate.
const SECOND_BEARER = /,[\t ]*bearer(?:[\t ]|$)/i;

const malformed = (reason: string): BearerAuthorization => ({ kind: 'malformed', reason });

/**
 * Parses an `Authorization` field value for a bearer token. Strict: exactly one `Bearer`
 * credentials with one b64token (any letter case for the scheme, one or more spaces before the
 * token); two fields folded into one, a token with other characters, a missing or over-long
 * token are `malformed`. Never throws.
 *
 * @param value - the field value, e.g. `request.headers.get('authorization')`
 * @returns what the field carries
 *
 * @example
 * ```ts
 * import { parseBearerAuthorization } from '@fielding/auth';
 *
 * parseBearerAuthorization('Bearer mF_9.B5f-4.1JqM'); // { kind: 'token', token: 'mF_9.B5f-4.1JqM' }
 * parseBearerAuthorization('Basic YWxhZGRpbjpvcGVuc2VzYW1l'); // { kind: 'other-scheme', scheme: 'Basic' }
 * parseBearerAuthorization('Bearer a, Bearer b').kind; // 'malformed'
 * parseBearerAuthorization(null); // { kind: 'none' }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1
 */
export function parseBearerAuthorization(value: string | null | undefined): BearerAuthorization {
  if (value === null || value === undefined) return NONE;
  const space = value.indexOf(' ');
  const scheme = space === -1 ? value : value.slice(0, space);
  if (scheme === '') return malformed('The Authorization field is empty.');
  if (!SCHEME.test(scheme))
    return malformed('The Authorization field does not start with a scheme.');
  if (scheme.toLowerCase() !== 'bearer') {
    return SECOND_BEARER.test(value)
      ? malformed('The request carries more than one set of credentials.')
      : { kind: 'other-scheme', scheme };
  }
  let start = space === -1 ? value.length : space;
  while (value.charCodeAt(start) === 0x20) start++;
  const token = value.slice(start);
  if (token === '') return malformed('The Authorization field has no bearer token.');
  if (token.length > BEARER_TOKEN_MAX_LENGTH) {
    return malformed(`The bearer token is longer than ${BEARER_TOKEN_MAX_LENGTH} characters.`);
  }
  if (!B64TOKEN.test(token)) {
    return token.includes(',')
      ? malformed('The request carries more than one set of credentials.')
      : malformed('The bearer token has characters outside the b64token syntax.');
  }
  return { kind: 'token', token };
}
