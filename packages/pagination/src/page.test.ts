import { formatLinkHeader } from '@fielding/hal-links';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPage, pageBody, pageResponse, setPageHeaders, type Page } from './page.js';
import { parseOffsetQuery, parsePageQuery } from './page-query.js';

type CountMode = Page<number>['count'];

const ITEMS = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** A fake data layer: LIMIT limit + 1 OFFSET offset over `total` numbered rows. */
function fetchPage(
  href: string,
  style: 'offset' | 'page',
  total: number,
  count: CountMode,
): Page<number> {
  const request = new Request(new URL(href, 'https://api.test'));
  const query = style === 'offset' ? parseOffsetQuery(request) : parsePageQuery(request);
  const rows = ITEMS(total).slice(query.offset, query.offset + query.limit + 1);
  return createPage(
    request,
    query,
    count === 'none' ? { items: rows } : { items: rows, total, count },
    {
      relative: true,
    },
  );
}

describe('createPage in page style', () => {
  // total, pageIndex, pageSize → items, hasMore, rels present, last pageIndex
  it.each([
    ['first page', 10, 1, 3, [0, 1, 2], true, ['self', 'first', 'next', 'last'], 4],
    ['middle page', 10, 2, 3, [3, 4, 5], true, ['self', 'first', 'prev', 'next', 'last'], 4],
    ['last page', 10, 4, 3, [9], false, ['self', 'first', 'prev', 'last'], 4],
    ['one item', 1, 1, 3, [0], false, ['self', 'first', 'last'], 1],
    ['zero items', 0, 1, 3, [], false, ['self', 'first', 'last'], 1],
    ['beyond the end', 10, 9, 3, [], false, ['self', 'first', 'prev', 'last'], 4],
    ['exactly full last page', 9, 3, 3, [6, 7, 8], false, ['self', 'first', 'prev', 'last'], 3],
  ] as const)('%s', (_title, total, pageIndex, pageSize, items, hasMore, rels, lastIndex) => {
    const page = fetchPage(
      `/articles?pageIndex=${pageIndex}&pageSize=${pageSize}&q=x`,
      'page',
      total,
      'exact',
    );
    expect(page.items).toEqual(items);
    expect(page.hasMore).toBe(hasMore);
    expect(Object.keys(page.links)).toEqual(rels);
    expect(page.links.last).toBe(`/articles?pageIndex=${lastIndex}&pageSize=${pageSize}&q=x`);
    expect(page).toMatchObject({
      pageIndex,
      pageSize,
      total,
      totalPages: Math.ceil(total / pageSize),
    });
  });

  it('points prev of a page beyond the end at the last page', () => {
    const page = fetchPage('/articles?pageIndex=9&pageSize=3', 'page', 10, 'exact');
    expect(page.links.prev).toBe('/articles?pageIndex=4&pageSize=3');
    expect(page.links.next).toBeUndefined();
  });

  it('total unknown: no last, next from the extra row', () => {
    const page = fetchPage('/articles?pageIndex=2&pageSize=3', 'page', 10, 'none');
    expect(page.items).toEqual([3, 4, 5]);
    expect(page).toMatchObject({ hasMore: true, count: 'none' });
    expect(page.total).toBeUndefined();
    expect(page.totalPages).toBeUndefined();
    expect(Object.keys(page.links)).toEqual(['self', 'first', 'prev', 'next']);
  });

  it('total unknown on the last page: no next', () => {
    const page = fetchPage('/articles?pageIndex=4&pageSize=3', 'page', 10, 'none');
    expect(page).toMatchObject({ items: [9], hasMore: false });
    expect(Object.keys(page.links)).toEqual(['self', 'first', 'prev']);
  });

  it('estimate: reports the total but no last link', () => {
    const page = fetchPage('/articles?pageIndex=1&pageSize=3', 'page', 10, 'estimate');
    expect(page).toMatchObject({ total: 10, count: 'estimate', hasMore: true });
    expect(page.links.last).toBeUndefined();
  });

  it('keeps the snake_case spelling the client used', () => {
    const page = fetchPage('/articles?page_index=2&page_size=3', 'page', 10, 'exact');
    expect(page.links.next).toBe('/articles?page_index=3&page_size=3');
  });

  it('needs a total for exact and estimate counts', () => {
    const request = new Request('https://api.test/a');
    expect(() =>
      createPage(request, parsePageQuery(request), { items: [], count: 'exact' }),
    ).toThrow(TypeError);
  });
});

describe('createPage in offset style', () => {
  it.each([
    ['first page', 10, 0, 4, [0, 1, 2, 3], ['self', 'first', 'next', 'last']],
    ['last page', 10, 8, 4, [8, 9], ['self', 'first', 'prev', 'last']],
    ['one item', 1, 0, 4, [0], ['self', 'first', 'last']],
    ['zero items', 0, 0, 4, [], ['self', 'first', 'last']],
    ['beyond the end', 10, 40, 4, [], ['self', 'first', 'prev', 'last']],
    ['unaligned offset', 10, 5, 4, [5, 6, 7, 8], ['self', 'first', 'prev', 'next', 'last']],
  ] as const)('%s', (_title, total, offset, limit, items, rels) => {
    const page = fetchPage(`/articles?offset=${offset}&limit=${limit}`, 'offset', total, 'exact');
    expect(page.items).toEqual(items);
    expect(Object.keys(page.links)).toEqual(rels);
  });

  it('writes offsets into the links', () => {
    const page = fetchPage('/articles?limit=4&offset=5&tag=a', 'offset', 10, 'exact');
    expect(page.links).toEqual({
      self: '/articles?offset=5&limit=4&tag=a',
      first: '/articles?offset=0&limit=4&tag=a',
      prev: '/articles?offset=1&limit=4&tag=a',
      next: '/articles?offset=9&limit=4&tag=a',
      last: '/articles?offset=8&limit=4&tag=a',
    });
    expect(page.pageIndex).toBe(2);
  });

  it('keeps odd unrelated parameters byte for byte and drops repeated paging ones', () => {
    const page = fetchPage(
      '/articles?a=%E0%A4%A&b&c=x+y&&offset=4&limit=2&offset=4&d=%7e',
      'offset',
      10,
      'exact',
    );
    expect(page.links.next).toBe('/articles?a=%E0%A4%A&b&c=x+y&offset=6&limit=2&d=%7e');
  });

  it('beyond the end links back to the last page', () => {
    const page = fetchPage('/articles?offset=40&limit=4', 'offset', 10, 'exact');
    expect(page.links.prev).toBe('/articles?offset=8&limit=4');
  });

  it('total unknown: no last', () => {
    const page = fetchPage('/articles?offset=0&limit=4', 'offset', 10, 'none');
    expect(page.links.last).toBeUndefined();
    expect(page.links.next).toBe('/articles?offset=4&limit=4');
  });

  it('absolute links against a public base url', () => {
    const request = new Request('http://10.0.0.1:8080/articles?offset=0&limit=2');
    const page = createPage(
      request,
      parseOffsetQuery(request),
      { items: [1, 2], total: 3 },
      {
        baseUrl: 'https://api.example.com/v1/',
      },
    );
    expect(page.links.next).toBe('https://api.example.com/v1/articles?offset=2&limit=2');
  });
});

describe('headers and bodies', () => {
  const request = new Request('https://api.test/articles?pageIndex=2&pageSize=2');
  const page = createPage(request, parsePageQuery(request), { items: ['c', 'd'], total: 5 });

  it('sets an rfc 8288 link header and x-total-count', () => {
    const headers = new Headers({ Link: '</docs>; rel="help"' });
    setPageHeaders(headers, page, { totalCount: true });
    expect(headers.get('link')).toBe(
      '</docs>; rel="help", ' +
        '<https://api.test/articles?pageIndex=2&pageSize=2>; rel="self", ' +
        '<https://api.test/articles?pageIndex=1&pageSize=2>; rel="first", ' +
        '<https://api.test/articles?pageIndex=1&pageSize=2>; rel="prev", ' +
        '<https://api.test/articles?pageIndex=3&pageSize=2>; rel="next", ' +
        '<https://api.test/articles?pageIndex=3&pageSize=2>; rel="last"',
    );
    expect(headers.get('x-total-count')).toBe('5');
  });

  it('writes the link header with hal-links formatLinkHeader, in page order', () => {
    const shuffled: Page<string> = {
      ...page,
      links: { last: '/a?p=3', next: '/a?p=3', self: '/a?p=2', prev: '/a?p=1', first: '/a?p=1' },
    };
    const headers = new Headers();
    setPageHeaders(headers, shuffled);
    const ordered = {
      self: '/a?p=2',
      first: '/a?p=1',
      prev: '/a?p=1',
      next: '/a?p=3',
      last: '/a?p=3',
    };
    expect(headers.get('link')).toBe(formatLinkHeader(ordered));
    expect(headers.get('link')).toBe(
      '</a?p=2>; rel="self", </a?p=1>; rel="first", </a?p=1>; rel="prev", </a?p=3>; rel="next", </a?p=3>; rel="last"',
    );
  });

  it('sends x-total-count only when asked and exact', () => {
    const headers = new Headers();
    setPageHeaders(headers, page);
    expect(headers.has('x-total-count')).toBe(false);
    const estimated = createPage(request, parsePageQuery(request), {
      items: [],
      total: 5,
      count: 'estimate',
    });
    setPageHeaders(headers, estimated, { totalCount: true });
    expect(headers.has('x-total-count')).toBe(false);
  });

  it('renders a json body with hal _links', async () => {
    const response = pageResponse(page, { totalCount: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      items: ['c', 'd'],
      pageSize: 2,
      pageIndex: 2,
      total: 5,
      totalPages: 3,
      hasMore: true,
      _links: {
        self: { href: 'https://api.test/articles?pageIndex=2&pageSize=2' },
        first: { href: 'https://api.test/articles?pageIndex=1&pageSize=2' },
        prev: { href: 'https://api.test/articles?pageIndex=1&pageSize=2' },
        next: { href: 'https://api.test/articles?pageIndex=3&pageSize=2' },
        last: { href: 'https://api.test/articles?pageIndex=3&pageSize=2' },
      },
    });
  });

  it('leaves out what the page does not know', () => {
    const unknown = createPage(request, parsePageQuery(request), { items: [] });
    expect(pageBody(unknown)).not.toHaveProperty('total');
    expect(pageBody(unknown)).not.toHaveProperty('_links.last');
  });
});

describe('following links', () => {
  const other = fc.array(
    fc.tuple(fc.constantFrom('q', 'tag', 'a b', 'é', 'sort'), fc.string({ maxLength: 8 })),
    { maxLength: 4 },
  );

  it.each(['offset', 'page'] as const)(
    '%s style: next from first visits every item once and reaches last',
    (style) => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 120 }),
          fc.integer({ min: 1, max: 25 }),
          fc.constantFrom<CountMode>('exact', 'none', 'estimate'),
          other,
          (total, size, count, extra) => {
            const sizeName = style === 'offset' ? 'limit' : 'pageSize';
            const search = new URLSearchParams([...extra, [sizeName, String(size)]]);
            const start = fetchPage(`/items?${search}`, style, total, count);
            const seen: number[] = [];
            let page = fetchPage(start.links.first!, style, total, count);
            const lastHref = page.links.last;
            let hops = 0;
            for (;;) {
              seen.push(...page.items);
              // Unrelated parameters survive every hop, in order and byte for byte.
              const pieces = (page.links.self.split('?')[1] ?? '').split('&');
              const managed = new Set([sizeName, style === 'offset' ? 'offset' : 'pageIndex']);
              const unrelated = pieces.filter((piece) => !managed.has(piece.split('=')[0]!));
              const expected = new URLSearchParams(extra).toString();
              expect(unrelated.join('&')).toBe(expected);
              if (page.links.next === undefined) break;
              page = fetchPage(page.links.next, style, total, count);
              hops += 1;
              expect(hops).toBeLessThanOrEqual(total);
            }
            expect(seen).toEqual(ITEMS(total));
            if (count === 'exact') expect(page.links.self).toBe(lastHref);
            else expect(lastHref).toBeUndefined();
          },
        ),
      );
    },
  );
});
