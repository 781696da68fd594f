/**
 * Fielding on plain Node.js: a light {@link FastResponse} that can stand in for the global
 * `Response` (see {@link installFastResponse}), so a fetch handler's `Response.json()` costs a
 * `JSON.stringify` instead of undici's stream machinery. `@fielding/express` and
 * `@fielding/fastify` use it.
 *
 * @module @fielding/node
 */
export { FastResponse, installFastResponse } from './fast-response.js';
