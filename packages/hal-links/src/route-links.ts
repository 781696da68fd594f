import { buildPath, requestOrigin, type PathParams, type ProxyTrustOptions } from '@fielding/core';
import { encodeValue } from './_rfc6570.js';
import type { HalLink } from './hal-types.js';
import { assertUriTemplate } from './uri-template.js';

/**
 * Options of {@link createLinker}. `trustProxy` and `proxyHops` (from `@fielding/core`): behind
 * a proxy you run, take the public origin from the header it sets (`'forwarded'` or
 * `'x-forwarded'`), counted `proxyHops` from the end — the rule every Fielding package uses
 * (`requestOrigin`). A path prefix the proxy adds goes in `base`. Default: no proxy trusted.
 */
export interface LinkerOptions extends ProxyTrustOptions {
  /**
   * A fixed public base, e.g. `https://api.example.com/v1/`; wins over the request URL and
   * proxy headers. Its path prefixes every href. Default: the request's origin.
   */
  base?: string | URL;
  /** Make absolute hrefs (`https://…/blogs/7`) instead of path-absolute ones (`/blogs/7`). Default: `false`. */
  absolute?: boolean;
}

// Query values: `undefined`/`null` are left out, arrays repeat the name.
type QueryValues = Readonly<
  Record<
    string,
    string | number | boolean | null | undefined | readonly (string | number | boolean)[]
  >
>;

/** Builds hrefs and links from the router's path patterns for one request. */
export interface Linker {
  /** The base hrefs are built against (origin plus path prefix). */
  readonly base: URL | undefined;
  /**
   * `pattern` filled with `params` (via the core router's `buildPath`) plus a query string:
   * `undefined` and `null` values are left out, arrays repeat the name.
   */
  href<P extends string>(
    pattern: P,
    params: PathParams<P>,
    query?: Readonly<
      Record<
        string,
        string | number | boolean | null | undefined | readonly (string | number | boolean)[]
      >
    >,
  ): string;
  /** A HAL link to `pattern`; extra attributes (`title`, `type`, …) are copied. */
  link<P extends string>(
    pattern: P,
    params: PathParams<P>,
    attributes?: Omit<HalLink, 'href' | 'templated'> & { query?: Parameters<Linker['href']>[2] },
  ): HalLink;
  /**
   * A templated HAL link: the filled path followed by an RFC 6570 template, e.g.
   * `linker.template('/posts', {}, '{?page,size}')` → `{ href: '/posts{?page,size}', templated: true }`.
   * Path parameters left out of `params` become template variables (`:id` → `{id}`).
   */
  template(
    pattern: string,
    params: Readonly<Record<string, string | number>>,
    suffix?: string,
    attributes?: Omit<HalLink, 'href' | 'templated'>,
  ): HalLink;
}

// The public base URL of a request: its origin, as the client used it behind a trusted proxy
// (`requestOrigin` of @fielding/core, the one rule); always ends in "/".
export function requestBase(request: Request, options: ProxyTrustOptions = {}): URL {
  return new URL(`${requestOrigin(request, options)}/`);
}

const queryString = (query: QueryValues | undefined): string => {
  if (!query) return '';
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    for (const member of Array.isArray(value) ? value : [value]) {
      parts.push(`${encodeValue(name, false)}=${encodeValue(String(member), false)}`);
    }
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
};

// `:name` path parameters (path-to-regexp syntax) not given a value become `{name}`.
const PARAMETER = /:([a-z_$][\w$]*)/gi;

/**
 * Creates a linker for one request: hrefs built from the router's path patterns, so links
 * cannot drift from routes. Relative (path-absolute) by default, absolute on request.
 *
 * @param request - the current request (its URL is the default base); optional when `base` is set
 * @param options - a fixed base, absolute hrefs, proxy trust
 * @returns the linker
 * @throws TypeError when neither a request nor a base is given
 * @example
 * ```ts
 * const links = createLinker(request, { absolute: true });
 * links.href('/blogs/:blogId', { blogId: 7 }); // 'https://api.example.com/blogs/7'
 * links.template('/blogs/:blogId/posts', { blogId: 7 }, '{?page,size}');
 * // { href: 'https://api.example.com/blogs/7/posts{?page,size}', templated: true }
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-5.1
 */
export function createLinker(request: Request | undefined, options: LinkerOptions = {}): Linker {
  let base: URL | undefined;
  if (options.base !== undefined) {
    base = new URL(options.base);
    if (!base.pathname.endsWith('/')) base.pathname += '/';
  } else if (request) {
    base = requestBase(request, options);
  }
  if (!base) throw new TypeError('createLinker needs a request or a base');
  const root = base;
  const prefix = root.pathname.replace(/\/$/, '');
  const place = (path: string): string =>
    options.absolute ? `${root.origin}${prefix}${path}` : `${prefix}${path}`;

  return {
    base: root,
    href: (pattern, params, query) => place(buildPath(pattern, params) + queryString(query)),
    link: (pattern, params, attributes = {}) => {
      const { query, ...rest } = attributes;
      return { ...rest, href: place(buildPath(pattern, params) + queryString(query)) };
    },
    template: (pattern, params, suffix = '', attributes = {}) => {
      const missing: string[] = [];
      const placeholders: Record<string, string> = {};
      for (const match of pattern.matchAll(PARAMETER)) {
        const name = match[1] as string;
        if (!Object.hasOwn(params, name)) {
          missing.push(name);
          placeholders[name] = `~hal${missing.length - 1}~`;
        }
      }
      let path = buildPath(pattern as string, { ...params, ...placeholders });
      missing.forEach((name, index) => {
        path = path.replace(`~hal${index}~`, `{${name}}`);
      });
      const href = place(path + suffix);
      assertUriTemplate(href);
      return { ...attributes, href, templated: true };
    },
  };
}
