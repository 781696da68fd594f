/**
 * @fielding/express (under construction).
 *
 * @module @fielding/express
 */
export {};
