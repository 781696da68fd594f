// Test-only helpers: an in-memory data layer that runs keyset conditions the way SQL does
// (comparisons with NULL are never true), so tests can follow links end to end.
import { HttpError } from '@fielding/problem-errors';
import { expect } from 'vitest';
import type { KeysetCondition, OrderTerm } from './keyset.js';

export type Row = Record<string, string | number | boolean | null>;

export function matches(row: Row, condition: KeysetCondition): boolean {
  if ('and' in condition) return condition.and.every((part) => matches(row, part));
  if ('or' in condition) return condition.or.some((part) => matches(row, part));
  const value = row[condition.column] ?? null;
  if (!('value' in condition)) return (value === null) === (condition.operator === 'IS NULL');
  if (value === null) return false;
  if (condition.operator === '=') return value === condition.value;
  if (condition.operator === '<') return value < condition.value;
  return value > condition.value;
}

export function compareRows(orderBy: readonly OrderTerm[]): (a: Row, b: Row) => number {
  return (a, b) => {
    for (const term of orderBy) {
      const x = a[term.column] ?? null;
      const y = b[term.column] ?? null;
      if (x === y) continue;
      // PostgreSQL's default: NULLs sort as if larger than every value.
      const nulls = term.nulls ?? (term.direction === 'asc' ? 'last' : 'first');
      if (x === null) return nulls === 'first' ? -1 : 1;
      if (y === null) return nulls === 'first' ? 1 : -1;
      const order = x < y ? -1 : 1;
      return term.direction === 'asc' ? order : -order;
    }
    return 0;
  };
}

/** Runs `action` and returns the HttpError(400) it throws, failing otherwise. */
export async function badRequestOf(action: () => unknown): Promise<HttpError> {
  try {
    await action();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    return error as HttpError;
  }
  throw new Error('expected an HttpError(400)');
}
