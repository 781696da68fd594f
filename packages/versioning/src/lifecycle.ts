// A version's lifecycle on every response: `Deprecation` from its date, `Sunset` when it will
// stop, and links to what replaces it; after the sunset it answers 410 Gone, pointing at its
// successor, so a client that ignored the warnings gets a reason and a way forward.
import { editableResponse, type Middleware } from '@fielding/core';
import { problem } from '@fielding/problem-errors';
import { formatDeprecation, formatSunset } from './lifecycle-fields.js';

/** A link target for the request being answered: fixed, or computed from its URL. */
export type LinkTarget = string | URL | ((url: URL) => string | URL);

/** The options of {@link lifecycle}. */
export interface LifecycleOptions {
  /** When the version was (or will be) deprecated: sent as `Deprecation` (RFC 9745). */
  readonly deprecated: Date;
  /** When it stops working: sent as `Sunset` (RFC 8594); from then on it answers 410 Gone. */
  readonly sunset?: Date;
  /** The same resource in the version that replaces this one: `rel="successor-version"`. */
  readonly successor?: LinkTarget;
  /** The same resource in the newest version: `rel="latest-version"` (RFC 5829). */
  readonly latest?: LinkTarget;
  /** Where the deprecation is explained for people: `rel="deprecation"` (RFC 9745 §3). */
  readonly documentation?: LinkTarget;
  /** The clock, in milliseconds since the epoch. Default: `Date.now`. */
  readonly now?: () => number;
}

function resolve(target: LinkTarget, url: URL): string {
  const value = typeof target === 'function' ? target(url) : target;
  // WHATWG serialization percent-encodes `<`, `>` and spaces, so the href is safe inside `<…>`.
  return new URL(value, url).href;
}

function links(options: LifecycleOptions, url: URL): string[] {
  const result: string[] = [];
  if (options.documentation !== undefined) {
    result.push(`<${resolve(options.documentation, url)}>; rel="deprecation"; type="text/html"`);
  }
  if (options.successor !== undefined) {
    result.push(`<${resolve(options.successor, url)}>; rel="successor-version"`);
  }
  if (options.latest !== undefined) {
    result.push(`<${resolve(options.latest, url)}>; rel="latest-version"`);
  }
  return result;
}

function withFields(response: Response, fields: ReadonlyArray<[string, string]>): Response {
  const result = editableResponse(response);
  for (const [name, value] of fields) result.headers.append(name, value);
  return result;
}

function retired(sunset: Date, successor: string | undefined): Response {
  return problem({
    status: 410,
    detail: `This API version was retired on ${sunset.toUTCString()}.${
      successor === undefined ? '' : ' Its successor serves the same resource.'
    }`,
    ...(successor !== undefined && { extensions: { successor } }),
  });
}

/**
 * A middleware for a deprecated API version: every response carries `Deprecation`, `Sunset`
 * and `Link`s to the documentation, the successor version and the latest version; from the
 * sunset on, every request answers `410 Gone` as a problem whose `successor` member (and
 * `Link`) name the same resource in the next version.
 *
 * @param options - the dates and the links
 * @returns the middleware
 * @throws RangeError for an invalid date, or a sunset before the deprecation
 *
 * @example
 * ```ts
 * import { compose } from '@fielding/core';
 * import { lifecycle } from '@fielding/versioning';
 *
 * const v1 = compose(
 *   lifecycle({
 *     deprecated: new Date('2026-06-01T00:00:00Z'),
 *     sunset: new Date('2027-06-01T00:00:00Z'),
 *     successor: (url) => url.pathname.replace('/api/v1/', '/api/v2/'),
 *   }),
 * )(() => Response.json({ title: 'Hello' }));
 *
 * const response = await v1(new Request('https://api.test/api/v1/blogs/7'));
 * response.headers.get('Deprecation'); // '@1780272000'
 * response.headers.get('Link'); // '<https://api.test/api/v2/blogs/7>; rel="successor-version"'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9745
 * @see https://www.rfc-editor.org/rfc/rfc8594
 */
export function lifecycle(options: LifecycleOptions): Middleware {
  const deprecation = formatDeprecation(options.deprecated);
  const sunset = options.sunset === undefined ? undefined : formatSunset(options.sunset);
  if (options.sunset !== undefined && options.sunset < options.deprecated) {
    throw new RangeError('The sunset comes before the deprecation.');
  }
  const now = options.now ?? Date.now;
  const sunsetTime = options.sunset?.getTime();
  return async (request, next) => {
    const url = new URL(request.url);
    const linkValues = links(options, url);
    const fields: Array<[string, string]> = [['Deprecation', deprecation]];
    if (sunset !== undefined) fields.push(['Sunset', sunset]);
    for (const link of linkValues) fields.push(['Link', link]);
    if (sunsetTime !== undefined && now() >= sunsetTime) {
      const successor =
        options.successor === undefined ? undefined : resolve(options.successor, url);
      return withFields(retired(options.sunset as Date, successor), fields);
    }
    return withFields(await next(request), fields);
  };
}
