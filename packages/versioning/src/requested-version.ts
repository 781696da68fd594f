// Where a request names its API version: the four strategies the design documents list. Each
// reads the request and answers one of three things — nothing named (the default applies), the
// versions named in order of preference, or a value that is not a version at all.
import { parseList, parseWeightedList } from '@fielding/core';
import { normalizeVersion } from './version-label.js';

/**
 * Where the version is read from:
 *
 * - `path`: the first segment after `prefix` (`/api/2/…`, `/api/2.0/…`, `/api/v2/…`);
 * - `query`: a query parameter (`?v=2`), `name` defaults to `'v'`;
 * - `header`: a request header you name (`Api-Version: 2`);
 * - `media-type`: a vendor media type in `Accept`, `application/vnd.<vendor>.v2+json` or
 *   `application/vnd.<vendor>+json; version=2`; the handler sees `as` in its place
 *   (default `application/json`).
 */
export type VersionStrategy =
  | { readonly in: 'path'; readonly prefix?: string }
  | { readonly in: 'query'; readonly name?: string }
  | { readonly in: 'header'; readonly name: string }
  | { readonly in: 'media-type'; readonly vendor: string; readonly as?: string };

/** What a request says about its version. */
export type RequestedVersion =
  | { readonly kind: 'none' }
  | { readonly kind: 'named'; readonly versions: readonly string[] }
  | { readonly kind: 'invalid'; readonly text: string };

const NONE: RequestedVersion = { kind: 'none' };
// A path segment that starts like a version is read as one (`/api/v9x` is an unknown version,
// not a resource called `v9x`); anything else is a path without a version.
const VERSION_LIKE = /^v?\d/i;
// A client that sends more text than this is not naming a version.
const MAX_VERSION_TEXT = 32;

const named = (text: string): RequestedVersion => {
  const version = text.length <= MAX_VERSION_TEXT ? normalizeVersion(text) : undefined;
  return version === undefined
    ? { kind: 'invalid', text: text.slice(0, MAX_VERSION_TEXT) }
    : { kind: 'named', versions: [version] };
};

function fromPath(url: URL, prefix: string): RequestedVersion {
  const path = url.pathname;
  const base = prefix.endsWith('/') ? prefix : `${prefix}/`;
  if (!path.startsWith(base)) return NONE;
  const end = path.indexOf('/', base.length);
  const segment = path.slice(base.length, end === -1 ? undefined : end);
  return VERSION_LIKE.test(segment) ? named(segment) : NONE;
}

function fromQuery(url: URL, name: string): RequestedVersion {
  const values = url.searchParams.getAll(name);
  if (values.length === 0) return NONE;
  // `?v=1&v=2` names two versions and cannot be answered as either.
  return values.length === 1
    ? named(values[0] as string)
    : { kind: 'invalid', text: values.join(',') };
}

function fromHeader(headers: Headers, name: string): RequestedVersion {
  const value = headers.get(name);
  if (value === null) return NONE;
  const members = parseList(value);
  return members.length === 1 ? named(members[0] as string) : { kind: 'invalid', text: value };
}

/** A vendor media type in `Accept`, parsed. @internal */
export interface VendorAcceptEntry {
  /** The canonical version it names, or `undefined` when it names one that is not a version. */
  readonly version: string | undefined;
  readonly weight: number;
  readonly index: number;
}

/**
 * The member's vendor version: `application/vnd.blog.v2+json` or
 * `application/vnd.blog+json; version=2`; `null` when the member is not the vendor's type.
 *
 * @internal
 */
export function vendorVersion(
  type: string,
  parameters: Readonly<Record<string, string>>,
  vendor: string,
): string | undefined | null {
  const lower = type.toLowerCase();
  const stem = `application/vnd.${vendor.toLowerCase()}`;
  if (!lower.startsWith(stem) || !lower.endsWith('+json')) return null;
  const middle = lower.slice(stem.length, -'+json'.length);
  let text: string;
  if (middle === '') {
    // `application/vnd.blog+json` without `version=` is the vendor's type at no version.
    if (parameters.version === undefined) return null;
    text = parameters.version;
  } else if (middle.startsWith('.')) {
    text = middle.slice(1);
  } else {
    return null; // `application/vnd.blogger+json` is another vendor's type
  }
  return text.length <= MAX_VERSION_TEXT ? normalizeVersion(text) : undefined;
}

/** The vendor entries of an `Accept` value, most preferred first. @internal */
export function vendorEntries(accept: string | null, vendor: string): VendorAcceptEntry[] {
  const entries: VendorAcceptEntry[] = [];
  for (const member of parseWeightedList(accept)) {
    const version = vendorVersion(member.value, member.parameters, vendor);
    if (version === null || member.weight === 0) continue;
    entries.push({ version, weight: member.weight, index: member.index });
  }
  return entries.sort((a, b) => b.weight - a.weight || a.index - b.index);
}

function fromMediaType(headers: Headers, vendor: string): RequestedVersion {
  const entries = vendorEntries(headers.get('accept'), vendor);
  if (entries.length === 0) return NONE;
  const versions = entries.flatMap((entry) => (entry.version === undefined ? [] : [entry.version]));
  return versions.length > 0
    ? { kind: 'named', versions }
    : { kind: 'invalid', text: headers.get('accept')?.slice(0, MAX_VERSION_TEXT) ?? '' };
}

/**
 * Reads the version a request asks for, by one strategy. Pure: it never throws and never
 * decides what to answer; {@link versioned} does.
 *
 * @param request - the request
 * @param strategy - where to look
 * @returns `none` when the request names no version, `named` with the versions in order of
 *   preference (canonical labels), or `invalid` with the text that is not a version
 *
 * @example
 * ```ts
 * import { requestedVersion } from '@fielding/versioning';
 *
 * requestedVersion(new Request('https://api.test/api/v2/blogs'), { in: 'path', prefix: '/api' });
 * // { kind: 'named', versions: ['2'] }
 * requestedVersion(new Request('https://api.test/blogs?v=x'), { in: 'query' });
 * // { kind: 'invalid', text: 'x' }
 * ```
 */
export function requestedVersion(request: Request, strategy: VersionStrategy): RequestedVersion {
  switch (strategy.in) {
    case 'path':
      return fromPath(new URL(request.url), strategy.prefix ?? '');
    case 'query':
      return fromQuery(new URL(request.url), strategy.name ?? 'v');
    case 'header':
      return fromHeader(request.headers, strategy.name);
    case 'media-type':
      return fromMediaType(request.headers, strategy.vendor);
  }
}

/**
 * The request's `Accept` with every vendor type replaced by `as`, keeping its weight, so a
 * handler that negotiates plain JSON or HAL serves a vendor request unchanged.
 *
 * @internal
 */
export function acceptWithoutVendor(accept: string, vendor: string, as: string): string {
  return parseList(accept)
    .map((member) => {
      const [parsed] = parseWeightedList(member);
      if (parsed === undefined) return member;
      if (vendorVersion(parsed.value, parsed.parameters, vendor) === null) return member;
      return parsed.weight === 1 ? as : `${as};q=${parsed.weight}`;
    })
    .join(', ');
}
