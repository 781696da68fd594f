import { parseItem, parseList, serializeItem } from 'structured-headers';

/**
 * The longest idempotency key {@link parseIdempotencyKey} accepts by default, in characters.
 * A UUID has 36; 255 leaves room for any reasonable scheme while bounding what a store keeps.
 *
 * @example
 * ```ts
 * import { MAX_IDEMPOTENCY_KEY_LENGTH, parseIdempotencyKey } from '@fielding/idempotency';
 *
 * parseIdempotencyKey(`"${'k'.repeat(MAX_IDEMPOTENCY_KEY_LENGTH + 1)}"`).type; // 'invalid'
 * ```
 */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * What an `Idempotency-Key` field value says: a key, no field at all, or a value that is not
 * one key (with a `detail` for the 400 problem, which never repeats the client's input).
 */
export type IdempotencyKeyResult =
  | { type: 'key'; key: string }
  | { type: 'missing' }
  | { type: 'invalid'; detail: string };

/** Options of {@link parseIdempotencyKey}. */
export interface ParseIdempotencyKeyOptions {
  /** The longest key accepted, in characters. Default: {@link MAX_IDEMPOTENCY_KEY_LENGTH}. */
  maxLength?: number;
}

const SYNTAX =
  'Idempotency-Key must be one quoted string (an sf-string, RFC 9651 §3.3.3) of printable ASCII characters, e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324".';

function kindOf(value: unknown): string {
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'a boolean';
  if (value instanceof ArrayBuffer) return 'a byte sequence';
  if (value instanceof Date) return 'a date';
  const name = (value as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name === 'Token'
    ? 'a token (quote it)'
    : name === 'DisplayString'
      ? 'a display string'
      : 'not a string';
}

/**
 * Parses an `Idempotency-Key` field value: an Item Structured Field whose value must be a
 * String (parameters are ignored). Never throws: a missing field is `missing`; an empty key, a
 * key longer than `maxLength`, a token, a number, non-ASCII text, or two fields (which a
 * `Headers` joins with a comma) are `invalid`.
 *
 * @param value - the field value, e.g. `request.headers.get('Idempotency-Key')`
 * @param options - the longest key accepted
 * @returns the key, `missing`, or `invalid` with the reason
 *
 * @example
 * ```ts
 * import { parseIdempotencyKey } from '@fielding/idempotency';
 *
 * parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"');
 * // { type: 'key', key: '8e03978e-40d5-43e8-bc93-6894a57f9324' }
 * parseIdempotencyKey('order-7'); // { type: 'invalid', detail: '… It is a token (quote it).' }
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-idempotency-key-header#section-2.1
 */
export function parseIdempotencyKey(
  value: string | null | undefined,
  options: ParseIdempotencyKeyOptions = {},
): IdempotencyKeyResult {
  if (value === null || value === undefined) return { type: 'missing' };
  const maxLength = options.maxLength ?? MAX_IDEMPOTENCY_KEY_LENGTH;
  const tooLong: IdempotencyKeyResult = {
    type: 'invalid',
    detail: `Idempotency-Key is limited to ${maxLength} characters.`,
  };
  // Escapes at most double a key; parameters get a generous allowance. Anything longer is
  // refused before the parser sees it.
  if (value.length > 2 * maxLength + 258) return tooLong;
  let item: unknown;
  try {
    item = parseItem(value)[0];
  } catch {
    return { type: 'invalid', detail: isSeveral(value) ? SEVERAL : SYNTAX };
  }
  if (typeof item !== 'string') {
    return { type: 'invalid', detail: `${SYNTAX.slice(0, -1)} It is ${kindOf(item)}.` };
  }
  if (item === '') return { type: 'invalid', detail: 'Idempotency-Key must not be empty.' };
  if (item.length > maxLength) return tooLong;
  return { type: 'key', key: item };
}

const SEVERAL =
  'A request carries at most one Idempotency-Key field, with one key (draft-ietf-httpapi-idempotency-key-header §2.1).';

/** Whether a value that is not an Item is a list of several members (several fields joined). */
function isSeveral(value: string): boolean {
  try {
    return parseList(value).length > 1;
  } catch {
    return false;
  }
}

/**
 * Formats a key as an `Idempotency-Key` field value (an sf-string: quoted, with `"` and `\`
 * escaped), for clients and tests.
 *
 * @param key - printable ASCII characters (0x20–0x7E), at least one
 * @returns the field value
 * @throws TypeError when the key is empty or has a character an sf-string cannot carry
 *
 * @example
 * ```ts
 * import { formatIdempotencyKey } from '@fielding/idempotency';
 *
 * await fetch('https://api.example/orders', {
 *   method: 'POST',
 *   headers: { 'Idempotency-Key': formatIdempotencyKey(crypto.randomUUID()) },
 *   body: '{"sku":"A-1"}',
 * });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9651#section-4.1.6
 */
export function formatIdempotencyKey(key: string): string {
  if (key === '' || /[^\x20-\x7e]/.test(key)) {
    throw new TypeError('An idempotency key is one or more printable ASCII characters');
  }
  return serializeItem(key);
}
