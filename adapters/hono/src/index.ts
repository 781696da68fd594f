/**
 * @fielding/hono (under construction).
 *
 * @module @fielding/hono
 */
export {};
