import { describe, expect, it } from 'vitest';
import { badRequestOf } from './_test-helpers.js';
import { keyset, type KeysetColumn } from './keyset.js';

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
