// The Node fast path: everything in @fielding/node that depends on undici — Node's `fetch`,
// `Request`, `Response` and `Headers` — or stands in for its classes lives in this folder, and
// the rest of the package imports it only through this module. What each part buys, and on
// which Node versions, is in the README ("The Node fast path"). Nothing here is public except
// what `src/index.ts` re-exports (`installFastResponse`).

export { wholeBody } from './body-source.js';
export { FastHeaders } from './fast-headers.js';
export { installFastResponse, lightResponse } from './fast-response.js';
export { lazyRequests, type LazySource } from './lazy-request.js';
export { NativeResponse } from './native.js';
