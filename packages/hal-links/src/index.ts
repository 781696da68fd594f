/**
 * @fielding/hal-links (under construction).
 *
 * @module @fielding/hal-links
 */
export {};
