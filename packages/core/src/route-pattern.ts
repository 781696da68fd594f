import { compile } from 'path-to-regexp';

type Digit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9';

// A parameter name is a JavaScript identifier: letters (anything with distinct cases), digits,
// `_` and `$` — or any text in double quotes (`:"blog-id"`), as path-to-regexp 8 reads it.
type IsNameChar<C extends string> = C extends Digit | '_' | '$'
  ? true
  : Lowercase<C> extends Uppercase<C>
    ? false
    : true;
type ReadName<S extends string, Name extends string = ''> = S extends `${infer C}${infer Rest}`
  ? IsNameChar<C> extends true
    ? ReadName<Rest, `${Name}${C}`>
    : [Name, S]
  : [Name, ''];
type SplitName<S extends string> = S extends `"${infer Quoted}"${infer Rest}`
  ? [Quoted, Rest]
  : ReadName<S>;
type Field<Name extends string, Value, Depth extends unknown[]> = Name extends ''
  ? unknown
  : Depth extends []
    ? { [K in Name]: Value }
    : { [K in Name]?: Value };
type Pop<Depth extends unknown[]> = Depth extends [...infer Rest, unknown] ? Rest : [];

// One left-to-right pass over the pattern; `Depth` counts the `{…}` groups we are inside, which
// make their parameters optional.
type ScanPattern<
  P extends string,
  Single,
  Many,
  Depth extends unknown[] = [],
  Found = unknown,
> = P extends `\\${string}${infer Rest}`
  ? ScanPattern<Rest, Single, Many, Depth, Found>
  : P extends `{${infer Rest}`
    ? ScanPattern<Rest, Single, Many, [...Depth, 0], Found>
    : P extends `}${infer Rest}`
      ? ScanPattern<Rest, Single, Many, Pop<Depth>, Found>
      : P extends `:${infer Rest}`
        ? SplitName<Rest> extends [infer Name extends string, infer After extends string]
          ? ScanPattern<After, Single, Many, Depth, Found & Field<Name, Single, Depth>>
          : Found
        : P extends `*${infer Rest}`
          ? SplitName<Rest> extends [infer Name extends string, infer After extends string]
            ? ScanPattern<After, Single, Many, Depth, Found & Field<Name, Many, Depth>>
            : Found
          : P extends `${string}${infer Rest}`
            ? ScanPattern<Rest, Single, Many, Depth, Found>
            : Found;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The parameters a path-to-regexp 8 pattern captures, as a router hands them to a handler:
 * `:name` → `string`, `*name` → `string[]` (one entry per segment), and anything inside
 * `{…}` optional. A pattern that is not a literal type gives a loose record.
 *
 * @example
 * ```ts
 * import type { RouteParams } from '@fielding/core';
 *
 * type P = RouteParams<'/blogs/:blogId/posts{/:postId}'>;
 * // { blogId: string; postId?: string }
 * ```
 */
export type RouteParams<P extends string> = string extends P
  ? Partial<Record<string, string | string[]>>
  : Simplify<ScanPattern<P, string, string[]>>;

/**
 * What {@link buildPath} takes for a pattern: like {@link RouteParams}, but numbers are welcome
 * too.
 *
 * @example
 * ```ts
 * import type { PathParams } from '@fielding/core';
 *
 * const params: PathParams<'/blogs/:blogId'> = { blogId: 7 };
 * ```
 */
export type PathParams<P extends string> = string extends P
  ? Partial<Record<string, string | number | readonly (string | number)[]>>
  : Simplify<ScanPattern<P, string | number, readonly (string | number)[]>>;

type PathFunction = (params: Partial<Record<string, string | string[]>>) => string;

// Patterns come from code, so the cache stays small; the bound only guards against a caller
// passing request data as a pattern.
const compiled = new Map<string, PathFunction>();
const MAX_COMPILED = 256;

/**
 * Builds a path from the same path-to-regexp 8 pattern a route was registered with — for
 * `Location` headers and links. Every parameter is percent-encoded (`/` included), wildcard
 * arrays become one segment per entry, and an optional group is left out when its parameters
 * are missing.
 *
 * @param pattern - e.g. `/blogs/:blogId/posts{/:postId}`
 * @param params - the values; numbers are written in decimal
 * @returns the path, e.g. `/blogs/7/posts`
 * @throws TypeError naming the pattern when a required parameter is missing, or when the pattern
 *   itself is not valid path-to-regexp 8 syntax
 *
 * @example
 * ```ts
 * import { buildPath } from '@fielding/core';
 *
 * buildPath('/blogs/:blogId/posts/:postId', { blogId: 7, postId: 'hello world' });
 * // '/blogs/7/posts/hello%20world'
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc3986#section-3.3
 */
export function buildPath<P extends string>(pattern: P, params: PathParams<P>): string {
  const values: Partial<Record<string, string | string[]>> = {};
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    values[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  try {
    let toPath = compiled.get(pattern);
    if (toPath === undefined) {
      toPath = compile(pattern);
      if (compiled.size >= MAX_COMPILED) compiled.clear();
      compiled.set(pattern, toPath);
    }
    return toPath(values);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TypeError(`buildPath(${JSON.stringify(pattern)}): ${reason}`, { cause: error });
  }
}
