import { HTTP_METHODS } from '@fielding/core';
import type { Hono } from 'hono';
import type { RouterRoute } from 'hono/types';

/** What {@link allowedMethods} needs of a Hono app: its router and the routes it was given. */
export type RoutedApp = Pick<Hono, 'router' | 'routes'>;

// The order of the core router's `Allow`, so both halves of an app list methods alike.
const ALLOW_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** `Allow` as the core router writes it: known methods in order, others, then OPTIONS. */
export function formatAllow(methods: ReadonlySet<string>): string {
  const all = new Set(methods);
  if (all.has('GET')) all.add('HEAD');
  const known = ALLOW_ORDER.filter((method) => all.has(method));
  const others = [...all].filter((method) => !ALLOW_ORDER.includes(method) && method !== 'OPTIONS');
  return [...known, ...others, 'OPTIONS'].join(', ');
}

// Hono wraps the handlers of a sub-app with its own onError (app.route) and keeps the original
// under this key (hono/src/utils/constants.ts).
const COMPOSED_HANDLER = '__COMPOSED_HANDLER';

/**
 * Whether a route answers, rather than passes on: Hono registers middleware as routes too
 * (`app.use` as method ALL, `app.post(path, bodyLimit(…), handler)` as two POST routes), and
 * tells them apart the same way in `hono/dev`'s `inspectRoutes`: a middleware takes `next`.
 */
function answers(route: RouterRoute): boolean {
  const handler = route.handler as { length: number; [COMPOSED_HANDLER]?: { length: number } };
  return (handler[COMPOSED_HANDLER] ?? handler).length < 2;
}

const knownByApp = new WeakMap<RoutedApp, { count: number; methods: ReadonlySet<string> }>();

/**
 * The methods the server implements: RFC 9110's and PATCH, plus every method an app's routes
 * register (`app.on('PURGE', …)`). Cached per app until a route is added.
 */
export function knownMethods(app: RoutedApp | undefined): ReadonlySet<string> {
  if (app === undefined) return new Set(HTTP_METHODS);
  const cached = knownByApp.get(app);
  if (cached !== undefined && cached.count === app.routes.length) return cached.methods;
  const methods = new Set(HTTP_METHODS);
  for (const route of app.routes) if (route.method !== 'ALL') methods.add(route.method);
  knownByApp.set(app, { count: app.routes.length, methods });
  return methods;
}

/** The methods some route of `app` answers at `path` (Hono's routing path), HEAD for GET. */
export function allowedMethods(app: RoutedApp, path: string): Set<string> {
  const allowed = new Set<string>();
  for (const method of knownMethods(app)) {
    if (method === 'HEAD') continue;
    const [matches] = app.router.match(method, path);
    for (const [[, route]] of matches) {
      if (route.method === method && answers(route)) {
        allowed.add(method);
        break;
      }
    }
  }
  if (allowed.has('GET')) allowed.add('HEAD');
  return allowed;
}
