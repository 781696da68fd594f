// The README's full example, run for real: one collection served in every style through the
// public entry point, with problem+json answers for bad input.
import { isHttpError, problemFromError } from '@fielding/problem-errors';
import { describe, expect, it } from 'vitest';
import {
  createCursorCodec,
  createCursorPage,
  createFilterParser,
  createPage,
  keyset,
  pageResponse,
  parseCursorQuery,
  parseFields,
  parsePageQuery,
  parseSort,
  project,
  sortValues,
  type Keyset,
  type KeysetCondition,
} from '../src/index.js';

interface Article {
  id: number;
  title: string;
  status: 'draft' | 'published';
  rating: number | null;
  author: { name: string; email: string };
}

const ARTICLES: Article[] = Array.from({ length: 23 }, (_, i) => ({
  id: i + 1,
  title: `Article ${String(i + 1).padStart(2, '0')}`,
  status: i % 3 === 0 ? 'draft' : 'published',
  rating: i % 4 === 0 ? null : i % 5,
  author: { name: `Author ${i % 3}`, email: `a${i % 3}@example.test` },
}));

const parseFilters = createFilterParser({
  type: 'object',
  properties: {
    status: { type: 'array', items: { type: 'string', enum: ['draft', 'published'] } },
  },
} as const);
const SORT = {
  fields: { title: {}, rating: { nullable: true, nulls: 'last' as const }, id: { unique: true } },
  tieBreaker: 'id',
  defaultSort: 'title',
};
const FIELDS = {
  allowed: ['id', 'title', 'status', 'rating', 'author', 'author.name'],
  always: ['id'],
};
const codec = createCursorCodec({ secret: 'example secret, at least 32 bytes long!' });

// A stand-in for the database: the same WHERE / ORDER BY data a SQL layer would render.
function value(row: Article, column: string): string | number | null {
  return (row as unknown as Record<string, string | number | null>)[column] ?? null;
}
function matches(row: Article, condition: KeysetCondition): boolean {
  if ('and' in condition) return condition.and.every((part) => matches(row, part));
  if ('or' in condition) return condition.or.some((part) => matches(row, part));
  const current = value(row, condition.column);
  if (!('value' in condition)) return (current === null) === (condition.operator === 'IS NULL');
  if (current === null) return false;
  if (condition.operator === '=') return current === condition.value;
  return condition.operator === '<' ? current < condition.value : current > condition.value;
}
function ordered(orderBy: Keyset['orderBy']) {
  return (a: Article, b: Article): number => {
    for (const term of orderBy) {
      const x = value(a, term.column);
      const y = value(b, term.column);
      if (x === y) continue;
      if (x === null || y === null) return (x === null) === (term.nulls === 'first') ? -1 : 1;
      return (x < y ? -1 : 1) * (term.direction === 'asc' ? 1 : -1);
    }
    return 0;
  };
}

async function articles(request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const filters = parseFilters(url);
    const sort = parseSort(url, SORT);
    const fields = parseFields(url, FIELDS);
    const rows = ARTICLES.filter((row) => filters.status?.includes(row.status) ?? true);
    if (url.searchParams.has('cursor') || url.searchParams.get('style') === 'cursor') {
      const query = await parseCursorQuery(url, { codec });
      const { where, orderBy } = keyset(sort, query.cursor);
      const fetched = rows
        .filter((row) => where === undefined || matches(row, where))
        .sort(ordered(orderBy))
        .slice(0, query.limit + 1);
      const page = await createCursorPage(
        request,
        query,
        {
          items: fetched,
          cursorOf: (row) => sortValues(sort, { ...row }),
        },
        { codec },
      );
      return pageResponse({ ...page, items: project(page.items, fields) });
    }
    const query = parsePageQuery(url, { defaultPageSize: 5, maxPageSize: 10 });
    const sorted = rows.sort(ordered(keyset(sort, undefined).orderBy));
    const page = createPage(request, query, {
      items: sorted.slice(query.offset, query.offset + query.limit),
      total: sorted.length,
    });
    return pageResponse({ ...page, items: project(page.items, fields) }, { totalCount: true });
  } catch (error) {
    if (isHttpError(error)) return problemFromError(error);
    throw error;
  }
}

interface Body {
  items: Array<Partial<Article>>;
  total?: number;
  _links: { self: { href: string }; next?: { href: string }; last?: { href: string } };
}

describe('a collection served with @fielding/pagination', () => {
  it('pages, filters, sorts and projects', async () => {
    const response = await articles(
      new Request(
        'https://api.test/articles?status=published&sort=-rating,title&fields=title,author.name&pageIndex=2&pageSize=3',
      ),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as Body;
    const published = ARTICLES.filter((row) => row.status === 'published');
    expect(response.headers.get('x-total-count')).toBe(String(published.length));
    expect(body.items).toHaveLength(3);
    expect(Object.keys(body.items[0]!)).toEqual(['id', 'title', 'author']);
    expect(body._links.next?.href).toBe(
      'https://api.test/articles?status=published&sort=-rating,title&fields=title,author.name&pageIndex=3&pageSize=3',
    );
    expect(response.headers.get('link')).toContain('rel="last"');
  });

  it('answers bad input with problem+json naming the parameter', async () => {
    const response = await articles(
      new Request('https://api.test/articles?pageSize=50&sort=secret'),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = (await response.json()) as { errors: Array<{ parameter: string }> };
    expect(body.errors[0]?.parameter).toBe('sort');
  });

  it('walks the signed cursors and refuses a replay with another filter', async () => {
    let href: string | undefined = 'https://api.test/articles?style=cursor&sort=-rating&limit=4';
    const seen: number[] = [];
    let last = '';
    while (href !== undefined) {
      const body = (await (await articles(new Request(href))).json()) as Body;
      seen.push(...body.items.map((item) => item.id!));
      expect(body._links.last).toBeUndefined();
      last = body._links.self.href;
      href = body._links.next?.href;
    }
    expect(seen.sort((a, b) => a - b)).toEqual(ARTICLES.map((row) => row.id));
    const replay = await articles(new Request(`${last}&status=draft`));
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ errors: [{ parameter: 'cursor' }] });
  });
});
