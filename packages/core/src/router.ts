import { match, type MatchFunction } from 'path-to-regexp';
import { problemResponse } from './_problem.js';
import { compose } from './compose.js';
import type { FetchHandler, Middleware } from './handler.js';
import { isToken } from './quoted-string.js';
import type { RouteParams } from './route-pattern.js';

/**
 * The request methods RFC 9110 defines, plus `PATCH` (RFC 5789): the methods a router knows
 * without a route. Any other method gets `501 Not Implemented` unless a route registers it.
 *
 * @example
 * ```ts
 * import { HTTP_METHODS } from '@fielding/core';
 *
 * HTTP_METHODS.includes('PATCH'); // true
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-9
 */
export const HTTP_METHODS: readonly string[] = Object.freeze([
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
]);

/** What a route handler gets besides the request. */
export interface RouteContext<Params = Partial<Record<string, string | string[]>>> {
  /** The path parameters, percent-decoded; wildcards (`*name`) are arrays of segments. */
  params: Params;
  /** The request URL, already parsed. */
  url: URL;
  /** The pattern of the route that matched, e.g. `/blogs/:blogId`. */
  pattern: string;
}

/**
 * Answers a request for one method and pattern.
 *
 * @example
 * ```ts
 * import type { RouteHandler } from '@fielding/core';
 *
 * const showBlog: RouteHandler<{ blogId: string }> = (request, { params }) =>
 *   Response.json({ id: params.blogId });
 * ```
 */
export type RouteHandler<Params = Partial<Record<string, string | string[]>>> = (
  request: Request,
  context: RouteContext<Params>,
) => Response | Promise<Response>;

/** One registered route, as {@link Router.routes} lists it. */
export interface RouteEntry {
  /** The method, upper-cased. */
  method: string;
  /** The path-to-regexp 8 pattern. */
  pattern: string;
}

/** Options of {@link createRouter}. */
export interface RouterOptions {
  /**
   * Middleware run around every request the router answers — including its own 404, 405, 501
   * and automatic `OPTIONS` — outermost first. Default: none.
   */
  middleware?: readonly Middleware[];
  /**
   * Answers requests whose path matches no route. Default: a `404` `application/problem+json`
   * response.
   */
  notFound?: FetchHandler;
  /**
   * Turns an error thrown by a handler or middleware into a response. Default: none, so errors
   * reach the caller (e.g. the problem-errors middleware around the router).
   */
  onError?: (error: unknown, request: Request) => Response | Promise<Response>;
  /** Whether `/Blogs` differs from `/blogs`. Default: `false`, as in path-to-regexp. */
  caseSensitive?: boolean;
}

/** A fetch handler that routes by method and path-to-regexp 8 pattern. */
export interface Router {
  /**
   * Routes `GET` — and `HEAD`, unless a `HEAD` route exists for the pattern.
   *
   * @param pattern - a path-to-regexp 8 pattern, e.g. `/blogs/:blogId`
   * @param handler - gets the request and `{ params, url, pattern }`
   * @returns the router, for chaining
   */
  get<P extends string>(pattern: P, handler: RouteHandler<RouteParams<P>>): Router;
  /**
   * Routes `HEAD` explicitly (the body of its response is dropped anyway).
   *
   * @param pattern - a path-to-regexp 8 pattern
   * @param handler - the route handler
   * @returns the router, for chaining
   */
  head<P extends string>(pattern: P, handler: RouteHandler<RouteParams<P>>): Router;
  /**
   * Routes `POST`.
   *
   * @param pattern - a path-to-regexp 8 pattern
   * @param handler - the route handler
   * @returns the router, for chaining
   */
  post<P extends string>(pattern: P, handler: RouteHandler<RouteParams<P>>): Router;
  /**
   * Routes `PUT`.
   *
   * @param pattern - a path-to-regexp 8 pattern
   * @param handler - the route handler
   * @returns the router, for chaining
   */
  put<P extends string>(pattern: P, handler: RouteHandler<RouteParams<P>>): Router;
  /**
   * Routes `PATCH`.
   *
   * @param pattern - a path-to-regexp 8 pattern
   * @param handler - the route handler
   * @returns the router, for chaining
   */
  patch<P extends string>(pattern: P, handler: RouteHandler<RouteParams<P>>): Router;
  /**
   * Routes `DELETE`.
   *
   * @param pattern - a path-to-regexp 8 pattern
   * @param handler - the route handler
   * @returns the router, for chaining
   */
  delete<P extends string>(pattern: P, handler: RouteHandler<RouteParams<P>>): Router;
  /**
   * Routes `OPTIONS` explicitly, replacing the automatic `204` with `Allow` for the pattern.
   *
   * @param pattern - a path-to-regexp 8 pattern
   * @param handler - the route handler
   * @returns the router, for chaining
   */
  options<P extends string>(pattern: P, handler: RouteHandler<RouteParams<P>>): Router;
  /**
   * Routes any method, including extension methods such as `QUERY` (which then stop being 501).
   *
   * @param method - a method token; upper-cased, as Fetch normalises the standard ones
   * @param pattern - a path-to-regexp 8 pattern
   * @param handler - the route handler
   * @returns the router, for chaining
   * @throws TypeError when the method is not a token, the pattern is invalid, or the same
   *   method and pattern are routed twice
   */
  route<P extends string>(
    method: string,
    pattern: P,
    handler: RouteHandler<RouteParams<P>>,
  ): Router;
  /**
   * Adds middleware around every request, after those given in the options.
   *
   * @param middleware - the layers, outermost first
   * @returns the router, for chaining
   */
  use(...middleware: Middleware[]): Router;
  /**
   * Lists the registered routes in registration order.
   *
   * @returns one entry per method and pattern
   */
  routes(): RouteEntry[];
  /** The router as a fetch handler; a bound function, safe to pass around. */
  readonly fetch: FetchHandler;
}

interface Route {
  pattern: string;
  match: MatchFunction<Partial<Record<string, string | string[]>>>;
  handlers: Map<string, RouteHandler>;
}

// Thrown by the parameter decoder so a malformed escape such as `%E0%A4` answers 400.
class MalformedPath extends Error {}
const decodeParameter = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new MalformedPath(value);
  }
};

// RFC 3986 §2.1: "%" starts exactly two hex digits. The URL parser keeps `/%ZZ` as it is, and a
// path with it is no valid request target, whether or not a route would match it.
const BAD_ESCAPE = /%(?![\da-f]{2})/i;

const ALLOW_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

function formatAllow(methods: Set<string>): string {
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS');
  const known = ALLOW_ORDER.filter((method) => methods.has(method));
  const others = [...methods].filter(
    (method) => !ALLOW_ORDER.includes(method) && method !== 'OPTIONS',
  );
  return [...known, ...others, 'OPTIONS'].join(', ');
}

// A HEAD response carries the headers a GET would, and no content (RFC 9110 §9.3.2).
function withoutBody(response: Response): Response {
  if (response.body === null) return response;
  response.body.cancel().catch(() => {});
  return new Response(null, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

const notFoundDefault: FetchHandler = (request) => {
  const url = new URL(request.url);
  return problemResponse(404, `No resource matches ${url.pathname}.`, url);
};

/**
 * Creates a router: a {@link FetchHandler} that picks a handler by method and path-to-regexp 8
 * pattern, with typed params. It answers what the routes leave open the way RFC 9110 asks: an
 * unknown path → `404`; a known path with another method → `405` with `Allow`; `HEAD` from the
 * `GET` route without the body; `OPTIONS` → `204` with `Allow`; a method it does not know →
 * `501`; a malformed percent-escape in a parameter → `400`. Those bodies are
 * `application/problem+json`.
 *
 * @param options - middleware, a custom 404, an error handler, case sensitivity
 * @returns the router
 *
 * @example
 * ```ts
 * import { createRouter } from '@fielding/core';
 *
 * const router = createRouter()
 *   .get('/blogs/:blogId', (request, { params }) => Response.json({ id: params.blogId }))
 *   .delete('/blogs/:blogId', () => new Response(null, { status: 204 }));
 * export default { fetch: router.fetch };
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6
 */
export function createRouter(options: RouterOptions = {}): Router {
  const routes: Route[] = [];
  const byPattern = new Map<string, Route>();
  const entries: RouteEntry[] = [];
  const knownMethods = new Set(HTTP_METHODS);
  const middleware: Middleware[] = [...(options.middleware ?? [])];
  const notFound = options.notFound ?? notFoundDefault;
  const { onError } = options;
  const matchOptions = { decode: decodeParameter, sensitive: options.caseSensitive ?? false };
  let chain: FetchHandler | undefined;

  const dispatch: FetchHandler = (request) => {
    const { method } = request;
    const url = new URL(request.url);
    if (!knownMethods.has(method)) {
      return problemResponse(501, `The method ${method} is not implemented by this server.`, url);
    }
    if (url.pathname.includes('%') && BAD_ESCAPE.test(url.pathname)) {
      return problemResponse(400, 'The request path holds a malformed percent-encoding.', url);
    }
    let allowed: Set<string> | undefined;
    try {
      for (const route of routes) {
        const matched = route.match(url.pathname);
        if (matched === false) continue;
        const handler =
          route.handlers.get(method) ?? (method === 'HEAD' ? route.handlers.get('GET') : undefined);
        if (handler !== undefined) {
          return handler(request, { params: matched.params, url, pattern: route.pattern });
        }
        allowed ??= new Set();
        for (const routed of route.handlers.keys()) allowed.add(routed);
      }
    } catch (error) {
      if (error instanceof MalformedPath) {
        return problemResponse(400, 'The request path holds a malformed percent-encoding.', url);
      }
      throw error;
    }
    if (allowed === undefined) return notFound(request);
    const allow = formatAllow(allowed);
    if (method === 'OPTIONS') return new Response(null, { status: 204, headers: { Allow: allow } });
    return problemResponse(405, `${method} is not allowed on ${url.pathname}; use ${allow}.`, url, {
      Allow: allow,
    });
  };

  const fetch: FetchHandler = async (request) => {
    chain ??= compose(...middleware)(dispatch);
    let response: Response;
    try {
      response = await chain(request);
    } catch (error) {
      if (onError === undefined) throw error;
      response = await onError(error, request);
    }
    return request.method === 'HEAD' ? withoutBody(response) : response;
  };

  const router: Router = {
    get: (pattern, handler) => router.route('GET', pattern, handler),
    head: (pattern, handler) => router.route('HEAD', pattern, handler),
    post: (pattern, handler) => router.route('POST', pattern, handler),
    put: (pattern, handler) => router.route('PUT', pattern, handler),
    patch: (pattern, handler) => router.route('PATCH', pattern, handler),
    delete: (pattern, handler) => router.route('DELETE', pattern, handler),
    options: (pattern, handler) => router.route('OPTIONS', pattern, handler),
    route(method, pattern, handler) {
      if (!isToken(method)) throw new TypeError(`route: ${JSON.stringify(method)} is not a method`);
      const name = method.toUpperCase();
      let route = byPattern.get(pattern);
      if (route === undefined) {
        route = { pattern, match: match(pattern, matchOptions), handlers: new Map() };
        byPattern.set(pattern, route);
        routes.push(route);
      }
      if (route.handlers.has(name)) {
        throw new TypeError(`route: ${name} ${pattern} is already routed`);
      }
      route.handlers.set(name, handler as RouteHandler);
      entries.push({ method: name, pattern });
      knownMethods.add(name);
      return router;
    },
    use(...layers) {
      middleware.push(...layers);
      chain = undefined;
      return router;
    },
    routes: () => entries.map((entry) => ({ ...entry })),
    fetch,
  };
  return router;
}
