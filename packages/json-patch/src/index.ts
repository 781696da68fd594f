/**
 * @fielding/json-patch (under construction).
 *
 * @module @fielding/json-patch
 */
export {};
