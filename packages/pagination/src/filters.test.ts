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

  it.each([
    ['?age=three', 'age', /"age" must be integer/],
    ['?age=-1', 'age', /"age" must be >= 0/],
    ['?age=1&status=pending', 'status', /"status" must be equal to one of the allowed values/],
    ['?age=1&vip=maybe', 'vip', /"vip" must be boolean/],
    ['', 'age', /"age" must have required property 'age'/],
    ['?age=1&age=2', 'age', /only once/],
  ])('answers 400 to %j naming %s', async (query, parameter, detail) => {
    const error = await badRequestOf(() => parseFilters(url(query)));
    expect(error.errors?.[0]).toEqual({ parameter, detail: expect.stringMatching(detail) });
  });

  it('reports every bad parameter', async () => {
    const error = await badRequestOf(() => parseFilters(url('?age=x&vip=y')));
    expect(error.errors?.map((issue) => issue.parameter)).toEqual(['age', 'vip']);
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
