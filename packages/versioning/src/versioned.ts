// The version dispatcher: picks the handler for the version a request names, falls back to a
// default you name, answers an unknown version with a problem that lists the supported ones,
// and keeps `Vary` right so a cache never serves one version for another.
import { appendVary, editableResponse, type FetchHandler } from '@fielding/core';
import { problem } from '@fielding/problem-errors';
import {
  acceptWithoutVendor,
  requestedVersion,
  type RequestedVersion,
  type VersionStrategy,
} from './requested-version.js';
import { normalizeVersion } from './version-label.js';

/** The options of {@link versioned}. */
export interface VersionedOptions {
  /** Where the request names its version. */
  readonly strategy: VersionStrategy;
  /** The handler of each version, keyed by its label (`'1'`, `'v2'`, `'2.1'`). */
  readonly versions: Readonly<Record<string, FetchHandler>>;
  /**
   * The version that serves a request naming none. Default: none — a request without a
   * version answers like one naming an unknown version.
   */
  readonly default?: string;
}

// What an unknown version answers, by where the client named it: a path that does not exist
// (404), a query or header value the server cannot take (400), or no acceptable representation
// (406).
const UNKNOWN_STATUS: Readonly<Record<VersionStrategy['in'], number>> = {
  path: 404,
  query: 400,
  header: 400,
  'media-type': 406,
};

// The cache key must include what chose the version: the URL does for path and query.
const varyOn = (strategy: VersionStrategy): string | undefined =>
  strategy.in === 'media-type' ? 'Accept' : strategy.in === 'header' ? strategy.name : undefined;

function canonicalVersions(
  versions: Readonly<Record<string, FetchHandler>>,
): ReadonlyMap<string, FetchHandler> {
  const table = new Map<string, FetchHandler>();
  for (const [label, handler] of Object.entries(versions)) {
    const version = normalizeVersion(label);
    if (version === undefined) throw new TypeError(`${JSON.stringify(label)} is not a version.`);
    if (table.has(version)) throw new TypeError(`Version ${version} is declared twice.`);
    table.set(version, handler);
  }
  if (table.size === 0) throw new TypeError('versioned() needs at least one version.');
  return table;
}

const listOf = (versions: readonly string[]): string =>
  versions.length === 1
    ? (versions[0] as string)
    : `${versions.slice(0, -1).join(', ')} and ${versions.at(-1) as string}`;

function unknownVersion(
  strategy: VersionStrategy,
  asked: RequestedVersion,
  supported: readonly string[],
): Response {
  const what =
    asked.kind === 'named'
      ? `API version ${listOf(asked.versions)} ${asked.versions.length === 1 ? 'does' : 'do'} not exist`
      : asked.kind === 'invalid'
        ? 'The request names a version that is not a version number'
        : 'The request names no API version';
  return problem({
    status: UNKNOWN_STATUS[strategy.in],
    detail: `${what}; this API serves version${supported.length === 1 ? '' : 's'} ${listOf(supported)}.`,
    extensions: { supported },
  });
}

function vendorType(request: Request, vendor: string, version: string): string {
  // Answer in the spelling the client used: `version=` if it asked that way.
  const asParameter = /\+json\s*;[^,]*version\s*=/i.test(request.headers.get('accept') ?? '');
  return asParameter
    ? `application/vnd.${vendor}+json; version=${version}`
    : `application/vnd.${vendor}.v${version}+json`;
}

function forHandler(request: Request, strategy: VersionStrategy): Request {
  if (strategy.in !== 'media-type') return request;
  const accept = request.headers.get('accept');
  if (accept === null) return request;
  const rewritten = acceptWithoutVendor(accept, strategy.vendor, strategy.as ?? 'application/json');
  if (rewritten === accept) return request;
  const headers = new Headers(request.headers);
  headers.set('accept', rewritten);
  const hasBody = request.body !== null && request.method !== 'GET' && request.method !== 'HEAD';
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers,
    signal: request.signal,
    redirect: request.redirect,
  };
  if (hasBody) {
    init.body = request.body;
    init.duplex = 'half';
  }
  return new Request(request.url, init);
}

function labelled(
  response: Response,
  request: Request,
  strategy: VersionStrategy,
  version: string,
): Response {
  const vary = varyOn(strategy);
  if (vary === undefined && strategy.in !== 'media-type') return response;
  const result = editableResponse(response);
  if (vary !== undefined) appendVary(result.headers, vary);
  if (strategy.in === 'media-type') {
    const as = (strategy.as ?? 'application/json').toLowerCase();
    const type = result.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
    if (type === as)
      result.headers.set('content-type', vendorType(request, strategy.vendor, version));
  }
  return result;
}

/**
 * A handler that serves each request with the handler of the API version it names.
 *
 * - A request naming no version is served by `default` (without one, it is answered like an
 *   unknown version).
 * - An unknown version gets a problem listing the supported ones in `supported`: 404 when it
 *   was a path segment, 400 for a query parameter or header, 406 for a media type.
 * - `Vary` names `Accept` (media type) or the header (header strategy) on every response; the
 *   URL already tells caches apart for path and query.
 * - With the media-type strategy the handler sees `as` (default `application/json`) in place
 *   of the vendor type in `Accept`, and a response in `as` goes out labelled with the vendor
 *   type of the version served (`application/vnd.blog.v2+json`).
 *
 * @param options - the strategy, the handler per version, and the default version
 * @returns the dispatching handler
 * @throws TypeError when a version label is not a version, is declared twice, or the default
 *   is not declared
 *
 * @example
 * ```ts
 * import { versioned } from '@fielding/versioning';
 *
 * const v1 = () => Response.json({ title: 'Hello' });
 * const v2 = () => Response.json({ headline: 'Hello' });
 * const api = versioned({
 *   strategy: { in: 'media-type', vendor: 'blog' },
 *   versions: { 1: v1, 2: v2 },
 *   default: '2',
 * });
 *
 * const response = await api(
 *   new Request('https://api.test/blogs/7', { headers: { Accept: 'application/vnd.blog.v1+json' } }),
 * );
 * response.headers.get('Content-Type'); // 'application/vnd.blog.v1+json'
 * response.headers.get('Vary'); // 'Accept'
 * ```
 */
export function versioned(options: VersionedOptions): FetchHandler {
  const { strategy } = options;
  const table = canonicalVersions(options.versions);
  const supported = [...table.keys()];
  const fallback = options.default === undefined ? undefined : normalizeVersion(options.default);
  if (options.default !== undefined && (fallback === undefined || !table.has(fallback))) {
    throw new TypeError(`The default version ${JSON.stringify(options.default)} is not declared.`);
  }
  return async (request) => {
    const asked = requestedVersion(request, strategy);
    const version =
      asked.kind === 'none'
        ? fallback
        : asked.kind === 'named'
          ? asked.versions.find((candidate) => table.has(candidate))
          : undefined;
    const handler = version === undefined ? undefined : table.get(version);
    if (version === undefined || handler === undefined) {
      const response = unknownVersion(strategy, asked, supported);
      const vary = varyOn(strategy);
      if (vary !== undefined) appendVary(response.headers, vary);
      return response;
    }
    return labelled(await handler(forHandler(request, strategy)), request, strategy, version);
  };
}
