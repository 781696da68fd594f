import type { Decision } from './decision.js';
import { decide } from './_memo.js';

/** What the server can produce, per dimension; a dimension left out is not negotiated. */
export interface NegotiateOptions {
  /** Media types on offer, best first for ties (e.g. `['application/json', 'text/csv']`). */
  mediaTypes?: readonly string[];
  /** Language tags on offer; chosen by RFC 4647 lookup, see {@link negotiateLanguage}. */
  languages?: readonly string[];
  /** The language to use when lookup finds none. Default: the first of `languages`. */
  defaultLanguage?: string | null;
  /** Content codings on offer (`gzip`, `br`, `identity`, …). */
  encodings?: readonly string[];
  /** The server's preference among encodings the client weighs equally. Default: `encodings`. */
  preferredEncodings?: readonly string[];
  /** Charsets on offer (e.g. `['utf-8']`). */
  charsets?: readonly string[];
}

/** The outcome of {@link negotiate}: one choice and one decision per negotiated dimension. */
export interface Negotiation {
  /** The chosen media type, or `undefined` (none acceptable, or not negotiated). */
  mediaType: string | undefined;
  /** The chosen language tag, or `undefined`. */
  language: string | undefined;
  /** The chosen content coding, or `undefined`. */
  encoding: string | undefined;
  /** The chosen charset, or `undefined`. */
  charset: string | undefined;
  /** The inspectable decisions behind each choice, for the dimensions that were negotiated. */
  decisions: {
    /** From `Accept`. */
    mediaType?: Decision;
    /** From `Accept-Language`. */
    language?: Decision;
    /** From `Accept-Encoding`. */
    encoding?: Decision;
    /** From `Accept-Charset`. */
    charset?: Decision;
  };
  /** The request fields the choices depend on, for the response's `Vary`. */
  vary: string[];
}

function headersOf(input: Request | Headers): Headers {
  return 'headers' in input ? input.headers : input;
}

/**
 * Picks the best media type for a request from `Accept` (RFC 9110 §12.5.1), honouring q-values,
 * specificity (`text/html;level=1` over `text/html` over `text/*` over `*\/*`), parameters and
 * `q=0` exclusions. No `Accept` means anything is acceptable. Never throws; results for a
 * header seen before come from a bounded memo (see the README for its size).
 *
 * @param input - the request, or its headers
 * @param available - the media types the server can produce, best first for ties
 * @returns the decision; `decision.choice` is `undefined` when nothing is acceptable
 *
 * @example
 * ```ts
 * import { negotiateMediaType } from '@fielding/content-negotiation';
 *
 * const request = new Request('https://api.test/', { headers: { Accept: 'text/*, application/json;q=0.5' } });
 * negotiateMediaType(request, ['application/json', 'text/csv']).choice; // 'text/csv'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1
 */
export function negotiateMediaType(
  input: Request | Headers,
  available: readonly string[],
): Decision {
  return decide('Accept', headersOf(input).get('accept'), available);
}

/**
 * Picks the content coding for a response from `Accept-Encoding` (RFC 9110 §12.5.3). Without
 * the header only `identity` is acceptable; `identity` stays acceptable unless the header
 * refuses it (`identity;q=0` or `*;q=0`). Never throws.
 *
 * @param input - the request, or its headers
 * @param available - the codings the server can apply, including `identity` if it may send as is
 * @param preferred - the server's order among codings the client weighs equally
 * @returns the decision
 *
 * @example
 * ```ts
 * import { negotiateEncoding } from '@fielding/content-negotiation';
 *
 * const headers = new Headers({ 'Accept-Encoding': 'gzip, deflate, br' });
 * negotiateEncoding(headers, ['br', 'gzip', 'identity'], ['gzip', 'br']).choice; // 'gzip'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.3
 */
export function negotiateEncoding(
  input: Request | Headers,
  available: readonly string[],
  preferred?: readonly string[],
): Decision {
  return decide('Accept-Encoding', headersOf(input).get('accept-encoding'), available, preferred);
}

/**
 * Picks the charset from `Accept-Charset` (RFC 9110 §12.5.2); no header means any. Never throws.
 *
 * @param input - the request, or its headers
 * @param available - the charsets the server can encode text in
 * @returns the decision
 *
 * @example
 * ```ts
 * import { negotiateCharset } from '@fielding/content-negotiation';
 *
 * negotiateCharset(new Headers({ 'Accept-Charset': 'iso-8859-1, utf-8;q=0.5' }), ['utf-8']).choice; // 'utf-8'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.2
 */
export function negotiateCharset(input: Request | Headers, available: readonly string[]): Decision {
  return decide('Accept-Charset', headersOf(input).get('accept-charset'), available);
}

/**
 * Picks a language by RFC 4647 §3.4 lookup over `Accept-Language` (RFC 9110 §12.5.4): ranges
 * by q, each shortened from the end until it names an available tag (`en-GB` → `en`); a `q=0`
 * range refuses that exact tag. When nothing matches, the fallback is chosen (its verdict has
 * `q` 0 and no `range`). Never throws.
 *
 * @param input - the request, or its headers
 * @param available - the language tags the server has
 * @param fallback - the tag to use when lookup finds none; default the first available, `null` for none
 * @returns the decision
 *
 * @example
 * ```ts
 * import { negotiateLanguage } from '@fielding/content-negotiation';
 *
 * negotiateLanguage(new Headers({ 'Accept-Language': 'en-GB, de;q=0.5' }), ['de', 'en']).choice; // 'en'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4647#section-3.4
 */
export function negotiateLanguage(
  input: Request | Headers,
  available: readonly string[],
  fallback?: string | null,
): Decision {
  const chosenFallback = fallback === undefined ? available[0] : (fallback ?? undefined);
  return decide(
    'Accept-Language',
    headersOf(input).get('accept-language'),
    available,
    chosenFallback === undefined ? undefined : [chosenFallback],
  );
}

/**
 * Negotiates every dimension the options name, in one call, and tells which request fields
 * the result depends on (for `Vary`).
 *
 * @param input - the request, or its headers
 * @param options - what the server can produce; dimensions left out are not negotiated
 * @returns the choices, their decisions and the `Vary` field names
 *
 * @example
 * ```ts
 * import { negotiate } from '@fielding/content-negotiation';
 *
 * const request = new Request('https://api.test/', {
 *   headers: { Accept: 'text/html,*\/*;q=0.8', 'Accept-Language': 'de-CH' },
 * });
 * const { mediaType, language, vary } = negotiate(request, {
 *   mediaTypes: ['application/json', 'text/html'],
 *   languages: ['en', 'de'],
 * });
 * // mediaType 'text/html', language 'de', vary ['Accept', 'Accept-Language']
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12
 */
export function negotiate(input: Request | Headers, options: NegotiateOptions): Negotiation {
  const headers = headersOf(input);
  const result: Negotiation = {
    mediaType: undefined,
    language: undefined,
    encoding: undefined,
    charset: undefined,
    decisions: {},
    vary: [],
  };
  if (options.mediaTypes !== undefined) {
    const decision = negotiateMediaType(headers, options.mediaTypes);
    result.decisions.mediaType = decision;
    result.mediaType = decision.choice;
    result.vary.push('Accept');
  }
  if (options.languages !== undefined) {
    const decision = negotiateLanguage(headers, options.languages, options.defaultLanguage);
    result.decisions.language = decision;
    result.language = decision.choice;
    result.vary.push('Accept-Language');
  }
  if (options.encodings !== undefined) {
    const decision = negotiateEncoding(
      headers,
      options.encodings,
      options.preferredEncodings ?? options.encodings,
    );
    result.decisions.encoding = decision;
    result.encoding = decision.choice;
    result.vary.push('Accept-Encoding');
  }
  if (options.charsets !== undefined) {
    const decision = negotiateCharset(headers, options.charsets);
    result.decisions.charset = decision;
    result.charset = decision.choice;
    result.vary.push('Accept-Charset');
  }
  return result;
}
