/** The links of a page: `self` always, the others only when that page exists. */
export interface PageLinks {
  /** This page. */
  self: string;
  /** The first page; absent in cursor style. */
  first?: string;
  /** The page before this one, when there is one. */
  prev?: string;
  /** The page after this one, when there is one. */
  next?: string;
  /** The last page; absent when the total is unknown and in cursor style. */
  last?: string;
}

/** One HAL link object. */
export interface HalLink {
  /** The target URI. */
  href: string;
}

/** Page links in the HAL `_links` shape that `@fielding/hal-links` uses. */
export interface HalPageLinks {
  /** This page. */
  self: HalLink;
  /** The first page. */
  first?: HalLink;
  /** The page before this one. */
  prev?: HalLink;
  /** The page after this one. */
  next?: HalLink;
  /** The last page. */
  last?: HalLink;
}

/** Relation order in a `Link` header and in `_links`, as readers expect to scan them. */
export const PAGE_RELATIONS: readonly (keyof PageLinks)[] = [
  'self',
  'first',
  'prev',
  'next',
  'last',
];

// RFC 3986 URI-reference characters that may stand between `<` and `>` as they are; anything
// else (space, `<`, `>`, `"`, controls, non-ASCII) is percent-encoded so the header stays valid.
const URI_UNSAFE = /[^\w!#$%&'()*+,./:;=?@[\]~-]/g;

function encodeChar(char: string): string {
  try {
    return encodeURIComponent(char);
  } catch {
    // A lone surrogate has no UTF-8 form; write U+FFFD as WHATWG URL serialisers do.
    return '%EF%BF%BD';
  }
}

/**
 * Serialises page links as an RFC 8288 `Link` header value, `self` first, skipping absent
 * relations: `<https://api.test/a?offset=20>; rel="next", …`.
 *
 * @param links - the page links (or any relation → URI map)
 * @returns the header value; an empty string when there are no links
 *
 * @example
 * ```ts
 * import { formatLinkHeader } from '@fielding/pagination';
 *
 * formatLinkHeader({ self: '/a?offset=0', next: '/a?offset=20' });
 * // '</a?offset=0>; rel="self", </a?offset=20>; rel="next"'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8288#section-3
 */
export function formatLinkHeader(links: Readonly<Record<string, string | undefined>>): string {
  const ordered = [
    ...PAGE_RELATIONS.filter((rel) => rel in links),
    ...Object.keys(links).filter((rel) => !(PAGE_RELATIONS as readonly string[]).includes(rel)),
  ];
  const parts: string[] = [];
  for (const rel of ordered) {
    const href = links[rel];
    if (href === undefined) continue;
    const target = href.replace(URI_UNSAFE, encodeChar);
    // Relation types are tokens; quote them anyway, as RFC 8288 §3.3 examples do.
    parts.push(`<${target}>; rel="${rel.replace(/["\\]/g, '')}"`);
  }
  return parts.join(', ');
}

/**
 * Page links in the HAL `_links` shape (`{ next: { href } }`).
 *
 * @param links - the page links
 * @returns one `{ href }` object per existing relation
 *
 * @example
 * ```ts
 * import { halLinks } from '@fielding/pagination';
 *
 * halLinks({ self: '/a', next: '/a?offset=20' }).next?.href; // '/a?offset=20'
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-4.1.1
 */
export function halLinks(links: PageLinks): HalPageLinks {
  const result: HalPageLinks = { self: { href: links.self } };
  for (const rel of PAGE_RELATIONS) {
    const href = links[rel];
    if (rel !== 'self' && href !== undefined) result[rel] = { href };
  }
  return result;
}
