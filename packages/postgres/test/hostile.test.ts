// Hostile and arbitrary queries: postgresStore answers exactly what memoryStore (the reference)
// answers, and no client value reaches the SQL text. Once on the store itself (any field name,
// any operator, any scalar, mixed-type members) and once over HTTP (any query string).
import type { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrderTerm } from '@fielding/pagination';
import { memoryStore, type Api, type Filter, type ListQuery, type Store } from '@fielding/resource';
import { postgresStore, resourceTableSql } from '../src/index.js';
import { createTables, storesOf, tasksApi } from './support/api.js';
import { counting } from './support/counting.js';
import { startPglite } from './support/pglite.js';

let db: PGlite;

beforeAll(async () => {
  db = await startPglite();
});

type Value = Record<string, unknown>;

// Members of every type, including ones a filter or sort must rank across types.
const stored = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }).filter((text) => !text.includes('\0')),
  fc.constantFrom('a', 'B', 'é', '\u{1F600}', '\uFFFD', ''),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ nested: 1 }),
  fc.constant([1]),
);
const item = fc.record({ a: stored, b: stored }, { requiredKeys: [] });
const field = fc.oneof(
  fc.constantFrom('a', 'b', 'id', 'missing'),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom("'; DROP TABLE x; --", '"', '$1', 'a\0b', '__proto__', '{a,b}'),
);
// Filter and cursor values: any scalar, U+0000 and non-finite numbers included. (Lone
// surrogates are left out: drivers send text as UTF-8, which has none.)
const scalar = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('a', 'B', 'a\0', '\0', "' OR 1=1 --", 'é'),
  fc.integer({ min: -6, max: 6 }),
  fc.double(),
  fc.boolean(),
);
const filter: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    field,
    op: fc.constantFrom('eq', 'lt', 'lte', 'gt', 'gte') as fc.Arbitrary<
      'eq' | 'lt' | 'lte' | 'gt' | 'gte'
    >,
    value: scalar,
  }),
  fc.record({ field, op: fc.constant('in' as const), value: fc.array(scalar, { maxLength: 3 }) }),
);
const term: fc.Arbitrary<OrderTerm> = fc.record(
  {
    column: field,
    direction: fc.constantFrom('asc', 'desc') as fc.Arbitrary<'asc' | 'desc'>,
    nulls: fc.constantFrom('first', 'last') as fc.Arbitrary<'first' | 'last'>,
  },
  { requiredKeys: ['column', 'direction'] },
);

let tables = 0;

describe('postgresStore answers as memoryStore', () => {
  it('for arbitrary filters, orders, keyset conditions and pages over mixed-type members', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(item, { maxLength: 8 }),
        fc.array(filter, { maxLength: 2 }),
        fc.array(term, { maxLength: 2 }),
        fc.option(
          fc.tuple(field, fc.constantFrom('<', '>', '=') as fc.Arbitrary<'<' | '>' | '='>, scalar),
        ),
        fc.nat({ max: 4 }),
        async (items, filters, order, condition, offset) => {
          const table = `hostile_${++tables}`;
          await db.query(resourceTableSql({ table }));
          const client = counting(db);
          const pg: Store<Value> = postgresStore({ client, table });
          const memory = memoryStore<Value>();
          for (const [index, value] of items.entries()) {
            const id = `i${index}`;
            await pg.create({ id, value });
            await memory.create({ id, value });
          }
          const query: ListQuery = {
            filters,
            order: [...order, { column: 'id', direction: 'asc' }],
            ...(condition === null
              ? { offset }
              : { where: { column: condition[0], operator: condition[1], value: condition[2] } }),
            limit: 5,
            count: 'exact',
          };
          client.reset();
          const [expected, actual] = [await memory.list(query), await pg.list(query)];
          expect(actual.entries.map((entry) => entry.id)).toEqual(
            expected.entries.map((entry) => entry.id),
          );
          expect(actual.total).toBe(expected.total);
          // The same query with every string swapped for a harmless one runs the same SQL text:
          // the text depends on the query's shape, never on a value.
          const hostile = [...client.texts];
          client.reset();
          await pg.list(benign(query));
          expect(client.texts).toEqual(hostile);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('over HTTP, any query string', () => {
  it('answers a 4xx, or what the API over memoryStore answers; never a 5xx', async () => {
    await createTables(db, 'http');
    const client = counting(db);
    const pgApi = tasksApi(storesOf(client, 'http'));
    const memoryApi = tasksApi({
      tasks: memoryStore(),
      users: memoryStore(),
      blogs: memoryStore(),
      articles: memoryStore(),
    });
    const titles = ['B', 'a', 'ab', 'b', 'é', '\uFFFD', '\u{1F600}', "x'; --", 'a,b'];
    for (const [index, title] of titles.entries()) {
      const body = {
        title,
        done: index % 2 === 0,
        ...(index % 3 > 0 && { priority: (index % 5) + 1 }),
      };
      for (const api of [pgApi, memoryApi]) {
        const response = await api.fetch(
          new Request(`http://api.test/api/tasks/t${index}`, {
            method: 'PUT',
            headers: { 'Content-Type': 'application/json', 'If-None-Match': '*' },
            body: JSON.stringify(body),
          }),
        );
        expect(response.status).toBe(201);
      }
    }
    const name = fc.oneof(
      fc.constantFrom('title', 'priority', 'done', 'sort', 'offset', 'limit'),
      fc.constantFrom('title[gte]', 'title[lt]', 'priority[gt]', 'priority[lte]', 'embed'),
      fc.string({ unit: 'binary', maxLength: 6 }),
    );
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 8 }),
      fc.constantFrom('a', 'b\0', '\0', '-title', 'priority,-title', '-done', '3', '1,2', 'true'),
      fc.constantFrom("' OR 1=1 --", '1e400', 'NaN', '-0', 'a,\0'),
    );
    // Mostly parameters the collection reads, with values of their type or arbitrary text.
    const title = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.constantFrom('a', 'é', 'b\0', "x'", 'a,b'),
    );
    const plausible = fc.oneof(
      fc.tuple(
        fc.constantFrom('title', 'title[gte]', 'title[lt]', 'title[gt]', 'title[lte]'),
        title,
      ),
      fc.tuple(
        fc.constantFrom('priority', 'priority[gt]', 'priority[lte]'),
        fc.constantFrom('1', '3', '5', '2,4', '0', '9'),
      ),
      fc.tuple(fc.constant('done'), fc.constantFrom('true', 'false')),
      fc.tuple(
        fc.constant('sort'),
        fc.constantFrom('title', '-title', 'priority,-title', '-done,title', '-priority'),
      ),
      fc.tuple(fc.constantFrom('offset', 'limit'), fc.constantFrom('0', '1', '3', '8')),
    );
    const pair = fc.oneof(
      { arbitrary: plausible, weight: 4 },
      { arbitrary: fc.tuple(name, value), weight: 1 },
    );
    const read = async (api: Api, query: string) => {
      const response = await api.fetch(new Request(`http://api.test/api/tasks?${query}`));
      const body = (await response.json()) as {
        total?: number;
        _embedded?: { tasks: { id: string }[] };
      };
      return { status: response.status, ids: body._embedded?.tasks.map((task) => task.id), body };
    };
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { minLength: 1, maxLength: 3 }), async (pairs) => {
        const query = new URLSearchParams(pairs).toString();
        client.reset();
        const [expected, actual] = [await read(memoryApi, query), await read(pgApi, query)];
        expect(actual.status).toBeLessThan(500);
        if (expected.status >= 400) {
          expect(actual.status).toBe(expected.status);
          return;
        }
        expect(actual.status).toBe(200);
        expect(actual.ids).toEqual(expected.ids);
        expect(actual.body.total).toBe(expected.body.total);
        const sql = client.texts.join('\n');
        for (const [, each] of pairs) {
          if (each.length >= 4 && !/^[\w ,-]*$/.test(each)) expect(sql).not.toContain(each);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// Each string (but the key `id`) as a harmless one, the same string as the same one, keeping
// whether it holds U+0000 (which changes the shape of a comparison).
function benign(query: ListQuery): ListQuery {
  const names = new Map<string, string>();
  const swap = <T>(value: T): T => {
    if (typeof value !== 'string' || value === 'id') return value;
    let name = names.get(value);
    if (name === undefined) {
      name = `v${names.size}${value.includes('\0') ? '\0' : ''}`;
      names.set(value, name);
    }
    return name as T;
  };
  const where = query.where as { column: string; operator: '<'; value: string } | undefined;
  return {
    ...query,
    filters: query.filters.map((each) =>
      each.op === 'in'
        ? { ...each, field: swap(each.field), value: each.value.map(swap) }
        : { ...each, field: swap(each.field), value: swap(each.value) },
    ),
    order: query.order.map((each) => ({ ...each, column: swap(each.column) })),
    where:
      where === undefined
        ? undefined
        : { column: swap(where.column), operator: where.operator, value: swap(where.value) },
  };
}
