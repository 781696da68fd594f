// RFC 7240 `Prefer` preferences of asynchronous operations, read with core's one parser.
import { parsePreferences } from '@fielding/core';

/**
 * What a request asks of an asynchronous operation, read by {@link asyncPreferences}.
 *
 * @example
 * ```ts
 * import { asyncPreferences, type AsyncPreferences } from '@fielding/jobs';
 *
 * const asked: AsyncPreferences = asyncPreferences(new Headers({ Prefer: 'wait=3' }));
 * asked.wait; // 3
 * ```
 */
export interface AsyncPreferences {
  /** `Prefer: respond-async`: the client would rather get a `202 Accepted` than wait. */
  respondAsync: boolean;
  /**
   * `Prefer: wait=N`: how many seconds the client is willing to wait for the result, as sent
   * (not yet bounded by the server); `undefined` when absent or not a delta-seconds.
   */
  wait: number | undefined;
}

const DELTA_SECONDS = /^\d+$/;

/**
 * The `respond-async` and `wait` preferences of a request (RFC 7240 §4.1, §4.3). A `wait` that
 * is not a non-negative integer is ignored, as is any other preference.
 *
 * @param request - the request, or its headers
 * @returns whether async was asked for, and the wait in seconds
 *
 * @example
 * ```ts
 * import { asyncPreferences } from '@fielding/jobs';
 *
 * const request = new Request('https://api.test/exports', {
 *   method: 'POST',
 *   headers: { Prefer: 'respond-async, wait=5' },
 * });
 * asyncPreferences(request); // { respondAsync: true, wait: 5 }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7240#section-4.3
 */
export function asyncPreferences(request: Request | Headers): AsyncPreferences {
  const headers = request instanceof Headers ? request : request.headers;
  const preferences = parsePreferences(headers.get('Prefer'));
  const wait = preferences.get('wait')?.value;
  return {
    respondAsync: preferences.has('respond-async'),
    // A huge number of digits becomes a huge number (or Infinity); the server bounds it.
    wait: wait !== undefined && DELTA_SECONDS.test(wait) ? Number(wait) : undefined,
  };
}
