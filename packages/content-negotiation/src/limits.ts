/**
 * The most negotiation decisions memoised per list of variants and field. The memo is two
 * generations of half this size: a header seen again within the last ~128 distinct headers is
 * answered without parsing; older ones are dropped wholesale.
 */
export const NEGOTIATION_CACHE_LIMIT = 256;

/**
 * The most lists of variants remembered by content (for lists written inline at each call).
 * Lists kept in a variable are also found by identity and live as long as the array does.
 * Together: at most `MAX_CACHED_VARIANT_LISTS × NEGOTIATION_CACHE_LIMIT` decisions per field
 * for inline lists.
 */
export const MAX_CACHED_VARIANT_LISTS = 64;

/**
 * Header values longer than this many characters are negotiated but not memoised, so hostile
 * headers cannot fill the memo with large keys. Browser `Accept` values are ~150 characters.
 */
export const MAX_CACHED_HEADER_LENGTH = 1024;
