import { badRequest, searchParams, singleValue, toUrl } from './_query.js';
import type { ValidationIssue } from '@fielding/problem-errors';
import type { KeysetColumn } from './keyset.js';

/** Options of {@link parseSort}. */
export interface SortOptions {
  /** The allow-list: field names clients may sort by, with how each maps to the data layer. */
  fields: Readonly<
    Record<
      string,
      {
        /**
         * Column name for the SQL layer.
         * @defaultValue the field name
         */
        column?: string;
        /** The column may hold NULL; then `nulls` is required. */
        nullable?: boolean;
        /** Where NULLs go in this field's order. */
        nulls?: 'first' | 'last';
        /** Values are unique, so the field can break ties. */
        unique?: boolean;
      }
    >
  >;
  /** The sort when the client gives none, in the query syntax, e.g. `-createdAt`. */
  defaultSort?: string;
  /**
   * A unique field appended (ascending) unless the client already sorts by it, so that every
   * sort is total and keyset cursors are stable. Must be declared in `fields` with `unique`.
   */
  tieBreaker?: string;
  /**
   * Name of the query parameter.
   * @defaultValue 'sort'
   */
  parameter?: string;
  /**
   * Most sort keys a client may give.
   * @defaultValue 8
   */
  maxFields?: number;
}

/**
 * How one sortable field is declared in {@link SortOptions.fields}: its column and whether it is
 * unique (a tie-breaker).
 *
 * @example
 * ```ts
 * import type { SortField } from '@fielding/pagination';
 *
 * const id: SortField = { unique: true };
 * ```
 */
export type SortField = SortOptions['fields'][string];

/** One sort key: the public field name plus everything a keyset query needs. */
export interface SortTerm extends KeysetColumn {
  /** The public field name, as in the query. */
  field: string;
}

/**
 * Parses `?sort=-createdAt,title` against an allow-list: a leading `-` sorts descending; unknown
 * or repeated fields are a 400 naming `sort`. The result feeds {@link keyset} directly.
 *
 * @param url - the request, its URL, or a URL string
 * @param options - the allow-list, default sort and tie-breaker
 * @returns the sort terms in order (empty when there is no sort at all)
 * @throws HttpError 400 for unknown, repeated, empty or too many fields
 *
 * @example
 * ```ts
 * import { parseSort } from '@fielding/pagination';
 *
 * parseSort('https://api.test/articles?sort=-createdAt,title', {
 *   fields: { createdAt: { column: 'created_at' }, title: {}, id: { unique: true } },
 *   tieBreaker: 'id',
 * }).map((term) => term.field); // ['createdAt', 'title', 'id']
 * ```
 */
export function parseSort(url: URL | string | Request, options: SortOptions): SortTerm[] {
  const name = options.parameter ?? 'sort';
  const { fields, tieBreaker } = options;
  if (tieBreaker !== undefined && fields[tieBreaker]?.unique !== true) {
    throw new TypeError(`The tie-breaker "${tieBreaker}" must be a sort field with unique: true.`);
  }
  const issues: ValidationIssue[] = [];
  const raw = singleValue(searchParams(toUrl(url)), [name], issues);
  if (issues.length > 0) throw badRequest(issues);
  const text = raw?.value ?? options.defaultSort ?? '';
  const keys = text === '' ? [] : text.split(',', 1 + (options.maxFields ?? 8));
  if (keys.length > (options.maxFields ?? 8)) {
    throw badRequest([
      { parameter: name, detail: `"${name}" takes at most ${options.maxFields ?? 8} fields.` },
    ]);
  }
  const terms: SortTerm[] = [];
  for (const key of keys) {
    const descending = key.startsWith('-');
    const field = descending ? key.slice(1) : key;
    const declared = Object.hasOwn(fields, field) ? fields[field] : undefined;
    if (declared === undefined) {
      const allowed = Object.keys(fields).join(', ');
      issues.push({
        parameter: name,
        detail:
          field === ''
            ? `"${name}" has an empty field.`
            : `Cannot sort by "${field}"; sort by one of: ${allowed}.`,
      });
    } else if (terms.some((term) => term.field === field)) {
      issues.push({ parameter: name, detail: `"${field}" appears twice in "${name}".` });
    } else {
      terms.push(toTerm(field, declared, descending ? 'desc' : 'asc'));
    }
  }
  if (issues.length > 0) throw badRequest(issues);
  if (tieBreaker !== undefined && !terms.some((term) => term.field === tieBreaker)) {
    terms.push(toTerm(tieBreaker, fields[tieBreaker]!, 'asc'));
  }
  return terms;
}

function toTerm(
  field: string,
  declared: SortOptions['fields'][string],
  direction: 'asc' | 'desc',
): SortTerm {
  const term: SortTerm = { field, column: declared.column ?? field, direction };
  if (declared.nullable !== undefined) term.nullable = declared.nullable;
  if (declared.nulls !== undefined) term.nulls = declared.nulls;
  if (declared.unique !== undefined) term.unique = declared.unique;
  return term;
}

/**
 * The keyset values of an item for a sort: each term's field read from the item, as a cursor
 * carries them. Dates become ISO strings; `undefined` becomes `null`.
 *
 * @param terms - the sort from {@link parseSort}
 * @param item - one item, with the sort fields as properties
 * @returns one value per term
 *
 * @example
 * ```ts
 * import { sortValues } from '@fielding/pagination';
 *
 * sortValues([{ field: 'id', column: 'id', direction: 'asc', unique: true }], { id: 7 }); // [7]
 * ```
 */
export function sortValues(
  terms: readonly SortTerm[],
  item: Readonly<Record<string, unknown>>,
): Array<string | number | boolean | null> {
  return terms.map((term) => {
    const value = item[term.field];
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'bigint') return value.toString();
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return value;
    }
    throw new TypeError(`Sort field "${term.field}" is not a string, number, boolean or date.`);
  });
}
