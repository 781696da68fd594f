// RFC 7239 §4 `Forwarded` reader: elements split on commas, pairs on semicolons, both outside
// quoted strings. Linear in the input and capped, like every header parser in Fielding.

/** Characters read from a `Forwarded` header; the rest is ignored. */
const MAX_LENGTH = 4096;
/** Elements kept from a `Forwarded` header. */
const MAX_ELEMENTS = 32;

/** The forwarded-pairs of each element, names lower-cased, values unquoted. */
export function forwardedElements(value: string): Array<Record<string, string>> {
  const elements: Array<Record<string, string>> = [];
  // Pair names come from the client: a null prototype keeps `__proto__` a plain key.
  const fresh = (): Record<string, string> => Object.create(null) as Record<string, string>;
  let element = fresh();
  let pair = '';
  let quoted = false;
  let escaped = false;
  const endPair = (): void => {
    const eq = pair.indexOf('=');
    if (eq > 0) {
      const name = pair.slice(0, eq).trim().toLowerCase();
      const raw = pair.slice(eq + 1).trim();
      element[name] = raw;
    }
    pair = '';
  };
  const input = value.slice(0, MAX_LENGTH);
  for (const char of input) {
    if (escaped) {
      pair += char;
      escaped = false;
    } else if (quoted) {
      if (char === '\\') escaped = true;
      else if (char === '"') quoted = false;
      else pair += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ';') {
      endPair();
    } else if (char === ',') {
      endPair();
      elements.push(element);
      element = fresh();
      if (elements.length >= MAX_ELEMENTS) return elements;
    } else {
      pair += char;
    }
  }
  endPair();
  elements.push(element);
  return elements;
}
