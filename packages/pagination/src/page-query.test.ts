import { HttpError, problemFromError } from '@fielding/problem-errors';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badRequestOf } from './_test-helpers.js';
import { parseOffsetQuery, parsePageQuery } from './page-query.js';

const url = (query: string): string => `https://api.test/articles${query}`;

describe('parseOffsetQuery', () => {
  it.each([
    ['', 0, 20],
    ['?offset=25&limit=50', 25, 50],
    ['?offset=0&limit=1', 0, 1],
    ['?limit=100', 0, 100],
    ['?offset=7&offset=7', 7, 20],
  ])('reads %j as offset %i, limit %i', (query, offset, limit) => {
    expect(parseOffsetQuery(url(query))).toMatchObject({ style: 'offset', offset, limit });
  });

  it.each([
    ['?offset=-1', 'offset'],
    ['?offset=1.5', 'offset'],
    ['?offset=1e3', 'offset'],
    ['?offset=%201', 'offset'],
    ['?offset=', 'offset'],
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?limit=abc', 'limit'],
    ['?limit=5&limit=6', 'limit'],
    ['?offset=9999999999999999', 'offset'],
  ])('rejects %j naming %s', async (query, parameter) => {
    const error = await badRequestOf(() => parseOffsetQuery(url(query)));
    expect(error.errors).toEqual([expect.objectContaining({ parameter })]);
  });

  it('reports every bad parameter at once as problem+json', async () => {
    const error = await badRequestOf(() => parseOffsetQuery(url('?offset=-3&limit=x')));
    const response = problemFromError(error);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const body = (await response.json()) as { errors: Array<{ parameter: string }> };
    expect(body.errors.map((issue) => issue.parameter)).toEqual(['offset', 'limit']);
  });

  it('clamps only when told to', () => {
    expect(parseOffsetQuery(url('?limit=500'), { clampPageSize: true }).limit).toBe(100);
    expect(
      parseOffsetQuery(url('?limit=500'), { maxPageSize: 50, clampPageSize: true }).limit,
    ).toBe(50);
  });

  it('keeps the default within the maximum', () => {
    expect(parseOffsetQuery(url(''), { defaultPageSize: 30, maxPageSize: 10 }).limit).toBe(10);
  });

  it('honours maxOffset and custom names', async () => {
    const error = await badRequestOf(() =>
      parseOffsetQuery(url('?skip=50'), { maxOffset: 40, offsetParameter: 'skip' }),
    );
    expect(error.errors?.[0]?.parameter).toBe('skip');
    expect(
      parseOffsetQuery(url('?skip=4&take=2'), { offsetParameter: 'skip', limitParameter: 'take' }),
    ).toMatchObject({ offset: 4, limit: 2 });
  });

  it('accepts a request and a url object', () => {
    expect(parseOffsetQuery(new Request(url('?offset=3'))).offset).toBe(3);
    expect(parseOffsetQuery(new URL(url('?offset=4'))).offset).toBe(4);
    expect(parseOffsetQuery('/articles?offset=5').offset).toBe(5);
  });

  it('refuses an absurdly long query string', async () => {
    await badRequestOf(() => parseOffsetQuery(url(`?q=${'x'.repeat(20_000)}`)));
  });
});

describe('parsePageQuery', () => {
  it.each([
    ['', 1, 20, 0],
    ['?pageIndex=4&pageSize=25', 4, 25, 75],
    ['?page_index=2&page_size=10', 2, 10, 10],
    ['?pageIndex=3&page_size=5', 3, 5, 10],
    ['?pageSize=5&page_size=5', 1, 5, 0],
  ])('reads %j as page %i of size %i (offset %i)', (query, pageIndex, limit, offset) => {
    expect(parsePageQuery(url(query))).toMatchObject({ style: 'page', pageIndex, limit, offset });
  });

  it('remembers the spelling the client used for its links', () => {
    expect(parsePageQuery(url('?page_index=2&page_size=10')).parameters).toMatchObject({
      position: 'page_index',
      size: 'page_size',
    });
    expect(parsePageQuery(url('')).parameters).toMatchObject({
      position: 'pageIndex',
      size: 'pageSize',
    });
  });

  it.each([
    ['?pageIndex=0', 'pageIndex'],
    ['?page_index=-2', 'page_index'],
    ['?pageIndex=2&page_index=3', 'page_index'],
    ['?pageSize=1000', 'pageSize'],
    ['?page_size=2.5', 'page_size'],
    ['?pageIndex=999999999999999&pageSize=100', 'pageIndex'],
  ])('rejects %j naming %s', async (query, parameter) => {
    const error = await badRequestOf(() => parsePageQuery(url(query)));
    expect(error.errors?.[0]?.parameter).toBe(parameter);
  });
});

describe('parsers on arbitrary input', () => {
  const query = fc.array(
    fc.tuple(
      fc.constantFrom('offset', 'limit', 'pageIndex', 'page_index', 'pageSize', 'page_size', 'x'),
      fc.oneof(fc.string(), fc.integer().map(String), fc.double().map(String)),
    ),
    { maxLength: 6 },
  );

  it('only ever throw HttpError(400)', () => {
    fc.assert(
      fc.property(query, (pairs) => {
        const target = `https://api.test/a?${new URLSearchParams(pairs).toString()}`;
        for (const parse of [parseOffsetQuery, parsePageQuery]) {
          try {
            const parsed = parse(target);
            expect(Number.isSafeInteger(parsed.offset) && parsed.offset >= 0).toBe(true);
            expect(parsed.limit >= 1 && parsed.limit <= 100).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(HttpError);
            expect((error as HttpError).status).toBe(400);
          }
        }
      }),
    );
  });
});
