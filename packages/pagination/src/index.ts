/**
 * @fielding/pagination (under construction).
 *
 * @module @fielding/pagination
 */
export {};
