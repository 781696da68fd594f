/**
 * The one contract every Fielding package shares — {@link FetchHandler} and
 * {@link Middleware} over Web `Request`/`Response` — plus {@link compose}, the RFC 9110 header
 * grammar, `Vary` merging and a small router.
 *
 * @module @fielding/core
 */
export type { FetchHandler, Middleware } from './handler.js';
export { compose } from './compose.js';
