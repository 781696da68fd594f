import { formatLinkHeader, type HalLink } from '@fielding/hal-links';
import { hrefWith } from './_href.js';
import type { CursorCodec, CursorQuery } from './cursor.js';
import { halLinks, type PageLinks } from './page-links.js';
import type { OffsetQuery, PageQuery } from './page-query.js';
import { publicUrl, type PublicUrlOptions } from './public-url.js';

/** One page of a collection, the same shape for every paging style. */
export interface Page<T> {
  /** The paging style of the query. */
  style: 'offset' | 'page' | 'cursor';
  /** The items of this page, at most `pageSize`, in display order. */
  items: T[];
  /** The page size asked for. */
  pageSize: number;
  /** 1-based page number (offset and page styles). */
  pageIndex?: number;
  /** Items before this page (offset and page styles). */
  offset?: number;
  /** Total number of items: exact, or an estimate when `count` is `estimate`. */
  total?: number;
  /** Number of pages for `total`. */
  totalPages?: number;
  /** How `total` was obtained; `none` when it is unknown. */
  count: 'exact' | 'estimate' | 'none';
  /** More items follow in the direction of travel. */
  hasMore: boolean;
  /** Links to this and neighbouring pages. */
  links: PageLinks;
}

/** What the data layer returned for an offset or page query. */
export interface PageResult<T> {
  /**
   * The rows, fetched with `LIMIT limit + 1` when the total is not exact: the extra row only
   * proves that more follow and is dropped from the page.
   */
  items: readonly T[];
  /** The total, when counted or estimated. */
  total?: number;
  /**
   * How `total` was obtained.
   * @defaultValue 'exact' when `total` is given, else 'none'
   */
  count?: 'exact' | 'estimate' | 'none';
}

/**
 * Builds an offset or page-style page: items trimmed to the page size, totals, and
 * first / prev / next / last / self links that keep every other query parameter. A page beyond
 * the end is empty, not an error, and links back to the last page.
 *
 * @param request - the request (its URL is the base of the links)
 * @param query - the parsed query
 * @param result - the rows and, when known, the total
 * @param options - public base URL, proxy trust, relative links
 * @returns the page
 *
 * @example
 * ```ts
 * import { createPage, parsePageQuery } from '@fielding/pagination';
 *
 * const request = new Request('https://api.test/articles?pageIndex=2&pageSize=2&tag=rest');
 * const query = parsePageQuery(request);
 * const page = createPage(request, query, { items: ['c', 'd'], total: 5 });
 * page.links.next; // 'https://api.test/articles?pageIndex=3&pageSize=2&tag=rest'
 * ```
 */
export function createPage<T>(
  request: URL | string | Request,
  query: OffsetQuery | PageQuery,
  result: PageResult<T>,
  options: PublicUrlOptions = {},
): Page<T> {
  const { offset, limit } = query;
  const count = result.count ?? (result.total === undefined ? 'none' : 'exact');
  if (count !== 'none' && (result.total === undefined || !(result.total >= 0))) {
    throw new TypeError(`A total is required when count is "${count}".`);
  }
  const total = count === 'none' ? undefined : result.total;
  const items = result.items.slice(0, limit);
  const exactTotal = count === 'exact' ? total : undefined;
  const hasMore =
    result.items.length > limit || (exactTotal !== undefined && offset + limit < exactTotal);
  const url = publicUrl(request, options);
  const relative = options.relative ?? false;
  const { position, size, managed } = query.parameters;
  const at = (at: number): string =>
    hrefWith(
      url,
      [
        [position, String(query.style === 'page' ? at / limit + 1 : at)],
        [size, String(limit)],
      ],
      managed,
      relative,
    );
  // Offset style may start anywhere; its links still step by whole pages from there, while
  // first/last are aligned to multiples of the page size so that both styles agree.
  const lastOffset =
    exactTotal === undefined ? undefined : Math.max(0, Math.ceil(exactTotal / limit) - 1) * limit;
  const links: PageLinks = { self: at(offset), first: at(0) };
  if (offset > 0) {
    const back = Math.max(0, offset - limit);
    links.prev = at(lastOffset !== undefined && back > lastOffset ? lastOffset : back);
  }
  if (hasMore) links.next = at(offset + limit);
  if (lastOffset !== undefined) links.last = at(lastOffset);
  const page: Page<T> = {
    style: query.style,
    items,
    pageSize: limit,
    pageIndex: Math.floor(offset / limit) + 1,
    offset,
    count,
    hasMore,
    links,
  };
  if (total !== undefined) {
    page.total = total;
    page.totalPages = Math.ceil(total / limit);
  }
  return page;
}

/** What the data layer returned for a cursor query, and how to make cursors from it. */
export interface CursorPageResult<T> {
  /**
   * The rows in the order the keyset query returned them (reversed when paging backwards),
   * fetched with `LIMIT limit + 1`: the extra row proves that more follow and is dropped.
   */
  items: readonly T[];
  /** The keyset values of an item, one per sort column. */
  cursorOf: (item: T) => readonly (string | number | boolean | null)[];
  /** A total, when the caller has one (never needed for the links). */
  total?: number;
  /**
   * How `total` was obtained.
   * @defaultValue 'exact' when `total` is given, else 'none'
   */
  count?: 'exact' | 'estimate' | 'none';
}

/** Options of {@link createCursorPage}. */
export interface CursorPageOptions extends PublicUrlOptions {
  /** The codec that encodes the next and prev cursors. */
  codec: CursorCodec;
}

/**
 * Builds a cursor-style page: items in display order, and `next` / `prev` links (plus `self`)
 * carrying fresh cursors bound to the same query. There is no `first` or `last`: a cursor
 * collection has no page numbers.
 *
 * @param request - the request (its URL is the base of the links)
 * @param query - the parsed cursor query
 * @param result - the rows and how to read their keyset values
 * @param options - the codec and the link options
 * @returns the page
 *
 * @example
 * ```ts
 * import { createCursorCodec, createCursorPage, parseCursorQuery } from '@fielding/pagination';
 *
 * const codec = createCursorCodec();
 * const request = new Request('https://api.test/articles?limit=2');
 * const query = await parseCursorQuery(request, { codec });
 * const rows = [{ id: 1 }, { id: 2 }, { id: 3 }];
 * const page = await createCursorPage(request, query, { items: rows, cursorOf: (row) => [row.id] }, { codec });
 * ```
 */
export async function createCursorPage<T>(
  request: URL | string | Request,
  query: CursorQuery,
  result: CursorPageResult<T>,
  options: CursorPageOptions,
): Promise<Page<T>> {
  const { limit, cursor, binding } = query;
  const count = result.count ?? (result.total === undefined ? 'none' : 'exact');
  const hasMore = result.items.length > limit;
  const fetched = result.items.slice(0, limit);
  const backwards = cursor?.direction === 'prev';
  const items = backwards ? fetched.reverse() : fetched;
  const url = publicUrl(request, options);
  const relative = options.relative ?? false;
  const { position, size, managed } = query.parameters;
  const link = (token: string | undefined): string =>
    hrefWith(
      url,
      token === undefined
        ? [[size, String(limit)]]
        : [
            [position, token],
            [size, String(limit)],
          ],
      managed,
      relative,
    );
  const encode = (direction: 'next' | 'prev', item: T): Promise<string> =>
    options.codec.encode({ direction, values: result.cursorOf(item) }, binding);
  const first = items[0];
  const last = items[items.length - 1];
  const links: PageLinks = {
    self: link(cursor === undefined ? undefined : (url.searchParams.get(position) ?? undefined)),
  };
  if (first !== undefined && last !== undefined) {
    if (cursor !== undefined && (backwards ? hasMore : true)) {
      links.prev = link(await encode('prev', first));
    }
    if (backwards || hasMore) links.next = link(await encode('next', last));
  } else if (cursor !== undefined) {
    // An empty page past either end: step back onto the item the cursor came from.
    const back = { values: cursor.values, inclusive: true };
    if (backwards) links.next = link(undefined);
    else links.prev = link(await options.codec.encode({ ...back, direction: 'prev' }, binding));
  }
  const page: Page<T> = { style: 'cursor', items, pageSize: limit, count, hasMore, links };
  if (count !== 'none' && result.total !== undefined) {
    page.total = result.total;
    page.totalPages = Math.ceil(result.total / limit);
  }
  return page;
}

/** Options of {@link setPageHeaders}. */
export interface PageHeaderOptions {
  /**
   * Also set `X-Total-Count` when the total is exact.
   * @defaultValue false
   */
  totalCount?: boolean;
}

/**
 * Adds the page links to a `Link` header (merged with any links already there) and,
 * optionally, `X-Total-Count`. Changes the headers in place.
 *
 * @param headers - response headers to change
 * @param page - the page
 * @param options - whether to send `X-Total-Count`
 *
 * @example
 * ```ts
 * import { setPageHeaders, type Page } from '@fielding/pagination';
 *
 * declare const page: Page<string>;
 * const response = Response.json(page.items);
 * setPageHeaders(response.headers, page, { totalCount: true });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8288#section-3
 */
export function setPageHeaders(
  headers: Headers,
  page: Page<unknown>,
  options: PageHeaderOptions = {},
): void {
  // `Link` is a list header: appending keeps links that other layers set (RFC 9110 §5.3).
  // halLinks puts the relations in page order; hal-links writes the toolkit's one `Link` format.
  headers.append('Link', formatLinkHeader(halLinks(page.links)));
  if (options.totalCount === true && page.count === 'exact' && page.total !== undefined) {
    headers.set('X-Total-Count', String(page.total));
  }
}

/** The JSON body of a page: members in camelCase and the links as HAL `_links`. */
export interface PageBody<T> {
  /** The items. */
  items: T[];
  /** The page size. */
  pageSize: number;
  /** 1-based page number, when the style has one. */
  pageIndex?: number;
  /** The total, when known. */
  total?: number;
  /** The number of pages, when the total is known. */
  totalPages?: number;
  /** More items follow. */
  hasMore: boolean;
  /** HAL links: a `HalLink` of `@fielding/hal-links` per relation of {@link PageLinks}. */
  _links: { [R in keyof PageLinks]: HalLink };
}

/**
 * The page as a JSON body: `items`, `pageIndex`, `pageSize`, `total`, `totalPages`, `hasMore`
 * and HAL `_links`.
 *
 * @param page - the page
 * @returns a plain object ready for `Response.json`
 *
 * @example
 * ```ts
 * import { pageBody, type Page } from '@fielding/pagination';
 *
 * declare const page: Page<string>;
 * const response = Response.json(pageBody(page));
 * ```
 */
export function pageBody<T>(page: Page<T>): PageBody<T> {
  const body: PageBody<T> = {
    items: page.items,
    pageSize: page.pageSize,
    hasMore: page.hasMore,
    _links: halLinks(page.links),
  };
  if (page.pageIndex !== undefined) body.pageIndex = page.pageIndex;
  if (page.total !== undefined) body.total = page.total;
  if (page.totalPages !== undefined) body.totalPages = page.totalPages;
  return body;
}

/**
 * A `200` JSON response for a page: {@link pageBody} as the body, the `Link` header, and
 * `X-Total-Count` when asked for.
 *
 * @param page - the page
 * @param options - header options
 * @returns the response
 *
 * @example
 * ```ts
 * import { pageResponse, type Page } from '@fielding/pagination';
 *
 * declare const page: Page<string>;
 * const response = pageResponse(page, { totalCount: true });
 * ```
 */
export function pageResponse(page: Page<unknown>, options: PageHeaderOptions = {}): Response {
  const response = Response.json(pageBody(page));
  setPageHeaders(response.headers, page, options);
  return response;
}
