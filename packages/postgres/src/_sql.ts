// The SQL the store runs, built from fixed text: every value a client can influence (field
// names included) travels as a bound parameter; only the table name, checked once against a
// plain identifier pattern, is ever spliced into the text.
import type { KeysetCondition, OrderTerm } from '@fielding/pagination';
import type { Filter, FilterScalar } from '@fielding/resource';

const IDENTIFIER = /^[a-z_]\w{0,62}$/i;

/** `"schema"."table"` from `table` or `schema.table`; a TypeError for anything else. */
export function quotedTable(table: string): string {
  const parts = table.split('.');
  if (parts.length > 2 || !parts.every((part) => IDENTIFIER.test(part))) {
    throw new TypeError(
      `Not a plain SQL table name: ${JSON.stringify(table)} (letters, digits and _, optionally schema-qualified).`,
    );
  }
  return parts.map((part) => `"${part}"`).join('.');
}

/** The bound values of one statement: `add()` returns the placeholder of a new parameter. */
export class Parameters {
  readonly values: unknown[] = [];
  readonly #fields = new Map<string, string>();

  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }

  /** One parameter per field name, however often the statement uses it. */
  field(name: string): string {
    // No stored member name holds U+0000 (PostgreSQL text cannot): such a member is absent.
    if (name.includes('\0')) return 'NULL::text';
    let placeholder = this.#fields.get(name);
    if (placeholder === undefined) {
      placeholder = this.add(name, 'text');
      this.#fields.set(name, placeholder);
    }
    return placeholder;
  }
}

// The contract's order across types is the order of their `typeof` names (boolean < number <
// object < string); null and absent members have no rank.
const RANKS = { boolean: 1, number: 2, object: 3, string: 4 } as const;
type Kind = 'boolean' | 'number' | 'string';

const rankOf = (member: string): string =>
  `(CASE jsonb_typeof(${member}) WHEN 'boolean' THEN 1 WHEN 'number' THEN 2 WHEN 'object' THEN 3 WHEN 'array' THEN 3 WHEN 'string' THEN 4 END)`;

/** The member as a typed SQL value when it is of `kind`, else NULL (CASE keeps casts safe). */
function typed(field: string, kind: Kind, parameters: Parameters): string {
  const name = parameters.field(field);
  const text = `(value ->> ${name})`;
  const check = `jsonb_typeof(value -> ${name}) = '${kind}'`;
  if (kind === 'string') return `(CASE WHEN ${check} THEN ${text} END) COLLATE "C"`;
  return `(CASE WHEN ${check} THEN ${text}::${kind === 'number' ? 'numeric' : 'boolean'} END)`;
}

/**
 * PostgreSQL text cannot hold U+0000, so no stored string contains it. Compared with a string
 * `p + '\0' + rest`, a stored string is greater exactly when it is greater than `p`, and less
 * exactly when it is at most `p`: the comparison becomes one with `p`, and equality is false.
 */
export function withoutNul(
  operator: '=' | '<' | '<=' | '>' | '>=',
  value: string,
): { operator: '<=' | '>'; value: string } | undefined | false {
  const nul = value.indexOf('\0');
  if (nul === -1) return undefined;
  if (operator === '=') return false;
  return { operator: operator.startsWith('<') ? '<=' : '>', value: value.slice(0, nul) };
}

/** A string comparison `left operator value`, value bound, U+0000 handled as above. */
function compareText(
  left: () => string,
  operator: '=' | '<' | '<=' | '>' | '>=',
  value: string,
  parameters: Parameters,
): string {
  const rewritten = withoutNul(operator, value);
  if (rewritten === false) return 'FALSE';
  const final = rewritten ?? { operator, value };
  return `${left()} ${final.operator} ${parameters.add(final.value, 'text')}`;
}

/** A scalar as a parameter of its SQL type, or undefined for NaN (which compares with nothing). */
function scalar(value: FilterScalar, parameters: Parameters): string | undefined {
  if (typeof value === 'string') return parameters.add(value, 'text');
  if (typeof value === 'boolean') return parameters.add(value, 'boolean');
  return Number.isNaN(value) ? undefined : parameters.add(String(value), 'numeric');
}

const kindOf = (value: FilterScalar): Kind =>
  typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'boolean' : 'number';

const OPERATORS = { eq: '=', lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** One filter: a member of another type, absent or null matches nothing (as memoryStore). */
function filterSql(filter: Filter, parameters: Parameters): string {
  if (filter.op === 'in') {
    // Stored members are finite JSON numbers: a non-finite one equals nothing.
    const values = filter.value.filter((value) => typeof value !== 'number' || isFinite(value));
    if (values.length === 0) return 'FALSE';
    return `(${values.map((value) => filterSql({ field: filter.field, op: 'eq', value }, parameters)).join(' OR ')})`;
  }
  const { field, value } = filter;
  if (filter.op === 'eq' && typeof value === 'number' && !isFinite(value)) return 'FALSE';
  const operator = OPERATORS[filter.op];
  if (field === 'id') {
    return typeof value === 'string'
      ? compareText(() => 'id COLLATE "C"', operator, value, parameters)
      : 'FALSE';
  }
  if (typeof value === 'string') {
    return compareText(() => typed(field, 'string', parameters), operator, value, parameters);
  }
  const bound = scalar(value, parameters);
  if (bound === undefined) return 'FALSE';
  return `${typed(field, kindOf(value), parameters)} ${operator} ${bound}`;
}

/** Every filter (AND); `TRUE` for none. */
export function filtersSql(filters: readonly Filter[], parameters: Parameters): string {
  return filters.length === 0
    ? 'TRUE'
    : filters.map((filter) => filterSql(filter, parameters)).join(' AND ');
}

/**
 * A keyset condition. Unlike a filter, it compares across types (the cursor holds values the
 * sort saw), by the rank of each type first, as the contract's order does.
 */
export function conditionSql(condition: KeysetCondition, parameters: Parameters): string {
  if ('and' in condition) {
    if (condition.and.length === 0) return 'TRUE';
    return `(${condition.and.map((part) => conditionSql(part, parameters)).join(' AND ')})`;
  }
  if ('or' in condition) {
    if (condition.or.length === 0) return 'FALSE';
    return `(${condition.or.map((part) => conditionSql(part, parameters)).join(' OR ')})`;
  }
  if (!('value' in condition)) {
    if (condition.column === 'id') return condition.operator === 'IS NULL' ? 'FALSE' : 'TRUE';
    return `${rankOf(`(value -> ${parameters.field(condition.column)})`)} ${condition.operator}`;
  }
  const { column, operator, value } = condition;
  if (column === 'id') {
    // An id is a string: above every value of another type.
    if (typeof value !== 'string') return operator === '>' ? 'TRUE' : 'FALSE';
    return compareText(() => 'id COLLATE "C"', operator, value, parameters);
  }
  // NaN compares with nothing: decided before any parameter is bound (each one must be used).
  if (typeof value === 'number' && Number.isNaN(value)) return 'FALSE';
  const rank = rankOf(`(value -> ${parameters.field(column)})`);
  const own = RANKS[kindOf(value)];
  const same =
    typeof value === 'string'
      ? compareText(() => typed(column, 'string', parameters), operator, value, parameters)
      : `${typed(column, kindOf(value), parameters)} ${operator} ${scalar(value, parameters) ?? ''}`;
  return `(CASE WHEN ${rank} <> ${own} THEN ${rank} ${operator} ${own} ELSE ${same} END)`;
}

/**
 * The ORDER BY list: per term, absent/null placement, then the type's rank, then the value of
 * each type (only one of them is not NULL for a row).
 */
export function orderSql(order: readonly OrderTerm[], parameters: Parameters): string {
  const terms: string[] = [];
  for (const term of order) {
    const direction = term.direction === 'desc' ? 'DESC' : 'ASC';
    if (term.column === 'id') {
      terms.push(`id COLLATE "C" ${direction}`);
      continue;
    }
    const name = parameters.field(term.column);
    const rank = rankOf(`(value -> ${name})`);
    const nullsFirst = (term.nulls ?? (term.direction === 'desc' ? 'first' : 'last')) === 'first';
    terms.push(
      `(${rank} IS NULL) ${nullsFirst ? 'DESC' : 'ASC'}`,
      `${rank} ${direction}`,
      ...(['boolean', 'number', 'string'] as const).map(
        (kind) => `${typed(term.column, kind, parameters)} ${direction}`,
      ),
    );
  }
  return terms.length === 0 ? 'id COLLATE "C" ASC' : terms.join(', ');
}
