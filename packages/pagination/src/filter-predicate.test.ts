import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterPredicate } from './filter-predicate.js';
import { createFilterParser, type FilterCondition } from './filters.js';

const schema = {
  type: 'object',
  properties: {
    age: { type: 'integer' },
    score: { type: 'number' },
    name: { type: 'string' },
    status: { type: 'string', enum: ['draft', 'published', 'archived'] },
    vip: { type: 'boolean' },
    born: { type: 'string', format: 'date' },
    createdAt: { type: 'string', format: 'date-time' },
    tags: { type: 'array', items: { type: 'string' } },
  },
} as const;

type Condition = FilterCondition<typeof schema>;
const holds = (condition: Condition, item: object): boolean =>
  filterPredicate(schema, [condition])(item);

describe('filterPredicate', () => {
  // condition, item, whether the item matches
  it.each<[Condition, object, boolean]>([
    [{ field: 'age', operator: 'eq', value: 3 }, { age: 3 }, true],
    [{ field: 'age', operator: 'eq', value: 3 }, { age: 4 }, false],
    [{ field: 'age', operator: 'ne', value: 3 }, { age: 4 }, true],
    [{ field: 'age', operator: 'gt', value: 3 }, { age: 3 }, false],
    [{ field: 'age', operator: 'gte', value: 3 }, { age: 3 }, true],
    [{ field: 'age', operator: 'lt', value: 3 }, { age: 2 }, true],
    [{ field: 'age', operator: 'lte', value: 3 }, { age: 4 }, false],
    [{ field: 'age', operator: 'in', value: [1, 2] }, { age: 2 }, true],
    [{ field: 'age', operator: 'nin', value: [1, 2] }, { age: 2 }, false],
    [{ field: 'score', operator: 'gt', value: 1.5 }, { score: 1.75 }, true],
    [{ field: 'name', operator: 'eq', value: 'Ada' }, { name: 'Ada' }, true],
    [{ field: 'name', operator: 'contains', value: 'd' }, { name: 'Ada' }, true],
    [{ field: 'name', operator: 'contains', value: 'D' }, { name: 'Ada' }, false],
    [{ field: 'name', operator: 'prefix', value: 'Ad' }, { name: 'Ada' }, true],
    [{ field: 'name', operator: 'prefix', value: 'da' }, { name: 'Ada' }, false],
    [{ field: 'status', operator: 'in', value: ['draft'] }, { status: 'draft' }, true],
    [{ field: 'vip', operator: 'eq', value: true }, { vip: true }, true],
    [{ field: 'vip', operator: 'ne', value: true }, { vip: false }, true],
    [{ field: 'tags', operator: 'in', value: ['a', 'b'] }, { tags: 'b' }, true],
    // dates: full-date strings, or Date objects read as UTC dates
    [{ field: 'born', operator: 'lt', value: '2024-02-29' }, { born: '2024-02-28' }, true],
    [
      { field: 'born', operator: 'eq', value: '2024-02-29' },
      { born: new Date('2024-02-29T23:00Z') },
      true,
    ],
    // date-times compare as instants, whatever their offset or precision
    [
      { field: 'createdAt', operator: 'eq', value: '2024-05-01T12:00:00+02:00' },
      { createdAt: '2024-05-01T10:00:00.000Z' },
      true,
    ],
    [
      { field: 'createdAt', operator: 'gt', value: '2024-05-01T10:00:00Z' },
      { createdAt: '2024-05-01T10:00:00.000000001Z' },
      true,
    ],
    [
      { field: 'createdAt', operator: 'lt', value: '2024-05-01T10:00:00-01:00' },
      { createdAt: '2024-05-01T10:30:00Z' },
      true,
    ],
    [
      { field: 'createdAt', operator: 'gte', value: '2024-05-01T10:00:00.5Z' },
      { createdAt: new Date('2024-05-01T10:00:00.500Z') },
      true,
    ],
    [
      { field: 'createdAt', operator: 'lt', value: '0001-01-01T00:00:00Z' },
      { createdAt: '0000-12-31T23:59:59Z' },
      true,
    ],
  ])('%j on %j → %s', (condition, item, expected) => {
    expect(holds(condition, item)).toBe(expected);
  });

  // As in SQL, a missing, null or ill-typed value satisfies no condition, not even ne / nin.
  it.each<[Condition, object]>([
    [{ field: 'age', operator: 'ne', value: 3 }, {}],
    [{ field: 'age', operator: 'nin', value: [3] }, { age: null }],
    [{ field: 'age', operator: 'eq', value: 3 }, { age: '3' }],
    [{ field: 'age', operator: 'ne', value: 3 }, { age: Number.NaN }],
    [{ field: 'vip', operator: 'ne', value: true }, { vip: 'false' }],
    [{ field: 'name', operator: 'ne', value: 'x' }, { name: ['y'] }],
    [{ field: 'born', operator: 'ne', value: '2024-01-01' }, { born: 'soon' }],
    [{ field: 'born', operator: 'ne', value: '2024-01-01' }, { born: new Date(Number.NaN) }],
    [
      { field: 'createdAt', operator: 'ne', value: '2024-05-01T10:00:00Z' },
      { createdAt: '2024-05-01' },
    ],
  ])('%j matches no %j', (condition, item) => {
    expect(holds(condition, item)).toBe(false);
  });

  it('joins conditions with AND, and matches everything without any', () => {
    const rows = [
      { age: 1, name: 'Ada' },
      { age: 5, name: 'Bob' },
      { age: 9, name: 'Bea' },
    ];
    const predicate = filterPredicate(schema, [
      { field: 'age', operator: 'gt', value: 2 },
      { field: 'name', operator: 'prefix', value: 'B' },
      { field: 'age', operator: 'ne', value: 9 },
    ]);
    expect(rows.filter(predicate)).toEqual([{ age: 5, name: 'Bob' }]);
    expect(rows.filter(filterPredicate(schema, []))).toEqual(rows);
  });

  it('runs what the parser returns', () => {
    const parse = createFilterParser(schema, { operators: { name: ['eq', 'prefix'] } });
    const rows = [
      { name: 'Ada', createdAt: '2024-05-01T09:00:00Z' },
      { name: 'Adam', createdAt: '2024-05-01T11:00:00Z' },
      { name: 'Bea', createdAt: '2024-05-01T12:00:00Z' },
    ];
    const where = parse.conditions('/a?name[prefix]=Ad&createdAt[gt]=2024-05-01T12:00:00+02:00');
    expect(rows.filter(filterPredicate(schema, where))).toEqual([rows[1]]);
  });

  // Written by hand, past the types: the checks a plain-JavaScript caller relies on.
  it.each<[string, unknown]>([
    ['an unknown field', { field: 'color', operator: 'eq', value: 'red' }],
    ['a range on a free string', { field: 'name', operator: 'gt', value: 'a' }],
    ['a set on a boolean', { field: 'vip', operator: 'in', value: [true] }],
    ['a search on a number', { field: 'age', operator: 'contains', value: '1' }],
    ['a value of another type', { field: 'age', operator: 'eq', value: '3' }],
    ['a date-time that is none', { field: 'createdAt', operator: 'gt', value: 'today' }],
    ['a set that is no list', { field: 'age', operator: 'in', value: 3 }],
    ['an unknown operator', { field: 'age', operator: 'like', value: 3 }],
  ])('throws a TypeError for %s', (_, condition) => {
    expect(() => filterPredicate(schema, [condition as Condition])).toThrow(TypeError);
  });
});

describe('filterPredicate properties', () => {
  const present = fc.record({ age: fc.integer({ min: -50, max: 50 }) });
  const threshold = fc.integer({ min: -50, max: 50 });
  const set = fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 10 });

  it('ne, nin and the ranges are the complements and unions they should be', () => {
    fc.assert(
      fc.property(present, threshold, set, (item, value, values) => {
        const is = (operator: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'): boolean =>
          holds({ field: 'age', operator, value }, item);
        expect(is('ne')).toBe(!is('eq'));
        expect(is('gte')).toBe(is('gt') || is('eq'));
        expect(is('lte')).toBe(is('lt') || is('eq'));
        expect(is('lt')).toBe(!is('gte'));
        expect(holds({ field: 'age', operator: 'nin', value: values }, item)).toBe(
          !holds({ field: 'age', operator: 'in', value: values }, item),
        );
        expect(holds({ field: 'age', operator: 'in', value: values }, item)).toBe(
          values.some((member) => holds({ field: 'age', operator: 'eq', value: member }, item)),
        );
      }),
    );
  });

  // Any instant, written at any offset and precision, compares as that instant.
  // Years 0001–9999, a day in from each end so that every offset still writes four digits.
  const instant = fc.integer({ min: -62_135_510_400_000, max: 253_402_214_399_000 });
  const offset = fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 });
  const write = (ms: number, minutes: number, digits: number): string => {
    const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 19);
    const fraction = String(((ms % 1000) + 1000) % 1000).padStart(3, '0');
    const sign = minutes < 0 ? '-' : '+';
    const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0');
    const mm = String(Math.abs(minutes) % 60).padStart(2, '0');
    return `${local}.${fraction.padEnd(digits, '0')}${sign}${hh}:${mm}`;
  };

  it('orders date-times by instant, across offsets and precisions', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        offset,
        offset,
        fc.integer({ min: 3, max: 9 }),
        (a, b, offsetA, offsetB, digits) => {
          const item = { createdAt: write(a, offsetA, digits) };
          const value = write(b, offsetB, 3);
          const compare = (operator: 'eq' | 'lt' | 'gt'): boolean =>
            holds({ field: 'createdAt', operator, value }, item);
          expect(compare('eq')).toBe(a === b);
          expect(compare('lt')).toBe(a < b);
          expect(compare('gt')).toBe(a > b);
          expect(
            holds({ field: 'createdAt', operator: 'eq', value }, { createdAt: new Date(a) }),
          ).toBe(a === b);
        },
      ),
    );
  });
});
