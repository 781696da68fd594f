// Which route answered a request, as its pattern (`/api/v1/blogs/:blogId`), and its method as a
// known method or OTHER: the labels metrics and logs use instead of the path and the raw method,
// so they hold a bounded set of values and no client data.
import { HTTP_METHODS, type Router } from '@fielding/core';

/** The route label of requests no route answered (404, 405, 501, automatic OPTIONS). */
export const UNMATCHED_ROUTE = 'unmatched';
/** The method label of methods that are not in `HTTP_METHODS`. */
export const OTHER_METHOD = 'OTHER';

const KNOWN_METHODS: ReadonlySet<string> = new Set(HTTP_METHODS);

/**
 * The method as a label: one RFC 9110 defines (or PATCH), else {@link OTHER_METHOD} — never an
 * arbitrary token a client made up.
 *
 * @param method - the request method
 * @returns the label
 * @example
 * ```ts
 * methodLabel('PROPFIND'); // 'OTHER'
 * ```
 */
export function methodLabel(method: string): string {
  return KNOWN_METHODS.has(method) ? method : OTHER_METHOD;
}

/**
 * The status label of a request whose client went away before its answer was sent (nginx's
 * "client closed request"): an aborted upload is the client's doing, not a server fault.
 */
export const CLIENT_CLOSED_STATUS = '499';

/**
 * Whether the client closed the connection before the answer was sent, as the request's
 * `signal` tells (the adapters abort it on a premature close).
 *
 * @param request - the request being answered
 * @returns true when the client is gone
 * @example
 * ```ts
 * const status = clientClosed(request) ? CLIENT_CLOSED_STATUS : String(response.status);
 * ```
 */
export function clientClosed(request: Request): boolean {
  try {
    return request.signal.aborted;
  } catch {
    return false;
  }
}

const templates = new WeakMap<Request, string>();

/**
 * The pattern of the route whose handler answered `request`; `undefined` when no handler did
 * (the router's own 404, 405, 501 and automatic OPTIONS).
 *
 * @param request - a request the router of {@link recordingTemplates} has seen
 * @returns the route pattern, or undefined
 * @example
 * ```ts
 * routeTemplate(request) ?? 'unmatched'; // '/api/v1/blogs/:blogId'
 * ```
 */
export function routeTemplate(request: Request): string | undefined {
  return templates.get(request);
}

/**
 * The same router, except that each handler first records its route's pattern for the request
 * it answers (see {@link routeTemplate}).
 *
 * @param router - the router to register routes on
 * @returns a router that registers on `router`
 * @example
 * ```ts
 * const routes = recordingTemplates(createRouter());
 * routes.get('/blogs/:blogId', handler); // routeTemplate(request) === '/blogs/:blogId'
 * ```
 */
export function recordingTemplates(router: Router): Router {
  const recording: Router = {
    ...router,
    route(method, pattern, handler) {
      router.route(method, pattern, (request, context) => {
        templates.set(request, context.pattern);
        return handler(request, context);
      });
      return recording;
    },
    get: (pattern, handler) => recording.route('GET', pattern, handler),
    head: (pattern, handler) => recording.route('HEAD', pattern, handler),
    post: (pattern, handler) => recording.route('POST', pattern, handler),
    put: (pattern, handler) => recording.route('PUT', pattern, handler),
    patch: (pattern, handler) => recording.route('PATCH', pattern, handler),
    delete: (pattern, handler) => recording.route('DELETE', pattern, handler),
    options: (pattern, handler) => recording.route('OPTIONS', pattern, handler),
    use(...layers) {
      router.use(...layers);
      return recording;
    },
  };
  return recording;
}
