import { describe, expect, it } from 'vitest';
import { badRequestOf } from './_test-helpers.js';
import { keyset, keysetToSql, type KeysetColumn } from './keyset.js';

const byDate: KeysetColumn[] = [
  { column: 'created_at', direction: 'desc' },
  { column: 'id', direction: 'asc', unique: true },
];

describe('keyset', () => {
  it('has no condition on the first page', () => {
    expect(keyset(byDate, undefined)).toEqual({
      where: undefined,
      orderBy: [
        { column: 'created_at', direction: 'desc' },
        { column: 'id', direction: 'asc' },
      ],
      reversed: false,
    });
  });

  it('seeks after the cursor: a < v or (a = v and id > w)', () => {
    expect(keyset(byDate, { direction: 'next', values: ['2024-05-01', 42] }).where).toEqual({
      or: [
        { column: 'created_at', operator: '<', value: '2024-05-01' },
        {
          and: [
            { column: 'created_at', operator: '=', value: '2024-05-01' },
            { column: 'id', operator: '>', value: 42 },
          ],
        },
      ],
    });
  });

  it('pages backwards by flipping the order', () => {
    const pieces = keyset(
      [
        { column: 'score', direction: 'asc', nullable: true, nulls: 'last' },
        { column: 'id', direction: 'asc', unique: true },
      ],
      { direction: 'prev', values: [3, 9] },
    );
    expect(pieces.reversed).toBe(true);
    expect(pieces.orderBy).toEqual([
      { column: 'score', direction: 'desc', nulls: 'first' },
      { column: 'id', direction: 'desc' },
    ]);
  });

  it.each([
    [
      'nulls last, non-null value',
      'last',
      5,
      '(("score" > $1 OR "score" IS NULL) OR ("score" = $2 AND "id" > $3))',
      [5, 5, 1],
    ],
    ['nulls last, null value', 'last', null, '(("score" IS NULL AND "id" > $1))', [1]],
    [
      'nulls first, non-null value',
      'first',
      5,
      '("score" > $1 OR ("score" = $2 AND "id" > $3))',
      [5, 5, 1],
    ],
    [
      'nulls first, null value',
      'first',
      null,
      '("score" IS NOT NULL OR ("score" IS NULL AND "id" > $1))',
      [1],
    ],
  ] as const)('renders %s with parameters only', (_title, nulls, value, where, values) => {
    const pieces = keyset(
      [
        { column: 'score', direction: 'asc', nullable: true, nulls },
        { column: 'id', direction: 'asc', unique: true },
      ],
      { direction: 'next', values: [value, 1] },
    );
    expect(keysetToSql(pieces)).toEqual({
      where,
      orderBy: `"score" ASC NULLS ${nulls.toUpperCase()}, "id" ASC`,
      values,
    });
  });

  it('includes the cursor row itself when inclusive', () => {
    const sql = keysetToSql(
      keyset([{ column: 'id', direction: 'desc', unique: true }], {
        direction: 'next',
        values: [4],
        inclusive: true,
      }),
    );
    expect(sql.where).toBe('("id" < $1 OR ("id" = $2))');
  });

  it('never puts a value into the sql text', () => {
    const evil = "x'; DROP TABLE articles; --";
    const sql = keysetToSql(
      keyset([{ column: 'we"ird', direction: 'asc', unique: true }], {
        direction: 'next',
        values: [evil],
      }),
      {
        firstParameter: 3,
      },
    );
    expect(sql).toEqual({ where: '("we""ird" > $3)', orderBy: '"we""ird" ASC', values: [evil] });
  });

  it('takes other placeholder and quoting styles', () => {
    const sql = keysetToSql(keyset(byDate, { direction: 'next', values: ['d', 1] }), {
      placeholder: () => '?',
      quoteIdentifier: (name) => `\`${name}\``,
    });
    expect(sql.where).toBe('(`created_at` < ? OR (`created_at` = ? AND `id` > ?))');
    expect(keysetToSql(keyset(byDate, undefined)).where).toBe('TRUE');
  });

  it('renders empty groups as constants', () => {
    expect(keysetToSql({ where: { or: [] }, orderBy: [], reversed: false }).where).toBe('FALSE');
    expect(keysetToSql({ where: { and: [] }, orderBy: [], reversed: false }).where).toBe('TRUE');
  });

  it.each([
    ['no columns', []],
    ['no unique tie-breaker', [{ column: 'a', direction: 'asc' }]],
    [
      'a nullable tie-breaker',
      [{ column: 'a', direction: 'asc', unique: true, nullable: true, nulls: 'last' }],
    ],
    [
      'a nullable column without a null order',
      [
        { column: 'a', direction: 'asc', nullable: true },
        { column: 'id', direction: 'asc', unique: true },
      ],
    ],
    ['an empty column name', [{ column: '', direction: 'asc', unique: true }]],
  ] as const)('refuses a sort with %s', (_title, columns) => {
    expect(() => keyset(columns as readonly KeysetColumn[], undefined)).toThrow(TypeError);
  });

  it('answers 400 to a cursor that does not fit the sort', async () => {
    await badRequestOf(() => keyset(byDate, { direction: 'next', values: [1] }));
    await badRequestOf(() => keyset(byDate, { direction: 'next', values: [null, 1] }));
  });
});
