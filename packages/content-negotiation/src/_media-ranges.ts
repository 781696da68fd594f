// A single-pass ranker for `Accept` (RFC 9110 §12.5.1) that gives exactly what negotiator's
// `mediaTypes(available)` gives, without its per-call cost: negotiator parses every available
// type again for every range in the header and builds an object per range and per match. Here
// the available types are parsed once per list (kept in the list's memo), the header is
// scanned once, each range is matched against the variants as soon as it is read, and the
// best match per variant lives in typed arrays — no object per range or per match.
//
// Parity with negotiator (and the content-type parser it uses) is kept rule by rule: first
// parameter of a name wins, `q` is read with `parseFloat` (an empty `q=` means 1), a range
// without `/` is skipped, ties break on specificity, then header order, then server order.
// Headers this scanner does not handle the same way — a quoted parameter value, or any
// character outside ASCII, whose lower-casing can change a string's length — return
// `undefined`, and the caller asks negotiator.

const TAB = 0x09;
const SPACE = 0x20;
const QUOTE = 0x22;
const STAR = 0x2a;
const COMMA = 0x2c;
const DOT = 0x2e;
const SLASH = 0x2f;
const ZERO = 0x30;
const NINE = 0x39;
const SEMICOLON = 0x3b;
const EQUALS = 0x3d;

interface Variant {
  /** Lower-cased type before the first `/`. */
  type: string;
  /** Lower-cased rest after the first `/`. */
  subtype: string;
  /** Parameters without `q`: lower-cased names → lower-cased values. */
  parameters: Map<string, string> | undefined;
}

/** The available media types of one list, parsed once, plus scratch space for ranking. */
export interface PreparedMediaTypes {
  /** One entry per available type; `null` where it has no `/` (never acceptable). */
  readonly variants: readonly (Variant | null)[];
  /** Whether every available type is plain ASCII without quotes (else negotiator ranks). */
  readonly simple: boolean;
  // Best match so far per variant: specificity, q, header position (negotiator's s, q, o).
  readonly specificity: Int32Array;
  readonly q: Float64Array;
  readonly position: Float64Array;
  readonly order: number[];
}

function isSpace(code: number): boolean {
  return code === SPACE || code === TAB;
}

function skipSpace(text: string, index: number, end: number): number {
  while (index < end && isSpace(text.charCodeAt(index))) index++;
  return index;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Whether `text` has only ASCII and no `"`: the subset parsed here exactly like negotiator. */
function isSimple(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7f || code === QUOTE) return false;
  }
  return true;
}

/** Parses one available type the way negotiator does (no list: a comma is an ordinary byte). */
function prepareVariant(type: string): Variant | null {
  const end = type.length;
  const start = skipSpace(type, 0, end);
  let index = start;
  while (index < end && type.charCodeAt(index) !== SEMICOLON) index++;
  const full = type.slice(start, trimEnd(type, start, index)).toLowerCase();
  let parameters: Map<string, string> | undefined;
  parameter: while (index < end) {
    index = skipSpace(type, index + 1, end);
    const nameStart = index;
    while (index < end) {
      const code = type.charCodeAt(index);
      if (code === SEMICOLON) continue parameter;
      if (code === EQUALS) {
        const name = type.slice(nameStart, trimEnd(type, nameStart, index)).toLowerCase();
        const valueStart = skipSpace(type, index + 1, end);
        index = valueStart;
        while (index < end && type.charCodeAt(index) !== SEMICOLON) index++;
        parameters ??= new Map();
        if (!parameters.has(name)) {
          parameters.set(name, type.slice(valueStart, trimEnd(type, valueStart, index)));
        }
        continue parameter;
      }
      index++;
    }
  }
  const slash = full.indexOf('/');
  if (slash === -1) return null;
  // negotiator drops `q` from a variant's parameters and compares values case-insensitively.
  parameters?.delete('q');
  if (parameters !== undefined) {
    for (const [name, value] of parameters) parameters.set(name, value.toLowerCase());
  }
  return {
    type: full.slice(0, slash),
    subtype: full.slice(slash + 1),
    parameters: parameters === undefined || parameters.size === 0 ? undefined : parameters,
  };
}

/**
 * Parses a list of available media types once, for `rankMediaTypes`.
 *
 * @param available - the media types on offer, in the server's order
 * @returns the parsed list with its scratch space
 */
export function prepareMediaTypes(available: readonly string[]): PreparedMediaTypes {
  return {
    variants: available.map(prepareVariant),
    simple: available.every(isSimple),
    specificity: new Int32Array(available.length),
    q: new Float64Array(available.length),
    position: new Float64Array(available.length),
    order: [],
  };
}

/** Whether `text[start, end)` lower-cased equals `lower` (ASCII only). */
function equalsLower(text: string, start: number, end: number, lower: string): boolean {
  if (end - start !== lower.length) return false;
  for (let index = start; index < end; index++) {
    let code = text.charCodeAt(index);
    if (code >= 0x41 && code <= 0x5a) code += 0x20;
    if (code !== lower.charCodeAt(index - start)) return false;
  }
  return true;
}

/** `parseFloat` of `text[start, end)`, without a substring for the usual `0.8` form. */
function weight(text: string, start: number, end: number): number {
  // `q=` with nothing after it counts as absent in negotiator: weight 1.
  if (start === end) return 1;
  let integer = 0;
  let fraction = 0;
  let scale = 1;
  let dot = false;
  for (let index = start; index < end; index++) {
    const code = text.charCodeAt(index);
    // At most 15 digits in all, so every intermediate integer is exact.
    if (code >= ZERO && code <= NINE && index - start < 15) {
      if (dot) {
        fraction = fraction * 10 + (code - ZERO);
        scale *= 10;
      } else integer = integer * 10 + (code - ZERO);
    } else if (code === DOT && !dot && index > start) dot = true;
    else return Number.parseFloat(text.slice(start, end));
  }
  // Exact integers divided once: the same correctly rounded double as parseFloat's.
  return dot ? (integer * scale + fraction) / scale : integer;
}

/**
 * Ranks `available` against an `Accept` value exactly as negotiator's `mediaTypes` does.
 *
 * @param header - the `Accept` value; `undefined` when the request has none (means `*\/*`)
 * @param available - the media types on offer
 * @param prepared - `available` parsed by `prepareMediaTypes`
 * @returns the acceptable types best first, or `undefined` when the header needs negotiator
 */
export function rankMediaTypes(
  header: string | undefined,
  available: readonly string[],
  prepared: PreparedMediaTypes,
): string[] | undefined {
  if (!prepared.simple) return undefined;
  const text = header ?? '*/*';
  const { variants, specificity, q, position } = prepared;
  const count = variants.length;
  specificity.fill(0);
  q.fill(0);
  position.fill(-1);
  const end = text.length;
  let index = 0;
  let member = 0;
  while (index < end) {
    const start = skipSpace(text, index, end);
    index = start;
    let slash = -1;
    for (; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === COMMA || code === SEMICOLON) break;
      if (code > 0x7f || code === QUOTE) return undefined;
      if (code === SLASH && slash === -1) slash = index;
    }
    const typeEnd = trimEnd(text, start, index);
    let weightStart = -1;
    let weightEnd = -1;
    let parameters: Map<string, string> | undefined;
    parameter: while (index < end) {
      if (text.charCodeAt(index) === COMMA) break;
      index = skipSpace(text, index + 1, end);
      const nameStart = index;
      for (; index < end; index++) {
        const code = text.charCodeAt(index);
        if (code === COMMA) break parameter;
        if (code === SEMICOLON) continue parameter;
        if (code > 0x7f || code === QUOTE) return undefined;
        if (code === EQUALS) {
          const nameEnd = trimEnd(text, nameStart, index);
          const valueStart = skipSpace(text, index + 1, end);
          for (index = valueStart; index < end; index++) {
            const next = text.charCodeAt(index);
            if (next === COMMA || next === SEMICOLON) break;
            if (next > 0x7f || next === QUOTE) return undefined;
          }
          const valueEnd = trimEnd(text, valueStart, index);
          if (nameEnd - nameStart === 1 && (text.charCodeAt(nameStart) | 0x20) === 0x71) {
            if (weightStart === -1) {
              weightStart = valueStart;
              weightEnd = valueEnd;
            }
          } else {
            const name = text.slice(nameStart, nameEnd).toLowerCase();
            parameters ??= new Map();
            if (!parameters.has(name)) parameters.set(name, text.slice(valueStart, valueEnd));
          }
          continue parameter;
        }
      }
    }
    const at = member++;
    index++;
    if (slash === -1) continue;
    const rangeQ = weightStart === -1 ? 1 : weight(text, weightStart, weightEnd);
    const anyType = slash - start === 1 && text.charCodeAt(start) === STAR;
    const anySubtype = typeEnd - slash === 2 && text.charCodeAt(slash + 1) === STAR;
    variant: for (let v = 0; v < count; v++) {
      const variant = variants[v];
      if (variant == null) continue;
      let s = 0;
      if (equalsLower(text, start, slash, variant.type)) s |= 4;
      else if (!anyType) continue;
      if (equalsLower(text, slash + 1, typeEnd, variant.subtype)) s |= 2;
      else if (!anySubtype) continue;
      if (parameters !== undefined) {
        for (const [name, value] of parameters) {
          if (value !== '*' && value.toLowerCase() !== (variant.parameters?.get(name) ?? '')) {
            continue variant;
          }
        }
        s |= 1;
      }
      // negotiator's test, verbatim: a better match has higher s, then q, then a later position.
      const current = specificity[v] as number;
      const currentQ = q[v] as number;
      const currentPosition = position[v] as number;
      if ((current - s || currentQ - rangeQ || currentPosition - at) < 0) {
        specificity[v] = s;
        q[v] = rangeQ;
        position[v] = at;
      }
    }
  }
  return ranked(available, prepared);
}

/** negotiator's order: q descending, specificity descending, header order, server order. */
function before(prepared: PreparedMediaTypes, a: number, b: number): number {
  const { specificity, q, position } = prepared;
  return (
    (q[b] as number) - (q[a] as number) ||
    (specificity[b] as number) - (specificity[a] as number) ||
    (position[a] as number) - (position[b] as number) ||
    a - b
  );
}

function ranked(available: readonly string[], prepared: PreparedMediaTypes): string[] {
  const { order, q } = prepared;
  order.length = 0;
  for (let v = 0; v < available.length; v++) {
    if ((q[v] as number) > 0) order.push(v);
  }
  if (order.length > 16) order.sort((a, b) => before(prepared, a, b));
  else {
    for (let i = 1; i < order.length; i++) {
      const item = order[i] as number;
      let j = i - 1;
      while (j >= 0 && before(prepared, order[j] as number, item) > 0) {
        order[j + 1] = order[j] as number;
        j--;
      }
      order[j + 1] = item;
    }
  }
  const result = new Array<string>(order.length);
  for (let i = 0; i < order.length; i++) result[i] = available[order[i] as number] as string;
  return result;
}
