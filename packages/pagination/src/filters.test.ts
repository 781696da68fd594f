import fc from 'fast-check';
import Ajv from 'ajv';
import { HttpError } from '@fielding/problem-errors';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { badRequestOf } from './_test-helpers.js';
import { createFilterParser } from './filters.js';

const parseFilters = createFilterParser({
  type: 'object',
  properties: {
    age: { type: 'integer', minimum: 0 },
    status: { type: 'array', items: { type: 'string', enum: ['open', 'closed'] } },
    vip: { type: 'boolean' },
    name: { type: 'string', maxLength: 20 },
    score: { type: 'number', default: 1 },
  },
  required: ['age'],
} as const);

const url = (query: string): string => `https://api.test/pets${query}`;

describe('createFilterParser', () => {
  it('coerces declared parameters and ignores the rest', () => {
    const filters = parseFilters(url('?age=3&status=open,closed&vip=true&limit=5&sort=-age'));
    expect(filters).toEqual({ age: 3, status: ['open', 'closed'], vip: true, score: 1 });
  });

  it('accepts repeated list parameters and a single value as a list', () => {
    expect(parseFilters(url('?age=1&status=open&status=closed')).status).toEqual([
      'open',
      'closed',
    ]);
    expect(parseFilters(url('?age=1&status=open')).status).toEqual(['open']);
  });

  it('infers typed results from the schema', () => {
    const filters = parseFilters(url('?age=3'));
    expectTypeOf(filters.age).toEqualTypeOf<number>();
    expectTypeOf(filters.status).toEqualTypeOf<Array<'open' | 'closed'> | undefined>();
    expectTypeOf(filters.vip).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(filters.name).toEqualTypeOf<string | undefined>();
  });

  // The toolkit's one wording (issuesFromAjv of @fielding/problem-errors).
  it.each([
    ['?age=three', 'age', 'must be integer'],
    ['?age=-1', 'age', 'must be >= 0'],
    ['?age=1&status=pending', 'status', 'must be one of "open", "closed"'],
    ['?age=1&vip=maybe', 'vip', 'must be boolean'],
    ['', 'age', 'is required'],
  ])('answers 400 to %j naming %s', async (query, parameter, detail) => {
    const error = await badRequestOf(() => parseFilters(url(query)));
    expect(error.errors).toEqual([{ parameter, detail }]);
    expect(error.detail).toBe('The request has 1 invalid value.');
  });

  it('answers 400 to a repeated scalar filter', async () => {
    const error = await badRequestOf(() => parseFilters(url('?age=1&age=2')));
    expect(error.errors).toEqual([
      { parameter: 'age', detail: expect.stringMatching(/only once/) },
    ]);
  });

  it('lists at most 20 issues and counts the rest', async () => {
    const names = Array.from({ length: 30 }, (_, i) => `f${i}`);
    const many = createFilterParser(
      {
        type: 'object',
        properties: Object.fromEntries(names.map((name) => [name, { type: 'integer' as const }])),
      },
      { maxConditions: 50 },
    );
    const error = await badRequestOf(() => many(url(`?${names.map((n) => `${n}=x`).join('&')}`)));
    expect(error.errors).toHaveLength(20);
    expect(error.extensions).toEqual({ omittedErrors: 10 });
  });

  it('says once that a set has bad members', async () => {
    const ids = createFilterParser({
      type: 'object',
      properties: { ids: { type: 'array', items: { type: 'integer' } } },
    });
    const error = await badRequestOf(() => ids(url('?ids=a,b,c,4')));
    expect(error.errors).toEqual([{ parameter: 'ids', detail: 'must be integer' }]);
  });

  it('takes an ajv instance and unescapes pointer segments', async () => {
    const parse = createFilterParser(
      { type: 'object', properties: { 'a/b~c': { type: 'integer' } } },
      { ajv: new Ajv({ coerceTypes: true }) },
    );
    expect(parse(url('?a%2Fb~c=4'))).toEqual({ 'a/b~c': 4 });
    const error = await badRequestOf(() => parse(url('?a%2Fb~c=x')));
    expect(error.errors?.[0]?.parameter).toBe('a/b~c');
  });

  it('only ever throws HttpError(400) on client input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('age', 'status', 'vip', 'name', 'score'), fc.string())),
        (pairs) => {
          try {
            parseFilters(`https://api.test/a?${new URLSearchParams(pairs).toString()}`);
          } catch (error) {
            expect(error).toBeInstanceOf(HttpError);
            expect((error as HttpError).status).toBe(400);
          }
        },
      ),
    );
  });
});
