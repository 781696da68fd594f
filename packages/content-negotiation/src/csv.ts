/** A primitive a CSV cell can hold. */
export type CsvCell = string | number | bigint | boolean | Date | null | undefined;

/** Options of {@link toCsv}. */
export interface CsvOptions {
  /** Columns, in order. Default: every key of every record, in first-seen order. */
  columns?: readonly string[];
  /** Whether to write a header row of column names. Default: `true`. */
  header?: boolean;
  /**
   * Whether to defuse spreadsheet formulas: a text cell starting with `=`, `+`, `-`, `@`, tab
   * or carriage return gets a leading `'`, so Excel or Sheets show it instead of running it
   * (OWASP "CSV injection"). Numbers are never changed. Default: `true`.
   */
  escapeFormulas?: boolean;
}

/**
 * Tells whether a value is an array of flat records — plain objects whose values are all
 * primitives (or `Date`s) — which is what {@link toCsv} can write (the CSV serializer's
 * `canSerialize`).
 */
export function isFlatRecordList(value: unknown): value is Record<string, CsvCell>[] {
  if (!Array.isArray(value)) return false;
  for (const record of value) {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return false;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const cell: unknown = (record as Record<string, unknown>)[key];
      if (typeof cell === 'object' && cell !== null && !(cell instanceof Date)) return false;
      if (typeof cell === 'function' || typeof cell === 'symbol') return false;
    }
  }
  return true;
}

/**
 * Writes flat records as RFC 4180 CSV: CRLF line ends, and a field quoted (with `""` for a
 * quote) when it contains a comma, quote, CR or LF. `null`/`undefined` are empty cells, dates
 * ISO 8601.
 *
 * @param records - the rows
 * @param options - columns, header row and formula escaping
 * @returns the CSV text
 *
 * @example
 * ```ts
 * import { toCsv } from '@fielding/content-negotiation';
 *
 * toCsv([{ id: 1, title: 'Hello, world' }]); // 'id,title\r\n1,"Hello, world"\r\n'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc4180#section-2
 */
export function toCsv(
  records: readonly Record<string, CsvCell>[],
  options: CsvOptions = {},
): string {
  const escapeFormulas = options.escapeFormulas ?? true;
  const columns = options.columns ?? columnsOf(records);
  const lines: string[] = [];
  if (options.header ?? true)
    lines.push(columns.map((name) => field(name, escapeFormulas)).join(','));
  for (const record of records) {
    // Own values only: a column another record has (`constructor`, `toString`) must not read
    // Object.prototype from a record that lacks it.
    lines.push(
      columns
        .map((name) => cell(Object.hasOwn(record, name) ? record[name] : undefined, escapeFormulas))
        .join(','),
    );
  }
  return lines.length === 0 ? '' : `${lines.join('\r\n')}\r\n`;
}

function columnsOf(records: readonly Record<string, CsvCell>[]): string[] {
  const seen = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) seen.add(key);
  return [...seen];
}

function cell(value: CsvCell, escapeFormulas: boolean): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  if (typeof value === 'string') return field(value, escapeFormulas);
  return String(value);
}

function field(text: string, escapeFormulas: boolean): string {
  let value = text;
  if (escapeFormulas && value.length > 0 && '=+-@\t\r'.includes(value.charAt(0)))
    value = `'${value}`;
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 0x2c || code === 0x22 || code === 0x0a || code === 0x0d) {
      return `"${value.replaceAll('"', '""')}"`;
    }
  }
  return value;
}
