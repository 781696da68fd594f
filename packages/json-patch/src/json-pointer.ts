import { HttpError } from '@fielding/problem-errors';
import { hasOwn, isContainer } from './_json.js';

/**
 * Splits an RFC 6901 JSON Pointer into its unescaped reference tokens.
 *
 * @param pointer - `""` (the whole document) or a string of `/`-prefixed tokens
 * @returns the tokens, `~1` → `/` and `~0` → `~` decoded
 * @throws HttpError 400 when the pointer does not start with `/` or has a `~` not followed by 0 or 1
 *
 * @example
 * ```ts
 * import { parsePointer } from '@fielding/json-patch';
 *
 * parsePointer('/a~1b/m~0n/0'); // ['a/b', 'm~n', '0']
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6901#section-3
 */
export function parsePointer(pointer: string): string[] {
  const tokens = tryParsePointer(pointer);
  if (tokens === undefined) {
    throw new HttpError(400, { detail: `Invalid JSON Pointer ${JSON.stringify(pointer)}.` });
  }
  return tokens;
}

/** Like {@link parsePointer} but `undefined` instead of an error; never throws. */
export function tryParsePointer(pointer: string): string[] | undefined {
  if (typeof pointer !== 'string') return undefined;
  const length = pointer.length;
  if (length === 0) return [];
  if (pointer.charCodeAt(0) !== 47 /* / */) return undefined;
  const tokens: string[] = [];
  let start = 1;
  let escaped = false;
  for (let index = 1; index <= length; index++) {
    const code = index === length ? 47 : pointer.charCodeAt(index);
    if (code === 47) {
      let token = pointer.slice(start, index);
      if (escaped) {
        const decoded = unescapeToken(token);
        if (decoded === undefined) return undefined;
        token = decoded;
        escaped = false;
      }
      tokens.push(token);
      start = index + 1;
    } else if (code === 126 /* ~ */) {
      escaped = true;
    }
  }
  return tokens;
}

function unescapeToken(token: string): string | undefined {
  let out = '';
  for (let index = 0; index < token.length; index++) {
    const char = token[index];
    if (char !== '~') {
      out += char;
      continue;
    }
    const next = token[++index];
    if (next === '0') out += '~';
    else if (next === '1') out += '/';
    else return undefined;
  }
  return out;
}

/**
 * Escapes one reference token (`~` → `~0`, then `/` → `~1`).
 *
 * @param token - an object member name or array index
 * @returns the token as it appears inside a pointer
 *
 * @example
 * ```ts
 * import { escapePointerToken } from '@fielding/json-patch';
 *
 * escapePointerToken('a/b~c'); // 'a~1b~0c'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6901#section-4
 */
export function escapePointerToken(token: string): string {
  if (!token.includes('~') && !token.includes('/')) return token;
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Joins reference tokens into an RFC 6901 JSON Pointer.
 *
 * @param tokens - unescaped tokens (numbers are written in decimal)
 * @returns the pointer; `""` for no tokens
 *
 * @example
 * ```ts
 * import { formatPointer } from '@fielding/json-patch';
 *
 * formatPointer(['a/b', 'm~n', 0]); // '/a~1b/m~0n/0'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6901#section-3
 */
export function formatPointer(tokens: readonly (string | number)[]): string {
  let out = '';
  for (const token of tokens)
    out += '/' + (typeof token === 'number' ? String(token) : escapePointerToken(token));
  return out;
}

/**
 * Reads an array index token per RFC 6901 §4: `0` or digits without a leading zero.
 * Returns -1 for anything else (`-`, `01`, `1e0`, `-1`, ` 1`).
 */
export function parseArrayIndex(token: string): number {
  const length = token.length;
  if (length === 0 || length > 15) return -1;
  const first = token.charCodeAt(0);
  if (first === 48 /* 0 */) return length === 1 ? 0 : -1;
  let value = 0;
  for (let index = 0; index < length; index++) {
    const code = token.charCodeAt(index) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

const NOT_FOUND: unique symbol = Symbol('not found');

/** Walks `tokens` from `document`; `NOT_FOUND` when a step is missing. Own members only. */
export function resolveTokens(
  document: unknown,
  tokens: readonly string[],
  length: number = tokens.length,
): unknown {
  let node = document;
  for (let index = 0; index < length; index++) {
    const token = tokens[index]!;
    if (Array.isArray(node)) {
      const position = parseArrayIndex(token);
      if (position < 0 || position >= node.length) return NOT_FOUND;
      node = node[position];
    } else if (isContainer(node)) {
      if (!hasOwn(node, token)) return NOT_FOUND;
      node = (node as Record<string, unknown>)[token];
    } else {
      return NOT_FOUND;
    }
  }
  return node;
}
export { NOT_FOUND };

/**
 * An RFC 6901 JSON Pointer as a value: parsed once, then formatted, compared and evaluated
 * against documents. Only own members are ever read, so `/__proto__` or `/constructor` find
 * nothing unless the document really has such a member.
 *
 * @example
 * ```ts
 * import { JsonPointer } from '@fielding/json-patch';
 *
 * const pointer = JsonPointer.parse('/authors/0/name');
 * pointer.get({ authors: [{ name: 'Roy' }] }); // 'Roy'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6901
 */
export class JsonPointer {
  /** The unescaped reference tokens; empty for the whole document. */
  readonly tokens: readonly string[];

  /**
   * Builds a pointer from unescaped tokens.
   *
   * @param tokens - reference tokens; numbers become decimal index tokens
   */
  constructor(tokens: readonly (string | number)[] = []) {
    this.tokens = Object.freeze(tokens.map(String));
  }

  /**
   * Parses the JSON string representation of a pointer (RFC 6901 §5).
   *
   * @param pointer - e.g. `/a~1b/0`
   * @returns the pointer
   * @throws HttpError 400 on invalid syntax
   */
  static parse(pointer: string): JsonPointer {
    return new JsonPointer(parsePointer(pointer));
  }

  /**
   * Parses the URI fragment representation (RFC 6901 §6), e.g. `#/c%25d`.
   *
   * @param fragment - the fragment, with or without its leading `#`
   * @returns the pointer
   * @throws HttpError 400 on invalid syntax or percent-encoding
   */
  static fromFragment(fragment: string): JsonPointer {
    const raw = fragment.startsWith('#') ? fragment.slice(1) : fragment;
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw new HttpError(400, {
        detail: `Invalid percent-encoding in ${JSON.stringify(fragment)}.`,
      });
    }
    return JsonPointer.parse(decoded);
  }

  /**
   * Tells whether a string is a syntactically valid pointer.
   *
   * @param pointer - the candidate
   * @returns true when {@link JsonPointer.parse} would accept it
   */
  static isValid(pointer: string): boolean {
    return tryParsePointer(pointer) !== undefined;
  }

  /**
   * The JSON string representation.
   *
   * @returns e.g. `/a~1b/0`
   */
  toString(): string {
    return formatPointer(this.tokens);
  }

  /**
   * The URI fragment representation, percent-encoded (RFC 6901 §6).
   *
   * @returns e.g. `#/c%25d`
   */
  toFragment(): string {
    let out = '#';
    for (const token of this.tokens) out += '/' + encodeURIComponent(escapePointerToken(token));
    return out;
  }

  /**
   * A pointer one level deeper.
   *
   * @param token - the member name or index to append
   * @returns a new pointer
   */
  child(token: string | number): JsonPointer {
    return new JsonPointer([...this.tokens, token]);
  }

  /**
   * The pointer to the containing value; the root is its own parent.
   *
   * @returns a new pointer
   */
  parent(): JsonPointer {
    return new JsonPointer(this.tokens.slice(0, -1));
  }

  /**
   * Tells whether this pointer equals `other` or points inside it.
   *
   * @param other - the candidate ancestor
   * @returns true when `other`'s tokens are a prefix of this pointer's tokens
   */
  startsWith(other: JsonPointer): boolean {
    if (other.tokens.length > this.tokens.length) return false;
    return other.tokens.every((token, index) => this.tokens[index] === token);
  }

  /**
   * Evaluates the pointer (RFC 6901 §4).
   *
   * @param document - any JSON value
   * @returns the referenced value, or `undefined` when it does not exist
   */
  get(document: unknown): unknown {
    const value = resolveTokens(document, this.tokens);
    return value === NOT_FOUND ? undefined : value;
  }

  /**
   * Tells whether the pointer references an existing value.
   *
   * @param document - any JSON value
   * @returns true when {@link JsonPointer.get} finds a value (including `null`)
   */
  has(document: unknown): boolean {
    return resolveTokens(document, this.tokens) !== NOT_FOUND;
  }
}
