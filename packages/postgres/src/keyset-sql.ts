import type { Keyset, KeysetCondition } from '@fielding/pagination';

// A keyset is data (`keyset()` of @fielding/pagination works for any store); this renders it for
// PostgreSQL, where the store that runs it lives.

/** Options of {@link keysetToSql}. */
export interface KeysetSqlOptions {
  /**
   * Number of the first placeholder, when the query already binds other parameters.
   * @defaultValue 1
   */
  firstParameter?: number;
  /**
   * Writes the placeholder for parameter `index`.
   * @defaultValue `$${index}` (PostgreSQL)
   */
  placeholder?: (index: number) => string;
  /**
   * Quotes an identifier.
   * @defaultValue double quotes, inner quotes doubled (SQL standard)
   */
  quoteIdentifier?: (name: string) => string;
}

/** SQL fragments with their bound values. */
export interface KeysetSql {
  /** The condition, `TRUE` on the first page. Values are placeholders, never inlined. */
  where: string;
  /** The ORDER BY list, without the keywords `ORDER BY`. */
  orderBy: string;
  /** The values for the placeholders, in order. */
  values: Array<string | number | boolean>;
}

/**
 * Renders a {@link Keyset} as parameterised SQL fragments (PostgreSQL placeholders by default).
 * Values only ever travel as parameters; identifiers are quoted.
 *
 * @param pieces - the keyset from `keyset()` of `@fielding/pagination`
 * @param options - placeholder and quoting style
 * @returns the WHERE and ORDER BY fragments and the values to bind
 *
 * @example
 * ```ts
 * import { keyset } from '@fielding/pagination';
 * import { keysetToSql } from '@fielding/postgres';
 *
 * const sql = keysetToSql(keyset([{ column: 'id', direction: 'asc', unique: true }], { direction: 'next', values: [9] }));
 * // { where: '("id" > $1)', orderBy: '"id" ASC', values: [9] }
 * ```
 */
export function keysetToSql(pieces: Keyset, options: KeysetSqlOptions = {}): KeysetSql {
  const placeholder = options.placeholder ?? ((index: number) => `$${index}`);
  const quote = options.quoteIdentifier ?? ((name: string) => `"${name.replaceAll('"', '""')}"`);
  const values: Array<string | number | boolean> = [];
  const first = options.firstParameter ?? 1;
  const render = (condition: KeysetCondition): string => {
    if ('and' in condition) {
      return condition.and.length === 0 ? 'TRUE' : `(${condition.and.map(render).join(' AND ')})`;
    }
    if ('or' in condition) {
      return condition.or.length === 0 ? 'FALSE' : `(${condition.or.map(render).join(' OR ')})`;
    }
    if (!('value' in condition)) return `${quote(condition.column)} ${condition.operator}`;
    values.push(condition.value);
    return `${quote(condition.column)} ${condition.operator} ${placeholder(first + values.length - 1)}`;
  };
  const where = pieces.where === undefined ? 'TRUE' : render(pieces.where);
  const orderBy = pieces.orderBy
    .map(
      (term) =>
        `${quote(term.column)} ${term.direction.toUpperCase()}${term.nulls === undefined ? '' : ` NULLS ${term.nulls.toUpperCase()}`}`,
    )
    .join(', ');
  return { where, orderBy, values };
}
