/**
 * The problem type of a `429` from {@link rateLimit}: the client used up a quota policy
 * (draft-ietf-httpapi-ratelimit-headers-11 §5.1). The body names the policy in
 * `violated-policies`.
 *
 * @example
 * ```ts
 * import { QUOTA_EXCEEDED_TYPE } from '@fielding/rate-limit';
 *
 * const response = await fetch('https://api.example/blogs');
 * const body = (await response.json()) as { type?: string };
 * const throttled = response.status === 429 && body.type === QUOTA_EXCEEDED_TYPE;
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11#section-5.1
 */
export const QUOTA_EXCEEDED_TYPE = 'https://iana.org/assignments/http-problem-types#quota-exceeded';

/**
 * The problem type of a `503` from {@link shedLoad} (and from {@link rateLimit} with
 * `onStoreError: 'deny'`): the server cannot take the request now (draft §5.2).
 *
 * @example
 * ```ts
 * import { TEMPORARY_REDUCED_CAPACITY_TYPE } from '@fielding/rate-limit';
 *
 * const response = await fetch('https://api.example/blogs');
 * const body = (await response.json()) as { type?: string };
 * const overloaded = response.status === 503 && body.type === TEMPORARY_REDUCED_CAPACITY_TYPE;
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-ietf-httpapi-ratelimit-headers-11#section-5.2
 */
export const TEMPORARY_REDUCED_CAPACITY_TYPE =
  'https://iana.org/assignments/http-problem-types#temporary-reduced-capacity';
