// BELONGS IN @fielding/content-negotiation: a handler cannot learn which format a URL extension
// picked (the representations middleware strips `.csv` and negotiates with it privately), so a
// handler that must know the variant before building its ETag would tag one variant and send
// another. Until content-negotiation exposes the choice, this middleware turns a registered
// extension into the `?format=` parameter, which the handler and the middleware both read.
import type { Middleware } from '@fielding/core';
import { FORMAT_PARAMETER } from './_representations.js';

/** Rewrites `/tasks/7.csv` as `/tasks/7?format=csv` for the registered format names. */
export function formatExtension(formats: ReadonlySet<string>): Middleware {
  return function formatExtension(request, next) {
    const href = request.url;
    const query = href.indexOf('?');
    const hash = href.indexOf('#');
    const end = query !== -1 ? query : hash !== -1 ? hash : href.length;
    const dot = href.lastIndexOf('.', end);
    if (dot === -1 || dot <= href.lastIndexOf('/', end) + 1) return next(request);
    const name = href.slice(dot + 1, end).toLowerCase();
    if (!formats.has(name)) return next(request);
    const url = new URL(href);
    url.pathname = url.pathname.slice(0, url.pathname.length - name.length - 1);
    if (!url.searchParams.has(FORMAT_PARAMETER)) url.searchParams.set(FORMAT_PARAMETER, name);
    return next(new Request(url, request));
  };
}
