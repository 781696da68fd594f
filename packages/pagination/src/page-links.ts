import type { HalLink } from '@fielding/hal-links';

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

/** Page links in the HAL `_links` shape: a `HalLink` of `@fielding/hal-links` per relation. */
type HalPageLinks = { [R in keyof PageLinks]: HalLink };

/** Relation order in a `Link` header and in `_links`, as readers expect to scan them. */
export const PAGE_RELATIONS: readonly (keyof PageLinks)[] = [
  'self',
  'first',
  'prev',
  'next',
  'last',
];

/**
 * Page links in the HAL `_links` shape (`{ next: { href } }`), in the order self, first, prev,
 * next, last. `formatLinkHeader` of `@fielding/hal-links` turns the same object into the `Link`
 * header.
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
export function halLinks(links: PageLinks): { [R in keyof PageLinks]: HalLink } {
  const result: HalPageLinks = { self: { href: links.self } };
  for (const rel of PAGE_RELATIONS) {
    const href = links[rel];
    if (rel !== 'self' && href !== undefined) result[rel] = { href };
  }
  return result;
}
