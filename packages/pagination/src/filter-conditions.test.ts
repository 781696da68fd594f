import { HttpError } from '@fielding/problem-errors';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { badRequestOf } from './_test-helpers.js';
import { createFilterParser, type FilterCondition, type FilterOperator } from './filters.js';

const schema = {
  type: 'object',
  properties: {
    age: { type: 'integer', minimum: 0 },
    score: { type: 'number' },
    name: { type: 'string', maxLength: 20 },
    status: { type: 'string', enum: ['draft', 'published', 'archived'] },
    vip: { type: 'boolean' },
    born: { type: 'string', format: 'date' },
    createdAt: { type: 'string', format: 'date-time' },
    tags: { type: 'array', items: { type: 'string', enum: ['a', 'b', 'c'] }, maxItems: 3 },
  },
} as const;

const parseFilters = createFilterParser(schema, { otherParameters: ['limit', 'sort'] });
const lenientParser = createFilterParser(schema);
const conditionsOf = (query: string): FilterCondition<typeof schema>[] =>
  parseFilters.conditions(`https://api.test/pets?${query}`);

describe('filter conditions', () => {
  // query → the one condition it holds
  it.each<[string, string, FilterOperator, unknown]>([
    // integer: every operator
    ['age=3', 'age', 'eq', 3],
    ['age[eq]=3', 'age', 'eq', 3],
    ['age[ne]=3', 'age', 'ne', 3],
    ['age[gt]=3', 'age', 'gt', 3],
    ['age[gte]=3', 'age', 'gte', 3],
    ['age[lt]=10', 'age', 'lt', 10],
    ['age[lte]=10', 'age', 'lte', 10],
    ['age[in]=1,2,3', 'age', 'in', [1, 2, 3]],
    ['age=1,2', 'age', 'in', [1, 2]],
    ['age[nin]=1,2', 'age', 'nin', [1, 2]],
    ['age%5Bgte%5D=3', 'age', 'gte', 3],
    // number
    ['score[gte]=1.5', 'score', 'gte', 1.5],
    ['score=-2e3', 'score', 'eq', -2000],
    ['score[in]=0.5,1', 'score', 'in', [0.5, 1]],
    // free string: a bare comma is part of the value
    ['name=Smith,%20John', 'name', 'eq', 'Smith, John'],
    ['name[ne]=Roy', 'name', 'ne', 'Roy'],
    ['name[in]=Roy,Ada', 'name', 'in', ['Roy', 'Ada']],
    ['name[nin]=Roy', 'name', 'nin', ['Roy']],
    ['name=', 'name', 'eq', ''],
    // enum string: a bare comma makes a set
    ['status=draft', 'status', 'eq', 'draft'],
    ['status=draft,published', 'status', 'in', ['draft', 'published']],
    ['status[in]=draft', 'status', 'in', ['draft']],
    ['status[nin]=archived', 'status', 'nin', ['archived']],
    ['status[eq]=draft', 'status', 'eq', 'draft'],
    // boolean
    ['vip=true', 'vip', 'eq', true],
    ['vip[ne]=false', 'vip', 'ne', false],
    // dates
    ['born[gte]=2024-02-29', 'born', 'gte', '2024-02-29'],
    ['born=2024-01-01,2024-01-02', 'born', 'in', ['2024-01-01', '2024-01-02']],
    ['createdAt[lt]=2024-05-01T10:00:00Z', 'createdAt', 'lt', '2024-05-01T10:00:00Z'],
    [
      'createdAt[gte]=2024-05-01T10:00:00.123-07:00',
      'createdAt',
      'gte',
      '2024-05-01T10:00:00.123-07:00',
    ],
    // `+02:00` sent unencoded arrives as a space
    ['createdAt[gte]=2024-05-01T10:00:00+02:00', 'createdAt', 'gte', '2024-05-01T10:00:00+02:00'],
    ['createdAt[gte]=2024-05-01T10:00:00%2B02:00', 'createdAt', 'gte', '2024-05-01T10:00:00+02:00'],
    // list filter: its members' type decides the operators
    ['tags=a', 'tags', 'in', ['a']],
    ['tags=a,b', 'tags', 'in', ['a', 'b']],
    ['tags=a&tags=b', 'tags', 'in', ['a', 'b']],
    ['tags[nin]=c', 'tags', 'nin', ['c']],
    ['tags[eq]=a', 'tags', 'eq', 'a'],
  ])('%s → %s %s %j', (query, field, operator, value) => {
    expect(conditionsOf(query)).toEqual([{ field, operator, value }]);
  });

  it('keeps every condition, in query order, and leaves the other parameters alone', () => {
    expect(conditionsOf('limit=5&age[lt]=10&sort=-age&age[gte]=3&status=draft,published')).toEqual([
      { field: 'age', operator: 'lt', value: 10 },
      { field: 'age', operator: 'gte', value: 3 },
      { field: 'status', operator: 'in', value: ['draft', 'published'] },
    ]);
    expect(conditionsOf('')).toEqual([]);
  });

  const OPERATORS_OF = (allowed: string): RegExp => new RegExp(`use one of: ${allowed}$`);

  // query → the parameter the 400 names and its detail
  it.each<[string, string, string | RegExp]>([
    // unknown filter
    ['color=red', 'color', /^is not a filter; filter by one of: age, score, name, status/],
    ['color[gte]=1', 'color[gte]', /^is not a filter/],
    ['=1', '', /^is not a filter/],
    // unknown operator
    ['age[foo]=1', 'age[foo]', OPERATORS_OF('eq, ne, gt, gte, lt, lte, in, nin')],
    ['age[]=1', 'age[]', /^has an unknown operator/],
    ['age[GTE]=1', 'age[GTE]', /^has an unknown operator/],
    ['vip[maybe]=1', 'vip[maybe]', OPERATORS_OF('eq, ne')],
    // an operator the field's type does not allow
    ['name[gte]=a', 'name[gte]', 'cannot use "gte" on name; use one of: eq, ne, in, nin'],
    ['status[lt]=draft', 'status[lt]', /^cannot use "lt" on status/],
    ['vip[in]=true,false', 'vip[in]', 'cannot use "in" on vip; use one of: eq, ne'],
    ['vip[gt]=true', 'vip[gt]', /^cannot use "gt" on vip/],
    ['tags[gt]=a', 'tags[gt]', /^cannot use "gt" on tags/],
    // bad values, in the toolkit's one wording
    ['age=x', 'age', 'must be integer'],
    ['age=0x10', 'age', 'must be integer'],
    ['age=1.5', 'age', 'must be integer'],
    ['age=%203', 'age', 'must be integer'],
    ['age=', 'age', 'must be integer'],
    ['age=99999999999999999999', 'age', 'must be integer'],
    ['age[gte]=-1', 'age[gte]', 'must be >= 0'],
    ['age[in]=1,x', 'age[in]', 'must be integer'],
    ['score=1e400', 'score', 'must be number'],
    ['score=NaN', 'score', 'must be number'],
    ['score=Infinity', 'score', 'must be number'],
    ['vip=true,false', 'vip', 'must be boolean'],
    ['vip=1', 'vip', 'must be boolean'],
    ['status=pending', 'status', 'must be one of "draft", "published", "archived"'],
    ['status=draft,pending', 'status', 'must be one of "draft", "published", "archived"'],
    ['name=abcdefghijklmnopqrstuvwxyz', 'name', 'must NOT have more than 20 characters'],
    ['born[gte]=2023-02-29', 'born[gte]', 'must match format "date"'],
    ['born=2024-1-1', 'born', 'must match format "date"'],
    ['createdAt[lt]=yesterday', 'createdAt[lt]', 'must match format "date-time"'],
    ['createdAt[lt]=2024-05-01T25:00:00Z', 'createdAt[lt]', 'must match format "date-time"'],
    ['createdAt[lt]=2024-05-01', 'createdAt[lt]', 'must match format "date-time"'],
    ['tags=a,b,c,a', 'tags', 'must NOT have more than 3 items'],
    ['tags=d', 'tags', 'must be one of "a", "b", "c"'],
    // repeats and limits
    ['age[gte]=1&age[gte]=2', 'age[gte]', 'must be given only once'],
    [`name[ne]=${'x'.repeat(1025)}`, 'name[ne]', 'must be at most 1024 characters'],
    [
      `age[in]=${Array.from({ length: 101 }, (_, i) => i).join(',')}`,
      'age[in]',
      'must list at most 100 values',
    ],
  ])('%s → 400 naming %j', async (query, parameter, detail) => {
    const error = await badRequestOf(() => conditionsOf(query));
    expect(error.errors).toEqual([{ parameter, detail: expect.stringMatching(detail) }]);
    if (typeof detail === 'string') expect(error.errors?.[0]?.detail).toBe(detail);
  });

  it('answers 400 past 20 conditions, naming the first one too many', async () => {
    const ops = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'];
    const query = ['age', 'score', 'born']
      .flatMap((field) => ops.map((op) => `${field}[${op}]=1`))
      .join('&');
    const error = await badRequestOf(() =>
      createFilterParser({
        type: 'object',
        properties: {
          age: { type: 'integer' },
          score: { type: 'number' },
          born: { type: 'integer' },
        },
      }).conditions(`/a?${query}`),
    );
    expect(error.errors).toEqual([
      { parameter: 'born[lt]', detail: 'is over the limit of 20 filter conditions' },
    ]);
  });

  it('truncates a long unknown name it echoes', async () => {
    const error = await badRequestOf(() => conditionsOf(`${'n'.repeat(300)}=1`));
    expect(error.errors?.[0]?.parameter).toBe(`${'n'.repeat(128)}…`);
  });

  it('reports every bad parameter, each once', async () => {
    const error = await badRequestOf(() => conditionsOf('color=red&age[foo]=1&age=x&vip[in]=true'));
    expect(error.errors?.map((issue) => issue.parameter)).toEqual([
      'color',
      'age[foo]',
      'vip[in]',
      'age',
    ]);
    expect(error.status).toBe(400);
    expect(error.detail).toBe('The request has 4 invalid values.');
  });

  it('ignores undeclared parameters without otherParameters', () => {
    const lenient = createFilterParser(schema);
    expect(lenient.conditions('/a?page[size]=3&color=red&age[gt]=1')).toEqual([
      { field: 'age', operator: 'gt', value: 1 },
    ]);
  });

  it('types each condition by its field', () => {
    type Condition = FilterCondition<typeof schema>;
    expectTypeOf<Extract<Condition, { field: 'vip' }>['operator']>().toEqualTypeOf<'eq' | 'ne'>();
    expectTypeOf<Extract<Condition, { field: 'name' }>['operator']>().toEqualTypeOf<
      'eq' | 'ne' | 'in' | 'nin' | 'contains' | 'prefix'
    >();
    expectTypeOf<Extract<Condition, { field: 'status' }>['operator']>().toEqualTypeOf<
      'eq' | 'ne' | 'in' | 'nin'
    >();
    expectTypeOf<Extract<Condition, { field: 'born' }>['operator']>().toEqualTypeOf<
      Exclude<FilterOperator, 'contains' | 'prefix'>
    >();
    expectTypeOf<
      Extract<Condition, { field: 'age'; operator: 'in' | 'nin' }>['value']
    >().toEqualTypeOf<number[]>();
    expectTypeOf<
      Extract<Condition, { field: 'status'; operator: 'eq' | 'ne' }>['value']
    >().toEqualTypeOf<'draft' | 'published' | 'archived'>();
    expectTypeOf<
      Extract<Condition, { field: 'tags'; operator: 'in' | 'nin' }>['value']
    >().toEqualTypeOf<('a' | 'b' | 'c')[]>();
    expectTypeOf<FilterCondition['value']>().toEqualTypeOf<
      string | number | boolean | (string | number | boolean)[]
    >();
  });
});

describe('the equality form (calling the parser)', () => {
  it('returns values and refuses other operators', async () => {
    expect(parseFilters('/a?age=3&tags=a,b&status=draft')).toEqual({
      age: 3,
      tags: ['a', 'b'],
      status: 'draft',
    });
    const error = await badRequestOf(() => parseFilters('/a?age[gte]=3'));
    expect(error.errors).toEqual([
      { parameter: 'age[gte]', detail: 'cannot use "gte" on age; use one of: eq' },
    ]);
  });

  it('reads a comma in a scalar value as part of it, as before operators', async () => {
    const error = await badRequestOf(() => parseFilters('/a?status=draft,published'));
    expect(error.errors).toEqual([
      { parameter: 'status', detail: 'must be one of "draft", "published", "archived"' },
    ]);
  });

  it('refuses two conditions on one field', async () => {
    const error = await badRequestOf(() => parseFilters('/a?age=3&age[eq]=3'));
    expect(error.errors).toEqual([{ parameter: 'age[eq]', detail: 'must be given only once' }]);
  });
});

describe('options and schema', () => {
  it('narrows the operators of a field', async () => {
    const parse = createFilterParser(schema, { operators: { name: ['eq'], age: ['gte', 'lte'] } });
    expect(parse.conditions('/a?age[gte]=1&name=Roy')).toHaveLength(2);
    const error = await badRequestOf(() => parse.conditions('/a?name[ne]=Roy&age=3'));
    expect(error.errors).toEqual([
      { parameter: 'name[ne]', detail: 'cannot use "ne" on name; use one of: eq' },
      { parameter: 'age', detail: 'cannot use "eq" on age; use one of: gte, lte' },
    ]);
  });

  it('applies defaults unless the field is filtered, and requires required fields', async () => {
    const parse = createFilterParser({
      type: 'object',
      properties: {
        score: { type: 'number', default: 1 },
        tags: { type: 'array', items: { type: 'string' }, default: ['x'] },
        age: { type: 'integer' },
      },
      required: ['age'],
    } as const);
    expect(parse.conditions('/a?age[gt]=1')).toEqual([
      { field: 'age', operator: 'gt', value: 1 },
      { field: 'score', operator: 'eq', value: 1 },
      { field: 'tags', operator: 'in', value: ['x'] },
    ]);
    expect(parse.conditions('/a?age=1&score[lt]=5&tags[nin]=y')).toEqual([
      { field: 'age', operator: 'eq', value: 1 },
      { field: 'score', operator: 'lt', value: 5 },
      { field: 'tags', operator: 'nin', value: ['y'] },
    ]);
    const error = await badRequestOf(() => parse.conditions('/a?score=2'));
    expect(error.errors).toEqual([{ parameter: 'age', detail: 'is required' }]);
  });

  it('takes its limits from the options', async () => {
    const parse = createFilterParser(schema, { maxConditions: 1, maxValues: 2 });
    expect(parse.conditions('/a?age[in]=1,2')).toHaveLength(1);
    const tooMany = await badRequestOf(() => parse.conditions('/a?age=1&score=2'));
    expect(tooMany.errors?.[0]).toEqual({
      parameter: 'score',
      detail: 'is over the limit of 1 filter conditions',
    });
    const tooLong = await badRequestOf(() => parse.conditions('/a?age[in]=1,2,3'));
    expect(tooLong.errors?.[0]).toEqual({
      parameter: 'age[in]',
      detail: 'must list at most 2 values',
    });
  });

  it.each<[string, () => unknown]>([
    [
      'an operator the type does not allow',
      () => createFilterParser(schema, { operators: { vip: ['gt'] } }),
    ],
    [
      'operators for an unknown field',
      () => createFilterParser(schema, { operators: { nope: ['eq'] } as never }),
    ],
    [
      'a field that is no scalar',
      () => createFilterParser({ type: 'object', properties: { a: { type: 'object' } } } as never),
    ],
    [
      'a list of lists',
      () =>
        createFilterParser({
          type: 'object',
          properties: { a: { type: 'array', items: { type: 'array' } } },
        } as never),
    ],
    [
      'a default that does not fit',
      () =>
        createFilterParser({
          type: 'object',
          properties: { a: { type: 'integer', default: 'x' } },
        }),
    ],
    [
      'a filter that is also an other parameter',
      () => createFilterParser(schema, { otherParameters: ['age'] }),
    ],
  ])('throws a TypeError at setup for %s', (_, setup) => {
    expect(setup).toThrow(TypeError);
  });
});

describe('filter properties', () => {
  const NAMES = [
    'age',
    'score',
    'name',
    'status',
    'vip',
    'born',
    'createdAt',
    'tags',
    'limit',
    'color',
    'age[gte]',
    'age[in]',
    'name[gte]',
    'vip[in]',
    'born[lt]',
    'tags[nin]',
    'age[]',
    'age[[x]]',
  ];
  const name = fc.oneof(
    fc.constantFrom(...NAMES),
    fc
      .constantFrom(...NAMES)
      .chain((base) => fc.string({ maxLength: 6 }).map((op) => `${base}[${op}]`)),
    fc.string({ maxLength: 200 }),
  );
  const value = fc.oneof(
    fc.string(),
    fc.constantFrom(
      '1',
      '-3',
      '2.5',
      '1e3',
      'true',
      'draft,published',
      'a,b',
      '2024-05-01',
      '2024-05-01T10:00:00Z',
    ),
    fc.array(fc.integer(), { maxLength: 150 }).map((list) => list.join(',')),
  );
  const query = fc.oneof(
    fc
      .array(fc.tuple(name, value), { maxLength: 40 })
      .map((pairs) => new URLSearchParams(pairs).toString()),
    fc.string({ maxLength: 300 }),
  );

  it('only ever throws HttpError(400) with at most 20 named issues, and bounds its output', () => {
    fc.assert(
      fc.property(query, fc.boolean(), (search, strict) => {
        const parse = strict ? parseFilters : lenientParser;
        for (const run of [() => parse.conditions(`/a?${search}`), () => parse(`/a?${search}`)]) {
          try {
            const result = run();
            if (Array.isArray(result)) {
              expect(result.length).toBeLessThanOrEqual(20);
              for (const condition of result) {
                const values = Array.isArray(condition.value) ? condition.value : [condition.value];
                expect(values.length).toBeLessThanOrEqual(100);
                for (const item of values) expect(String(item).length).toBeLessThanOrEqual(1024);
              }
            }
          } catch (error) {
            expect(error).toBeInstanceOf(HttpError);
            const problem = error as HttpError;
            expect(problem.status).toBe(400);
            expect(problem.errors?.length).toBeGreaterThan(0);
            expect(problem.errors?.length).toBeLessThanOrEqual(20);
            for (const issue of problem.errors ?? []) {
              expect(typeof issue.parameter).toBe('string');
              expect(issue.parameter!.length).toBeLessThanOrEqual(129);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  // Any list of valid conditions, written as a query, parses back to itself.
  const condition = fc.oneof(
    fc
      .tuple(
        fc.constantFrom<FilterOperator>('eq', 'ne', 'gt', 'gte', 'lt', 'lte'),
        fc.nat({ max: 1e9 }),
      )
      .map(([operator, n]) => ({ field: 'age', operator, value: n })),
    fc
      .tuple(
        fc.constantFrom<FilterOperator>('in', 'nin'),
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 100,
        }),
      )
      .map(([operator, list]) => ({
        field: 'score',
        operator,
        value: list.map((n) => (Object.is(n, -0) ? 0 : n)),
      })),
    fc
      .tuple(fc.constantFrom<FilterOperator>('eq', 'ne'), fc.string({ maxLength: 20 }))
      .map(([operator, text]) => ({ field: 'name', operator, value: text })),
    fc
      .tuple(
        fc.constantFrom<FilterOperator>('in', 'nin'),
        fc.subarray(['draft', 'published', 'archived'], { minLength: 1 }),
      )
      .map(([operator, list]) => ({ field: 'status', operator, value: list })),
    fc
      .tuple(fc.constantFrom<FilterOperator>('eq', 'ne'), fc.boolean())
      .map(([operator, flag]) => ({ field: 'vip', operator, value: flag })),
    fc
      .tuple(
        fc.constantFrom<FilterOperator>('gt', 'gte', 'lt', 'lte'),
        fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
      )
      .map(([operator, date]) => ({ field: 'createdAt', operator, value: date.toISOString() })),
  );

  it('reads back any valid conditions written as a query', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(condition, { maxLength: 20, selector: (c) => `${c.field}[${c.operator}]` }),
        (conditions) => {
          const search = new URLSearchParams(
            conditions.map((c) => [
              `${c.field}[${c.operator}]`,
              Array.isArray(c.value) ? c.value.join(',') : String(c.value),
            ]),
          );
          expect(conditionsOf(search.toString())).toEqual(conditions);
        },
      ),
    );
  });
});

describe('text search operators (declared per field only)', () => {
  const search = createFilterParser(schema, {
    operators: { name: ['eq', 'contains', 'prefix'] },
  });

  it.each<[string, FilterOperator, string]>([
    ['name[contains]=oh', 'contains', 'oh'],
    ['name[prefix]=Jo', 'prefix', 'Jo'],
    // a comma is part of a search term
    ['name[contains]=Smith,%20J', 'contains', 'Smith, J'],
  ])('%s → name %s %j', (query, operator, value) => {
    expect(search.conditions(`/a?${query}`)).toEqual([{ field: 'name', operator, value }]);
  });

  it.each<[string, string, string]>([
    // not declared: the type's defaults do not include them
    [
      'name[contains]=oh',
      'name[contains]',
      'cannot use "contains" on name; use one of: eq, ne, in, nin',
    ],
  ])('is refused unless declared: %s', async (query, parameter, detail) => {
    const error = await badRequestOf(() => conditionsOf(query));
    expect(error.errors).toEqual([{ parameter, detail }]);
  });

  it.each<[string, string, string]>([
    ['name[contains]=', 'name[contains]', 'must NOT have fewer than 1 characters'],
    ['name[prefix]=abcdefghijklmnopqrstu', 'name[prefix]', 'must NOT have more than 20 characters'],
    ['name[ne]=Roy', 'name[ne]', 'cannot use "ne" on name; use one of: eq, contains, prefix'],
  ])('%s → 400 naming %j', async (query, parameter, detail) => {
    const error = await badRequestOf(() => search.conditions(`/a?${query}`));
    expect(error.errors).toEqual([{ parameter, detail }]);
  });

  it('keeps a search term free of the field pattern, which describes whole values', () => {
    const codes = createFilterParser(
      { type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]{3}-\\d{3}$' } } },
      { operators: { code: ['eq', 'prefix'] } },
    );
    expect(codes.conditions('/a?code[prefix]=AB')).toEqual([
      { field: 'code', operator: 'prefix', value: 'AB' },
    ]);
  });

  it.each<[string, () => unknown]>([
    ['an integer field', () => createFilterParser(schema, { operators: { age: ['contains'] } })],
    ['a date field', () => createFilterParser(schema, { operators: { born: ['prefix'] } })],
    ['an enum field', () => createFilterParser(schema, { operators: { status: ['contains'] } })],
  ])('is a TypeError at setup on %s', (_, setup) => {
    expect(setup).toThrow(TypeError);
  });
});

describe('what the parser declares (for OpenAPI documents)', () => {
  it('exposes its schema and the operators of each field', () => {
    const parse = createFilterParser(schema, { operators: { name: ['eq', 'prefix'] } });
    expect(parse.schema).toBe(schema);
    expect(parse.operators).toEqual({
      age: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'],
      score: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'],
      name: ['eq', 'prefix'],
      status: ['eq', 'ne', 'in', 'nin'],
      vip: ['eq', 'ne'],
      born: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'],
      createdAt: ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'],
      tags: ['eq', 'ne', 'in', 'nin'],
    });
    expect(Object.isFrozen(parse.operators)).toBe(true);
    expect(Object.isFrozen(parse.operators.age)).toBe(true);
  });
});

describe('value details', () => {
  it('reads -0 as 0', () => {
    expect(conditionsOf('age=-0&score[gt]=-0')).toEqual([
      { field: 'age', operator: 'eq', value: 0 },
      { field: 'score', operator: 'gt', value: 0 },
    ]);
    expect(Object.is(conditionsOf('age=-0')[0]?.value, 0)).toBe(true);
  });

  it('says once that a parameter is repeated, however often it is', async () => {
    const error = await badRequestOf(() => conditionsOf('age[gte]=1&age[gte]=2&age[gte]=3'));
    expect(error.errors).toEqual([{ parameter: 'age[gte]', detail: 'must be given only once' }]);
  });

  it('counts every unknown parameter but lists 20', async () => {
    const query = Array.from({ length: 500 }, (_, i) => `x${i}=1`).join('&');
    const error = await badRequestOf(() => conditionsOf(query));
    expect(error.errors).toHaveLength(20);
    expect(error.extensions).toEqual({ omittedErrors: 480 });
    expect(error.detail).toBe('The request has 500 invalid values; the first 20 are listed.');
  });
});
