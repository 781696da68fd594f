import { describe, expect, it } from 'vitest';
import { keyset, type KeysetColumn } from '@fielding/pagination';
import { keysetToSql } from './keyset-sql.js';

const byDate: KeysetColumn[] = [
  { column: 'created_at', direction: 'desc' },
  { column: 'id', direction: 'asc', unique: true },
];

describe('keysetToSql', () => {
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
});
