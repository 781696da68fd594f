import { BACKSLASH, DQUOTE, EQUALS, SEMICOLON, trimOws } from './_chars.js';
import { MAX_PARAMETERS } from './limits.js';
import { parseList } from './list.js';
import { isToken, parseQuotedString } from './quoted-string.js';

/** One member of a parameterised list, such as `text/html;level=1`. */
export interface ParameterizedValue {
  /** The member without its parameters, as sent (e.g. `text/html`). */
  value: string;
  /**
   * Its parameters: names lower-cased, values unquoted; the first of a repeated name wins. A
   * null-prototype object, so names such as `__proto__` are plain keys.
   */
  parameters: Record<string, string>;
}

/** One member of a weighted list, such as `en;q=0.8` in `Accept-Language`. */
export interface WeightedValue {
  /** The member without its parameters, as sent (e.g. `en`). */
  value: string;
  /** Its parameters other than `q`: names lower-cased, values unquoted. */
  parameters: Record<string, string>;
  /** The `q` weight, 0 to 1; 1 when absent. */
  weight: number;
  /** Its position among the non-empty members of the header, from 0 — the tie-breaker. */
  index: number;
}

/**
 * Parses a comma-separated list of values with `;name=value` parameters, as in `Accept`,
 * `Content-Type` or `Prefer`. Quoted parameter values may contain `,` `;` and escaped quotes.
 * Members with an empty value and malformed parameters are skipped; never throws. Keeps at most
 * `MAX_LIST_MEMBERS` members and {@link MAX_PARAMETERS} parameters per member.
 *
 * @param value - the field value; `null`/`undefined` give `[]`
 * @returns the members in header order
 *
 * @example
 * ```ts
 * import { parseParameterizedList } from '@fielding/core';
 *
 * parseParameterizedList('text/html;level=1, a;B="c,d"');
 * // [{ value: 'text/html', parameters: { level: '1' } }, { value: 'a', parameters: { b: 'c,d' } }]
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-5.6.6
 */
export function parseParameterizedList(value: string | null | undefined): ParameterizedValue[] {
  const result: ParameterizedValue[] = [];
  for (const member of parseList(value)) {
    const parsed = parseMember(member);
    if (parsed !== undefined) result.push(parsed);
  }
  return result;
}

/**
 * Parses a list whose members carry a `q` weight (`Accept`, `Accept-Language`,
 * `Accept-Encoding`, `Accept-Charset`, `TE`). `q` is removed from the parameters and becomes
 * `weight`; a member whose `q` is not a valid qvalue (0 to 1, e.g. `q=2` or `q=x`) is skipped.
 * Never throws; capped like {@link parseParameterizedList}.
 *
 * @param value - the field value; `null`/`undefined` give `[]`
 * @returns the members in header order (sorting by weight is the caller's decision)
 *
 * @example
 * ```ts
 * import { parseWeightedList } from '@fielding/core';
 *
 * parseWeightedList('en;q=0.8, de');
 * // [{ value: 'en', parameters: {}, weight: 0.8, index: 0 },
 * //  { value: 'de', parameters: {}, weight: 1, index: 1 }]
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.4.2
 */
export function parseWeightedList(value: string | null | undefined): WeightedValue[] {
  const result: WeightedValue[] = [];
  const members = parseList(value);
  for (let index = 0; index < members.length; index++) {
    const parsed = parseMember(members[index] as string);
    if (parsed === undefined) continue;
    const { parameters } = parsed;
    let weight = 1;
    if ('q' in parameters) {
      const q = parseQvalue(parameters.q as string);
      if (q === undefined) continue;
      weight = q;
      delete parameters.q;
    }
    result.push({ value: parsed.value, parameters, weight, index });
  }
  return result;
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), read leniently: any number of
// decimals, as long as the value stays within 0..1.
function parseQvalue(text: string): number | undefined {
  const first = text.charCodeAt(0);
  if (first !== 0x30 && first !== 0x31) return undefined;
  if (text.length > 1) {
    if (text.charCodeAt(1) !== 0x2e) return undefined;
    for (let index = 2; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code < 0x30 || code > 0x39) return undefined;
    }
  }
  const weight = Number(text);
  return weight <= 1 ? weight : undefined;
}

function parseMember(member: string): ParameterizedValue | undefined {
  const parameters: Record<string, string> = Object.create(null) as Record<string, string>;
  const length = member.length;
  let memberValue: string | undefined;
  let count = 0;
  let inQuotes = false;
  let start = 0;
  let index = 0;
  for (;;) {
    // Find the end of this segment: the next ";" outside a quoted-string.
    while (index < length) {
      const code = member.charCodeAt(index);
      if (inQuotes) {
        if (code === BACKSLASH) index++;
        else if (code === DQUOTE) inQuotes = false;
      } else if (code === DQUOTE) {
        inQuotes = true;
      } else if (code === SEMICOLON) {
        break;
      }
      index++;
    }
    const end = Math.min(index, length);
    if (memberValue === undefined) {
      memberValue = trimOws(member, start, end);
      if (memberValue === '') return undefined;
    } else if (count < MAX_PARAMETERS) {
      const parameter = parseParameter(member, start, end);
      if (parameter !== undefined && !(parameter[0] in parameters)) {
        parameters[parameter[0]] = parameter[1];
        count++;
      }
    }
    if (index >= length) return { value: memberValue, parameters };
    index++;
    start = index;
  }
}

function parseParameter(
  member: string,
  start: number,
  end: number,
): [name: string, value: string] | undefined {
  // Look for "=" only inside this segment, so a long run of bare ";a" stays linear.
  let equals = start;
  while (equals < end && member.charCodeAt(equals) !== EQUALS) equals++;
  if (equals === end) return undefined;
  const name = trimOws(member, start, equals);
  // §5.6.6 allows no whitespace around "="; senders add it anyway, so it is tolerated.
  const value = parseQuotedString(member.slice(equals + 1, end));
  if (!isToken(name) || value === undefined) return undefined;
  return [name.toLowerCase(), value];
}
