import type {
  CreateInput,
  Entry,
  ItemKey,
  ListManyQuery,
  ListQuery,
  ListResult,
  RemoveInput,
  RemoveOutcome,
  ReplaceInput,
  Store,
  Validator,
  WriteOutcome,
} from '@fielding/resource';
import { UnstorableValueError } from '@fielding/core';
import { conditionSql, filtersSql, orderSql, Parameters, quotedTable } from './_sql.js';

/**
 * What the store needs of a PostgreSQL client: `query(text, values)` resolving to `{ rows }`.
 * A `pg.Pool`, a `pg.Client` and PGlite all fit, structurally; the package imports none of them.
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresClient } from '@fielding/postgres';
 *
 * const client: PostgresClient = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PostgresClient {
  /** Runs one parameterised statement. */
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Options of {@link postgresStore}.
 *
 * @example
 * ```ts
 * import { PGlite } from '@electric-sql/pglite';
 * import type { PostgresStoreOptions } from '@fielding/postgres';
 *
 * const options: PostgresStoreOptions = { client: new PGlite(), table: 'api.tasks' };
 * ```
 */
export interface PostgresStoreOptions {
  /** The client (a pool behind several instances), see {@link PostgresClient}. */
  client: PostgresClient;
  /** The table, created by {@link resourceTableSql}, optionally schema-qualified. */
  table: string;
  /** How new ids are made. Default: PostgreSQL's `gen_random_uuid()`. */
  ids?: () => string;
  /**
   * With `count: 'estimate'`: below this many estimated rows, count exactly instead (cheap
   * there, and the planner's guess for small or never-analysed tables is poor). Default `10000`.
   */
  exactCountBelow?: number;
}

/**
 * Options of {@link resourceTableSql}.
 *
 * @example
 * ```ts
 * import type { ResourceTableOptions } from '@fielding/postgres';
 *
 * const options: ResourceTableOptions = { table: 'api.tasks' };
 * ```
 */
export interface ResourceTableOptions {
  /** The table name, optionally schema-qualified: letters, digits and `_` only. */
  table: string;
}

/**
 * The DDL of a resource's table (idempotent: `CREATE TABLE IF NOT EXISTS`). One table per
 * resource; nested items keep their parent's id in `scope` (`''` at the top level).
 *
 * @param options - the table name
 * @returns the SQL to run once, e.g. in a migration
 * @throws TypeError when the table name is not a plain identifier
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { resourceTableSql } from '@fielding/postgres';
 *
 * await new pg.Pool().query(resourceTableSql({ table: 'tasks' }));
 * ```
 */
export function resourceTableSql(options: ResourceTableOptions): string {
  const table = quotedTable(options.table);
  // Values as jsonb: the store serves any declared schema without a migration per member, and
  // filters and sorts reach members with `value -> $n`, the name bound as a parameter. ids and
  // scopes are COLLATE "C" so the key order is the contract's code-point order. The key
  // INCLUDEs the validators, so `validator()` can answer from the index without the row.
  return `CREATE TABLE IF NOT EXISTS ${table} (
  scope text COLLATE "C" NOT NULL DEFAULT '',
  id text COLLATE "C" NOT NULL,
  version integer NOT NULL,
  modified timestamptz NOT NULL,
  value jsonb NOT NULL,
  PRIMARY KEY (scope, id) INCLUDE (version, modified)
)`;
}

interface Row {
  id: string;
  version: number;
  modified: number;
  value: unknown;
}

// Milliseconds since the epoch as a float8: a number with every client, whatever its date
// parsing; the stored time is truncated to milliseconds so what a Date holds round-trips.
const COLUMNS = `id, version, (extract(epoch FROM modified) * 1000)::float8 AS modified, value`;
const NOW = `date_trunc('milliseconds', clock_timestamp())`;

const scopeOf = (scope: string | undefined): string => scope ?? '';
const json = (value: unknown): string => JSON.stringify(value);

// PostgreSQL text and jsonb hold neither U+0000 nor a lone surrogate: no stored id, scope or
// string can contain one. A key with one names nothing; a value with one cannot be written.
const UNSTORABLE = /[\0\p{Cs}]/u;
const storable = (key: ItemKey): boolean =>
  !UNSTORABLE.test(key.id) && (key.scope === undefined || !UNSTORABLE.test(key.scope));

function storableValue(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return !UNSTORABLE.test(value);
  if (typeof value !== 'object' || value === null || depth > 512) return true;
  for (const [key, member] of Object.entries(value)) {
    if (UNSTORABLE.test(key) || !storableValue(member, depth + 1)) return false;
  }
  return true;
}

function serialised(value: unknown): string {
  if (!storableValue(value)) {
    throw new UnstorableValueError(
      'postgresStore: PostgreSQL cannot store U+0000 or a lone surrogate in a string of the value.',
    );
  }
  return json(value);
}
const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function entryOf<T>(row: unknown): Entry<T> {
  const { id, version, modified, value } = row as Row;
  return {
    id,
    version: Number(version),
    modified: new Date(Number(modified)),
    value: parsed(value) as T,
  };
}

function validatorOf(row: unknown): Validator {
  const { version, modified } = row as Row;
  return { version: Number(version), modified: new Date(Number(modified)) };
}

/**
 * A {@link Store} in a PostgreSQL table that every instance shares: compare-and-set writes in
 * one `UPDATE … WHERE version = $n`, create-only inserts, filters and sorts on jsonb members in
 * the contract's order, offset and keyset pages, counts `exact`, `estimate` (the planner's
 * `EXPLAIN` row estimate for the filtered query) or `none`, and one query for `getMany` and
 * `listMany`. It passes `storeContract()` on PostgreSQL 15 and PGlite.
 *
 * @typeParam T - the stored value
 * @param options - the client, the table (see {@link resourceTableSql}) and how ids are made
 * @returns the store
 * @throws TypeError when the table name is not a plain identifier
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { defineResource } from '@fielding/resource';
 * import { postgresStore } from '@fielding/postgres';
 *
 * const notes = defineResource({
 *   name: 'notes',
 *   path: '/notes/{noteId}',
 *   schema: { type: 'object', properties: { text: { type: 'string' } } } as const,
 *   store: postgresStore({ client: new pg.Pool(), table: 'notes' }),
 * });
 * ```
 */
export function postgresStore(options: PostgresStoreOptions): Store<never>;
export function postgresStore<T>(options: PostgresStoreOptions): Store<T>;
export function postgresStore<T>(options: PostgresStoreOptions): Store<T> {
  const table = quotedTable(options.table);
  const { client } = options;
  const exactBelow = options.exactCountBelow ?? 10_000;
  const rows = async (text: string, values: unknown[]): Promise<unknown[]> =>
    (await client.query(text, values)).rows;

  const validatorSql = `SELECT version, (extract(epoch FROM modified) * 1000)::float8 AS modified FROM ${table} WHERE scope = $1::text AND id = $2::text`;
  const readValidator = async (key: ItemKey): Promise<Validator | undefined> => {
    if (!storable(key)) return undefined;
    const [row] = await rows(validatorSql, [scopeOf(key.scope), key.id]);
    return row === undefined ? undefined : validatorOf(row);
  };
  // After a compare-and-set that changed nothing: a new statement (a new snapshot under READ
  // COMMITTED) sees the winner's commit. If it still shows the expected version, the item was
  // removed and created again in between: try the write again.
  const afterMiss = async (
    key: ItemKey,
    expected: number,
  ): Promise<Validator | 'missing' | 'retry'> => {
    const current = await readValidator(key);
    if (current === undefined) return 'missing';
    return current.version === expected ? 'retry' : current;
  };

  const insertSql = `INSERT INTO ${table} (scope, id, version, modified, value)
VALUES ($1::text, COALESCE($2::text, gen_random_uuid()::text), 1, ${NOW}, $3::jsonb)
ON CONFLICT (scope, id) DO NOTHING RETURNING ${COLUMNS}`;
  const updateSql = `UPDATE ${table} SET value = $4::jsonb, version = version + 1,
modified = GREATEST(${NOW}, modified)
WHERE scope = $1::text AND id = $2::text AND version = $3::integer RETURNING ${COLUMNS}`;
  const deleteSql = `DELETE FROM ${table} WHERE scope = $1::text AND id = $2::text AND version = $3::integer RETURNING 1`;

  /** WHERE of a list: scope, filters and (for the page, not the count) the keyset condition. */
  const selection = (query: ListQuery, parameters: Parameters, keyset: boolean): string => {
    const scope = `scope = ${parameters.add(scopeOf(query.scope), 'text')}`;
    const filters = filtersSql(query.filters, parameters);
    const where =
      keyset && query.where !== undefined ? conditionSql(query.where, parameters) : 'TRUE';
    return `${scope} AND ${filters} AND ${where}`;
  };

  const countExactly = async (query: ListQuery): Promise<number> => {
    const parameters = new Parameters();
    const text = `SELECT count(*)::float8 AS total FROM ${table} WHERE ${selection(query, parameters, false)}`;
    const [row] = await rows(text, parameters.values);
    return Number((row as { total: unknown }).total);
  };

  const estimate = async (query: ListQuery): Promise<number> => {
    const parameters = new Parameters();
    const text = `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} WHERE ${selection(query, parameters, false)}`;
    const [row] = await rows(text, parameters.values);
    const plan = parsed(Object.values(row as Record<string, unknown>)[0]) as [
      { Plan: { 'Plan Rows': number } },
    ];
    const guess = Math.max(0, Math.round(Number(plan[0]?.Plan['Plan Rows'])));
    return Number.isFinite(guess) && guess >= exactBelow ? guess : countExactly(query);
  };

  return {
    validator: readValidator,

    async get(key: ItemKey) {
      if (!storable(key)) return undefined;
      const [row] = await rows(
        `SELECT ${COLUMNS} FROM ${table} WHERE scope = $1::text AND id = $2::text`,
        [scopeOf(key.scope), key.id],
      );
      return row === undefined ? undefined : entryOf<T>(row);
    },

    async getMany(ids: readonly string[], scope?: string) {
      const wanted = [...new Set(ids)].filter((id) => storable({ id, scope }));
      if (wanted.length === 0) return [];
      // One statement for any number of ids: the list travels as one jsonb parameter.
      const found = await rows(
        `SELECT ${COLUMNS} FROM ${table} WHERE scope = $1::text
AND id IN (SELECT jsonb_array_elements_text($2::jsonb))`,
        [scopeOf(scope), json(wanted)],
      );
      return found.map((row) => entryOf<T>(row));
    },

    async create(input: CreateInput<T>) {
      const id = input.id ?? options.ids?.();
      const value = serialised(input.value);
      // An id or parent PostgreSQL cannot hold is one no create can take.
      if (!storable({ id: id ?? '', scope: input.scope })) return undefined;
      const [row] = await rows(insertSql, [scopeOf(input.scope), id ?? null, value]);
      if (row === undefined && input.id === undefined) {
        // A generated id never replaces an item: that would be a lost update.
        throw new Error(`postgresStore: the id function returned a taken id (${String(id)}).`);
      }
      return row === undefined ? undefined : entryOf<T>(row);
    },

    async replace(input: ReplaceInput<T>): Promise<WriteOutcome<T>> {
      const scope = scopeOf(input.scope);
      const value = serialised(input.value);
      if (!storable(input)) return { status: 'missing' };
      for (let attempt = 0; ; attempt++) {
        const [row] = await rows(updateSql, [scope, input.id, input.version, value]);
        if (row !== undefined) return { status: 'written', entry: entryOf<T>(row) };
        const current = await afterMiss(input, input.version);
        if (current === 'missing') return { status: 'missing' };
        if (current !== 'retry') return { status: 'stale', current };
        if (attempt >= 3) throw new Error('postgresStore: the item keeps changing under replace.');
      }
    },

    async remove(input: RemoveInput): Promise<RemoveOutcome> {
      if (!storable(input)) return { status: 'missing' };
      const scope = scopeOf(input.scope);
      for (let attempt = 0; ; attempt++) {
        const [row] = await rows(deleteSql, [scope, input.id, input.version]);
        if (row !== undefined) return { status: 'removed' };
        const current = await afterMiss(input, input.version);
        if (current === 'missing') return { status: 'missing' };
        if (current !== 'retry') return { status: 'stale', current };
        if (attempt >= 3) throw new Error('postgresStore: the item keeps changing under remove.');
      }
    },

    async list(query: ListQuery): Promise<ListResult<T>> {
      if (!storable({ id: '', scope: query.scope })) {
        return query.count === 'none' ? { entries: [] } : { entries: [], total: 0 };
      }
      const parameters = new Parameters();
      const where = selection(query, parameters, true);
      const order = orderSql(query.order, parameters);
      const limit = parameters.add(Math.max(0, Math.floor(query.limit)), 'bigint');
      const offset = parameters.add(Math.max(0, Math.floor(query.offset ?? 0)), 'bigint');
      const text = `SELECT ${COLUMNS} FROM ${table} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
      const entries = (await rows(text, parameters.values)).map((row) => entryOf<T>(row));
      if (query.count === 'none') return { entries };
      const total = query.count === 'exact' ? await countExactly(query) : await estimate(query);
      return { entries, total };
    },

    async listMany(scopes: readonly string[], query: ListManyQuery) {
      const result = new Map<string, Entry<T>[]>();
      for (const scope of scopes) result.set(scope, []);
      const wantedScopes = [...result.keys()].filter((scope) => storable({ id: '', scope }));
      if (wantedScopes.length === 0) return result;
      // One statement for every parent: number each parent's children in order, keep the first.
      const parameters = new Parameters();
      const wanted = parameters.add(json(wantedScopes), 'jsonb');
      const filters = filtersSql(query.filters ?? [], parameters);
      const order = orderSql(query.order, parameters);
      const limit =
        query.limitPerScope === undefined
          ? 'TRUE'
          : `nth <= ${parameters.add(Math.max(0, Math.floor(query.limitPerScope)), 'bigint')}`;
      const text = `SELECT scope, ${COLUMNS} FROM (
  SELECT *, row_number() OVER (PARTITION BY scope ORDER BY ${order}) AS nth FROM ${table}
  WHERE scope IN (SELECT jsonb_array_elements_text(${wanted})) AND ${filters}
) AS numbered WHERE ${limit} ORDER BY scope, nth`;
      for (const row of await rows(text, parameters.values)) {
        result.get((row as { scope: string }).scope)?.push(entryOf<T>(row));
      }
      return result;
    },
  };
}
