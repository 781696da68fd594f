// Structured logs, one JSON object per line on stderr. A log line carries event names, error
// names and codes, route templates and counts — never a URL, a header, a parameter or a body:
// those are the client's data (a NUL byte in a title once reached stderr with the SQL
// parameters around it).

/** What a log line may carry besides its event name. */
export type LogFields = Readonly<Record<string, string | number | boolean | undefined>>;

/** Writes log lines; `createLogger()` for JSON on stderr. */
export interface Logger {
  error(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
}

/**
 * A logger writing one JSON object per line: `{"level","event",...fields}`.
 *
 * @param write - where lines go; default stderr
 * @returns the logger
 * @example
 * ```ts
 * createLogger().warn('database_unavailable', { code: 'ECONNREFUSED' });
 * ```
 */
export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const log =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      write(JSON.stringify({ level, event, ...fields }));
  return { error: log('error'), warn: log('warn'), info: log('info') };
}

/** A logger that drops everything (tests that do not look at logs). */
export const SILENT_LOGGER: Logger = { error() {}, warn() {}, info() {} };

// Error codes are identifiers (SQLSTATE `22021`, Node's `ECONNREFUSED`); anything else is dropped.
const CODE = /^[\w.-]{1,40}$/;

/**
 * What may be logged of an error: its name, its code, and the code locations of its stack —
 * not its message, which can quote the request (a PostgreSQL error quotes the bad value).
 *
 * @param error - anything thrown
 * @param stack - whether to add `at`, up to eight stack frames (default true)
 * @returns `error` (the name), `code` when it has one, and `at`
 * @example
 * ```ts
 * describeError(Object.assign(new Error('bad "x"'), { code: '22021' }));
 * // { error: 'Error', code: '22021', at: 'f (src/a.ts:1:1) < …' }
 * ```
 */
export function describeError(error: unknown, stack = true): LogFields {
  if (!(error instanceof Error)) return { error: typeof error };
  const code = (error as { code?: unknown }).code;
  const frames = (stack ? (error.stack ?? '') : '')
    .split('\n')
    .filter((line) => line.startsWith('    at '))
    .slice(0, 8)
    .map((line) => line.slice(7));
  return {
    error: error.name,
    code: typeof code === 'string' && CODE.test(code) ? code : undefined,
    at: frames.length > 0 ? frames.join(' < ') : undefined,
  };
}
