import fc from 'fast-check';
import { HttpError } from '@fielding/problem-errors';
import { describe, expect, it } from 'vitest';
import { badRequestOf } from './_test-helpers.js';
import { keyset } from './keyset.js';
import { parseSort, sortValues, type SortOptions } from './sort.js';

const options: SortOptions = {
  fields: {
    createdAt: { column: 'created_at' },
    title: {},
    rating: { nullable: true, nulls: 'last' },
    id: { unique: true },
  },
  tieBreaker: 'id',
};
const url = (query: string): string => `https://api.test/articles${query}`;

describe('parseSort', () => {
  it('parses directions against the allow-list and appends the tie-breaker', () => {
    expect(parseSort(url('?sort=-createdAt,title'), options)).toEqual([
      { field: 'createdAt', column: 'created_at', direction: 'desc' },
      { field: 'title', column: 'title', direction: 'asc' },
      { field: 'id', column: 'id', direction: 'asc', unique: true },
    ]);
  });

  it('keeps the client tie-breaker direction and null orders', () => {
    expect(parseSort(url('?sort=rating,-id'), options)).toEqual([
      { field: 'rating', column: 'rating', direction: 'asc', nullable: true, nulls: 'last' },
      { field: 'id', column: 'id', direction: 'desc', unique: true },
    ]);
  });

  it('uses the default sort and feeds keyset directly', () => {
    const terms = parseSort(url(''), { ...options, defaultSort: '-createdAt' });
    expect(terms.map((term) => term.field)).toEqual(['createdAt', 'id']);
    expect(keyset(terms, undefined).orderBy).toHaveLength(2);
    expect(parseSort(url(''), { fields: { a: {} } })).toEqual([]);
  });

  it.each([
    ['?sort=password', /Cannot sort by "password"; sort by one of: createdAt, title, rating, id/],
    ['?sort=title,-title', /"title" appears twice/],
    ['?sort=title,,id', /empty field/],
    ['?sort=constructor', /Cannot sort by "constructor"/],
    ['?sort=a,b,c,d,e,f,g,h,i', /at most 8 fields/],
    ['?sort=title&sort=id', /only once/],
  ])('answers 400 to %s', async (query, detail) => {
    const error = await badRequestOf(() => parseSort(url(query), options));
    expect(error.errors?.[0]).toEqual({ parameter: 'sort', detail: expect.stringMatching(detail) });
  });

  it('refuses a tie-breaker that is not unique', () => {
    expect(() => parseSort(url(''), { fields: { a: {} }, tieBreaker: 'a' })).toThrow(TypeError);
  });

  it('only ever throws HttpError(400) on client input', () => {
    fc.assert(
      fc.property(fc.string(), (sort) => {
        try {
          parseSort(`https://api.test/a?sort=${encodeURIComponent(sort)}`, options);
        } catch (error) {
          expect(error).toBeInstanceOf(HttpError);
          expect((error as HttpError).status).toBe(400);
        }
      }),
    );
  });
});

describe('sortValues', () => {
  const terms = parseSort(url('?sort=-createdAt,rating'), options);

  it('reads cursor values from an item', () => {
    expect(sortValues(terms, { createdAt: new Date(0), rating: undefined, id: 12n })).toEqual([
      '1970-01-01T00:00:00.000Z',
      null,
      '12',
    ]);
    expect(sortValues(terms, { createdAt: 'x', rating: 4.5, id: true })).toEqual(['x', 4.5, true]);
  });

  it('refuses values a cursor cannot carry', () => {
    expect(() => sortValues(terms, { createdAt: {}, rating: 1, id: 1 })).toThrow(TypeError);
  });
});
