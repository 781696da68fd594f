/**
 * @fielding/fastify (under construction).
 *
 * @module @fielding/fastify
 */
export {};
