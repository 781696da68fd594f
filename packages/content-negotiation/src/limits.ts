/**
 * The most negotiation decisions kept in the process-wide memo. It is two generations of
 * half this size: a header seen again within the last ~512 distinct (header, variants)
 * pairs is answered without parsing; older ones are dropped wholesale.
 *
 * @example
 * ```ts
 * import { NEGOTIATION_CACHE_LIMIT } from '@fielding/content-negotiation';
 *
 * NEGOTIATION_CACHE_LIMIT; // 1024
 * ```
 */
export const NEGOTIATION_CACHE_LIMIT = 1024;

/**
 * Header values longer than this many characters are negotiated but not memoised, so hostile
 * headers cannot fill the memo with large keys. Browser `Accept` values are ~150 characters.
 *
 * @example
 * ```ts
 * import { MAX_CACHED_HEADER_LENGTH } from '@fielding/content-negotiation';
 *
 * MAX_CACHED_HEADER_LENGTH; // 1024
 * ```
 */
export const MAX_CACHED_HEADER_LENGTH = 1024;
