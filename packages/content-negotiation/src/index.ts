/**
 * @fielding/content-negotiation (under construction).
 *
 * @module @fielding/content-negotiation
 */
export {};
