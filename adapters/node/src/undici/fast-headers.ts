import { NativeHeaders } from './native.js';

// undici's Headers checks a brand, converts every argument through WebIDL and keeps a map plus a
// sorted copy: 0.3 µs for a `get`, 0.6 µs to construct one from a single header, more than the
// rest of a small response costs. A FastHeaders is the same Fetch `Headers` (the same
// validation, the same errors, the same "sort and combine" iteration), kept as a short list of
// lower-cased pairs, which is what a response or a request has: a handful of fields.
// Its prototype chain leads to `Headers.prototype`, so `instanceof Headers` holds; undici reads
// it as any iterable of pairs when a native Response or Request is built from it.

/** RFC 9110 §5.1 field-name: a token. */
const FIELD_NAME = /^[!#$%&'*+\-.^`|~\w]+$/;
/**
 * Fetch: a header value has no NUL, CR or LF (after leading and trailing whitespace go), and
 * as a WebIDL ByteString no character above U+00FF.
 */
const INVALID_VALUE = /[\0\r\n\u0100-\uffff]/;
/** Fetch's HTTP whitespace: tab, line feed, carriage return, space. */
function isHttpWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** The value without leading and trailing HTTP whitespace, in one pass from each end. */
function trimHttpWhitespace(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
  while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

function checkName(name: string): string {
  if (!FIELD_NAME.test(name)) {
    throw new TypeError(`Headers: ${JSON.stringify(name)} is an invalid header name.`);
  }
  return name.toLowerCase();
}

function normaliseValue(name: string, value: string): string {
  const trimmed = trimHttpWhitespace(value);
  if (INVALID_VALUE.test(trimmed)) {
    throw new TypeError(`Headers: ${JSON.stringify(value)} is an invalid value for ${name}.`);
  }
  return trimmed;
}

/** The pairs of a `HeadersInit`, as the Fetch standard's "fill" reads them. */
function initPairs(init: HeadersInit): Iterable<readonly [string, string]> {
  if (typeof init !== 'object' || init === null) {
    throw new TypeError('Headers: the init must be an object, an array of pairs or a Headers.');
  }
  const iterator = (init as Partial<Iterable<unknown>>)[Symbol.iterator];
  if (typeof iterator === 'function') {
    const pairs: Array<readonly [string, string]> = [];
    for (const pair of init as Iterable<unknown>) {
      if (
        typeof pair !== 'object' ||
        pair === null ||
        typeof (pair as Iterable<unknown>)[Symbol.iterator] !== 'function'
      ) {
        throw new TypeError('Headers: each header of the init must be a [name, value] pair.');
      }
      const items = [...(pair as Iterable<unknown>)];
      if (items.length !== 2) {
        throw new TypeError('Headers: each header of the init must be a [name, value] pair.');
      }
      pairs.push([String(items[0]), String(items[1])]);
    }
    return pairs;
  }
  return Object.keys(init).map((name) => [name, String((init as Record<string, unknown>)[name])]);
}

/** A Fetch `Headers` kept as a list of lower-cased pairs. */
export class FastHeaders {
  /** [lower-cased name, value] in the order they were added. */
  #list: Array<[string, string]> = [];
  /** The sorted-and-combined pairs iteration walks, until the next change. */
  #sorted: Array<[string, string]> | undefined;

  constructor(init?: HeadersInit) {
    if (init === undefined || init === null) return;
    for (const [name, value] of initPairs(init)) this.append(name, value);
  }

  /**
   * Builds one from pairs a Node server has already parsed (names and values it accepted),
   * without checking them again; `:`-prefixed HTTP/2 pseudo-headers are left out.
   */
  static fromRaw(raw: readonly string[]): FastHeaders {
    const headers = new FastHeaders();
    const list = headers.#list;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!;
      if (name.charCodeAt(0) !== 58) list.push([name.toLowerCase(), raw[i + 1]!]);
    }
    return headers;
  }

  append(name: string, value: string): void {
    const key = checkName(String(name));
    this.#list.push([key, normaliseValue(key, String(value))]);
    this.#sorted = undefined;
  }

  delete(name: string): void {
    const key = checkName(String(name));
    const list = this.#list;
    if (!list.some((entry) => entry[0] === key)) return;
    this.#list = list.filter((entry) => entry[0] !== key);
    this.#sorted = undefined;
  }

  get(name: string): string | null {
    const key = checkName(String(name));
    let found: string | null = null;
    for (const [entryName, value] of this.#list) {
      if (entryName === key) found = found === null ? value : `${found}, ${value}`;
    }
    return found;
  }

  getSetCookie(): string[] {
    const cookies: string[] = [];
    for (const [name, value] of this.#list) if (name === 'set-cookie') cookies.push(value);
    return cookies;
  }

  has(name: string): boolean {
    const key = checkName(String(name));
    for (const entry of this.#list) if (entry[0] === key) return true;
    return false;
  }

  set(name: string, value: string): void {
    const key = checkName(String(name));
    const normalised = normaliseValue(key, String(value));
    const list = this.#list;
    const first = list.findIndex((entry) => entry[0] === key);
    if (first === -1) list.push([key, normalised]);
    else {
      list[first] = [key, normalised];
      // Spec: the first one takes the value, the others go.
      this.#list = list.filter((entry, index) => index <= first || entry[0] !== key);
    }
    this.#sorted = undefined;
  }

  /** Fetch's "sort and combine": names in order, values of one name joined, cookies apart. */
  #pairs(): Array<[string, string]> {
    if (this.#sorted) return this.#sorted;
    const names = [...new Set(this.#list.map((entry) => entry[0]))].sort();
    const pairs: Array<[string, string]> = [];
    for (const name of names) {
      if (name === 'set-cookie') {
        for (const cookie of this.getSetCookie()) pairs.push([name, cookie]);
      } else pairs.push([name, this.get(name)!]);
    }
    return (this.#sorted = pairs);
  }

  forEach(
    callback: (value: string, name: string, parent: Headers) => void,
    thisArg?: unknown,
  ): void {
    if (typeof callback !== 'function') {
      throw new TypeError('Headers.forEach: the callback is not a function.');
    }
    // Read afresh at each step, as the standard's iterator does.
    for (let index = 0; index < this.#pairs().length; index++) {
      const [name, value] = this.#pairs()[index]!;
      callback.call(thisArg, value, name, this as unknown as Headers);
    }
  }

  *entries(): IterableIterator<[string, string]> {
    for (let index = 0; index < this.#pairs().length; index++) {
      const [name, value] = this.#pairs()[index]!;
      yield [name, value];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}

Object.setPrototypeOf(FastHeaders.prototype, NativeHeaders.prototype);
