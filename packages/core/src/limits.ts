/**
 * The most members any list parser in this package returns (`parseList`,
 * `parseParameterizedList`, `parseWeightedList`, `parseEntityTagList`). Members after this many
 * are ignored, so a hostile header cannot make a parser allocate without bound; no real client
 * sends anywhere near this many.
 *
 * @example
 * ```ts
 * import { MAX_LIST_MEMBERS, parseList } from '@fielding/core';
 *
 * parseList(Array.from({ length: 5000 }, (_, i) => `m${i}`).join(',')).length === MAX_LIST_MEMBERS;
 * ```
 */
export const MAX_LIST_MEMBERS = 1000;

/**
 * The most parameters `parseParameterizedList` and `parseWeightedList` keep for one list
 * member; later parameters of that member are ignored.
 *
 * @example
 * ```ts
 * import { MAX_PARAMETERS } from '@fielding/core';
 *
 * const enough = MAX_PARAMETERS >= 1;
 * ```
 */
export const MAX_PARAMETERS = 32;
