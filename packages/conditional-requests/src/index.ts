/**
 * @fielding/conditional-requests (under construction).
 *
 * @module @fielding/conditional-requests
 */
export {};
