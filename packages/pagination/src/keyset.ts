import { badRequest } from './_query.js';

/** A value a keyset cursor can carry: what a JSON column comparison needs. */
export type KeysetValue = string | number | boolean | null;

/** One column of a keyset sort. The last one must be unique and non-nullable. */
export interface KeysetColumn {
  /** Column (or expression alias) name as the SQL layer knows it. */
  column: string;
  /** Sort direction. */
  direction: 'asc' | 'desc';
  /** The column may hold NULL; then `nulls` is required. */
  nullable?: boolean;
  /** Where NULLs go in this column's sort order; required for nullable columns. */
  nulls?: 'first' | 'last';
  /** Values are unique, so the column can break ties; the last column must say so. */
  unique?: boolean;
}

/** Where a cursor points: the sort values of the item it was made from. */
export interface CursorPosition {
  /** `next`: items after `values`; `prev`: items before them. */
  direction: 'next' | 'prev';
  /** One value per keyset column, in sort order: strings, finite numbers, booleans or nulls. */
  values: readonly (string | number | boolean | null)[];
  /** Include the item at `values` itself (used to step back from an empty page). */
  inclusive?: boolean;
}

/**
 * A WHERE condition as data, for a SQL layer to render with bound parameters: a column compared
 * with a value to bind (never NULL), a NULL test, all of a list (`AND`; an empty list is true),
 * or any of a list (`OR`; an empty list is false).
 *
 * @example
 * ```ts
 * import type { KeysetCondition } from '@fielding/pagination';
 *
 * // created_at < $1 OR (created_at = $1 AND id > $2)
 * const where: KeysetCondition = {
 *   or: [
 *     { column: 'created_at', operator: '<', value: '2024-05-01' },
 *     { and: [{ column: 'created_at', operator: '=', value: '2024-05-01' }, { column: 'id', operator: '>', value: 42 }] },
 *   ],
 * };
 * ```
 */
export type KeysetCondition =
  | { column: string; operator: '=' | '<' | '>'; value: string | number | boolean }
  | { column: string; operator: 'IS NULL' | 'IS NOT NULL' }
  | { and: readonly KeysetCondition[] }
  | { or: readonly KeysetCondition[] };

/**
 * One ORDER BY term of a {@link Keyset}: a column and its direction.
 *
 * @example
 * ```ts
 * import type { OrderTerm } from '@fielding/pagination';
 *
 * const newestFirst: OrderTerm = { column: 'created_at', direction: 'desc' };
 * ```
 */
export type OrderTerm = Keyset['orderBy'][number];

/** The pieces of a keyset query: filter, order and whether to reverse the rows afterwards. */
export interface Keyset {
  /** The WHERE condition; `undefined` on the first page (no cursor). */
  where: KeysetCondition | undefined;
  /** The ORDER BY terms (`nulls` only for nullable columns); reversed when paging backwards. */
  orderBy: readonly { column: string; direction: 'asc' | 'desc'; nulls?: 'first' | 'last' }[];
  /** The rows come back in reverse display order (paging backwards). */
  reversed: boolean;
}

/**
 * Checks a keyset sort at definition time: programmer errors (no unique tie-breaker, a nullable
 * column without a NULL order) throw a `TypeError`, not a 400.
 */
function assertColumns(columns: readonly KeysetColumn[]): void {
  const last = columns[columns.length - 1];
  if (last === undefined || last.unique !== true || last.nullable === true) {
    throw new TypeError(
      'A keyset sort must end with a unique, non-nullable column (a tie-breaker such as id).',
    );
  }
  for (const column of columns) {
    if (column.column === '') throw new TypeError('A keyset column needs a name.');
    if (column.nullable === true && column.nulls === undefined) {
      throw new TypeError(`Nullable keyset column "${column.column}" needs nulls: first | last.`);
    }
  }
}

function flip(column: KeysetColumn): KeysetColumn {
  const flipped: KeysetColumn = {
    ...column,
    direction: column.direction === 'asc' ? 'desc' : 'asc',
  };
  if (column.nulls !== undefined) flipped.nulls = column.nulls === 'first' ? 'last' : 'first';
  return flipped;
}

/** Rows strictly after `value` in this column's order, or `undefined` when there are none. */
function after(column: KeysetColumn, value: KeysetValue): KeysetCondition | undefined {
  const name = column.column;
  if (value === null) {
    return column.nulls === 'first' ? { column: name, operator: 'IS NOT NULL' } : undefined;
  }
  const compare: KeysetCondition = {
    column: name,
    operator: column.direction === 'asc' ? '>' : '<',
    value,
  };
  if (column.nullable === true && column.nulls === 'last') {
    return { or: [compare, { column: name, operator: 'IS NULL' }] };
  }
  return compare;
}

function equal(column: KeysetColumn, value: KeysetValue): KeysetCondition {
  return value === null
    ? { column: column.column, operator: 'IS NULL' }
    : { column: column.column, operator: '=', value };
}

/**
 * The WHERE and ORDER BY of a keyset (seek) page as data. For `a DESC, id ASC` after `(7, 3)`
 * the condition reads `a < 7 OR (a = 7 AND id > 3)`; NULLs are placed as declared.
 *
 * @param columns - the sort, ending with a unique non-nullable tie-breaker
 * @param cursor - the decoded cursor, or `undefined` for the first page
 * @returns the condition, the order (reversed for `prev`) and whether rows come back reversed
 * @throws TypeError for a sort without a tie-breaker; HttpError 400 for a cursor that does not fit
 *
 * @example
 * ```ts
 * import { keyset } from '@fielding/pagination';
 *
 * const { where, orderBy } = keyset(
 *   [{ column: 'created_at', direction: 'desc' }, { column: 'id', direction: 'asc', unique: true }],
 *   { direction: 'next', values: ['2024-05-01T00:00:00Z', 42] },
 * );
 * ```
 * @see https://use-the-index-luke.com/no-offset
 */
export function keyset(
  columns: readonly KeysetColumn[],
  cursor: CursorPosition | undefined,
): Keyset {
  assertColumns(columns);
  const reversed = cursor?.direction === 'prev';
  const order = reversed ? columns.map(flip) : columns;
  const orderBy = order.map((column) => {
    const term: OrderTerm = { column: column.column, direction: column.direction };
    if (column.nulls !== undefined) term.nulls = column.nulls;
    return term;
  });
  if (cursor === undefined) return { where: undefined, orderBy, reversed };
  const { values } = cursor;
  if (values.length !== order.length) {
    throw badRequest([{ parameter: 'cursor', detail: 'The cursor does not fit this sort.' }]);
  }
  const alternatives: KeysetCondition[] = [];
  const prefix: KeysetCondition[] = [];
  for (const [index, column] of order.entries()) {
    const value = values[index] as KeysetValue;
    if (value === null && column.nullable !== true) {
      throw badRequest([{ parameter: 'cursor', detail: 'The cursor does not fit this sort.' }]);
    }
    const next = after(column, value);
    if (next !== undefined)
      alternatives.push(prefix.length === 0 ? next : { and: [...prefix, next] });
    prefix.push(equal(column, value));
  }
  if (cursor.inclusive === true) alternatives.push({ and: prefix });
  return { where: { or: alternatives }, orderBy, reversed };
}
