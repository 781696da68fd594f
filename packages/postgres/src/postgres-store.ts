import type {
  CreateInput,
  Entry,
  ItemKey,
  ItemTrace,
  ListManyQuery,
  ListQuery,
  ListResult,
  MoveInput,
  MoveOutcome,
  RemoveInput,
  RemoveOutcome,
  ReplaceAllOutcome,
  ReplaceCheck,
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
 * Runs `run` in one transaction on one connection: `BEGIN`, then `COMMIT` when `run` resolves,
 * `ROLLBACK` when it rejects (the rejection passes through).
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import type { PostgresTransaction } from '@fielding/postgres';
 *
 * const pool = new pg.Pool();
 * const transaction: PostgresTransaction = async (run) => {
 *   const client = await pool.connect();
 *   try {
 *     await client.query('BEGIN');
 *     const result = await run(client);
 *     await client.query('COMMIT');
 *     return result;
 *   } catch (error) {
 *     await client.query('ROLLBACK');
 *     throw error;
 *   } finally {
 *     client.release();
 *   }
 * };
 * ```
 */
export type PostgresTransaction = <R>(run: (client: PostgresClient) => Promise<R>) => Promise<R>;

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
  /**
   * How to run a transaction on one connection. Default: PGlite's `transaction()`, or for a
   * `pg.Pool` (a client with `connect()` and `totalCount`) `BEGIN`/`COMMIT` on one checked-out
   * client. With neither (e.g. one shared `pg.Client`) the store offers no `move`, `trace` or
   * `replaceAll`, and the resource layer answers as without them.
   */
  transaction?: PostgresTransaction;
  /**
   * Offer `move` and `trace` (with transactions only): moved items leave a trace in the table
   * made by {@link resourceTracesSql}, so the old URL redirects. Default: `false`.
   */
  moves?: boolean;
  /**
   * With `moves: true`: keep a tombstone of each removed item, so its URL answers 410 Gone
   * rather than 404. Default: `false`. (Moves always leave a trace: the old URL redirects.)
   */
  tombstones?: boolean;
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

/**
 * The DDL of a resource's traces (idempotent): `<table>_traces`, where {@link postgresStore}
 * with `moves: true` keeps what became of moved items (and, with `tombstones: true`, removed
 * ones). Run it after {@link resourceTableSql}.
 *
 * @param options - the resource's table name
 * @returns the SQL to run once, e.g. in a migration
 * @throws TypeError when the table name is not a plain identifier
 *
 * @example
 * ```ts
 * import pg from 'pg';
 * import { resourceTableSql, resourceTracesSql } from '@fielding/postgres';
 *
 * const pool = new pg.Pool();
 * await pool.query(resourceTableSql({ table: 'tasks' }));
 * await pool.query(resourceTracesSql({ table: 'tasks' }));
 * ```
 */
export function resourceTracesSql(options: ResourceTableOptions): string {
  return `CREATE TABLE IF NOT EXISTS ${tracesTable(options.table)} (
  scope text COLLATE "C" NOT NULL,
  id text COLLATE "C" NOT NULL,
  status text NOT NULL CHECK (status IN ('moved', 'removed')),
  to_scope text COLLATE "C",
  to_id text COLLATE "C",
  removed timestamptz,
  PRIMARY KEY (scope, id)
)`;
}

/** Where moves and tombstones are kept: `<table>_traces`, beside the table. */
const tracesTable = (table: string): string => quotedTable(`${table}_traces`);

interface PoolLike {
  connect(): Promise<PostgresClient & { release(error?: Error): void }>;
  totalCount: number;
}

/** The transaction runner: the option, PGlite's own, a pool's, or none. */
function transactionOf(options: PostgresStoreOptions): PostgresTransaction | undefined {
  if (options.transaction !== undefined) return options.transaction;
  const client = options.client as unknown as Partial<Record<string, unknown>>;
  if (typeof client.transaction === 'function') {
    const own = client as unknown as { transaction: PostgresTransaction };
    return (run) => own.transaction(run);
  }
  if (typeof client.connect === 'function' && typeof client.totalCount === 'number') {
    const pool = client as unknown as PoolLike;
    return async (run) => {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await run(connection);
        await connection.query('COMMIT');
        connection.release();
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
          connection.release();
        } catch (rollbackError) {
          connection.release(rollbackError as Error);
        }
        throw error;
      }
    };
  }
  return undefined;
}

/** Thrown inside a transaction to roll it back with an answer. */
class Rollback {
  constructor(readonly index: number) {}
}

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

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
  const transaction = transactionOf(options);
  const moves = transaction !== undefined && options.moves === true;
  const traces = moves ? tracesTable(options.table) : '';
  const tombstones = moves && options.tombstones === true;
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

  // With moves: a create clears the trace at its key, in the same statement; with tombstones a
  // remove leaves one.
  const insertClearingSql = `WITH inserted AS (INSERT INTO ${table} (scope, id, version, modified, value)
VALUES ($1::text, COALESCE($2::text, gen_random_uuid()::text), 1, ${NOW}, $3::jsonb)
ON CONFLICT (scope, id) DO NOTHING RETURNING scope, ${COLUMNS}),
cleared AS (DELETE FROM ${traces} AS t USING inserted WHERE t.scope = inserted.scope AND t.id = inserted.id)
SELECT * FROM inserted`;
  const deleteTracingSql = `WITH deleted AS (DELETE FROM ${table} WHERE scope = $1::text AND id = $2::text AND version = $3::integer RETURNING scope, id, modified)
INSERT INTO ${traces} (scope, id, status, removed)
SELECT scope, id, 'removed', GREATEST(${NOW}, modified) FROM deleted
ON CONFLICT (scope, id) DO UPDATE SET status = 'removed', to_scope = NULL, to_id = NULL, removed = EXCLUDED.removed
RETURNING 1`;
  const moveSql = `UPDATE ${table} SET scope = $4::text, id = $5::text, version = version + 1,
modified = GREATEST(${NOW}, modified)
WHERE scope = $1::text AND id = $2::text AND version = $3::integer RETURNING ${COLUMNS}`;
  const traceSql = `SELECT status, to_scope, to_id, (extract(epoch FROM removed) * 1000)::float8 AS removed
FROM ${traces} AS t WHERE t.scope = $1::text AND t.id = $2::text
AND NOT EXISTS (SELECT 1 FROM ${table} AS i WHERE i.scope = $1::text AND i.id = $2::text)`;

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

  const store: Store<T> = {
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
      const [row] = await rows(moves ? insertClearingSql : insertSql, [
        scopeOf(input.scope),
        id ?? null,
        value,
      ]);
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
        const [row] = await rows(tombstones ? deleteTracingSql : deleteSql, [
          scope,
          input.id,
          input.version,
        ]);
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

  if (transaction !== undefined) {
    store.replaceAll = async (
      inputs: readonly ReplaceInput<T>[],
    ): Promise<ReplaceAllOutcome<T>> => {
      const seen = new Set<string>();
      for (const input of inputs) {
        const at = JSON.stringify([scopeOf(input.scope), input.id]);
        if (seen.has(at)) throw new TypeError(`postgresStore: replaceAll names ${input.id} twice.`);
        seen.add(at);
      }
      const values = inputs.map((input) => serialised(input.value));
      // One lock order for every call, so concurrent calls over the same items never deadlock.
      const order = inputs
        .map((_, index) => index)
        .sort((a, b) => {
          const [x, y] = [inputs[a] as ReplaceInput<T>, inputs[b] as ReplaceInput<T>];
          const byScope =
            scopeOf(x.scope) < scopeOf(y.scope) ? -1 : scopeOf(x.scope) > scopeOf(y.scope) ? 1 : 0;
          return byScope !== 0 ? byScope : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
        });
      for (let attempt = 0; ; attempt++) {
        try {
          const entries = await transaction(async (tx) => {
            const written: Entry<T>[] = [];
            for (const index of order) {
              const input = inputs[index] as ReplaceInput<T>;
              const found = storable(input)
                ? (
                    await tx.query(updateSql, [
                      scopeOf(input.scope),
                      input.id,
                      input.version,
                      values[index],
                    ])
                  ).rows
                : [];
              if (found[0] === undefined) throw new Rollback(index);
              written[index] = entryOf<T>(found[0]);
            }
            return written;
          });
          return { status: 'written', entries };
        } catch (error) {
          if (!(error instanceof Rollback)) throw error;
        }
        // Rolled back: say, per input, what a retry would meet.
        const checks = await Promise.all(
          inputs.map(async (input): Promise<ReplaceCheck> => {
            const current = await readValidator(input);
            if (current === undefined) return { status: 'missing' };
            return current.version === input.version
              ? { status: 'ready' }
              : { status: 'stale', current };
          }),
        );
        if (checks.some((one) => one.status !== 'ready')) return { status: 'failed', checks };
        if (attempt >= 3)
          throw new Error('postgresStore: the items keep changing under replaceAll.');
      }
    };
  }

  if (transaction !== undefined && moves) {
    store.trace = async (key: ItemKey): Promise<ItemTrace | undefined> => {
      if (!storable(key)) return undefined;
      const [row] = await rows(traceSql, [scopeOf(key.scope), key.id]);
      if (row === undefined) return undefined;
      const found = row as { status: string; to_scope: string; to_id: string; removed: unknown };
      if (found.status === 'removed')
        return { status: 'removed', removed: new Date(Number(found.removed)) };
      const to: ItemKey =
        found.to_scope === '' ? { id: found.to_id } : { scope: found.to_scope, id: found.to_id };
      return { status: 'moved', to };
    };

    store.move = async (input: MoveInput): Promise<MoveOutcome<T>> => {
      if (!storable(input)) return { status: 'missing' };
      const scope = scopeOf(input.scope);
      const toScope = input.to.scope ?? scope;
      const toId = input.to.id ?? input.id;
      const stays = toScope === scope && toId === input.id;
      for (let attempt = 0; ; attempt++) {
        let row: unknown;
        if (!stays && storable({ scope: toScope, id: toId })) {
          try {
            row = await transaction(async (tx) => {
              const [moved] = (
                await tx.query(moveSql, [scope, input.id, input.version, toScope, toId])
              ).rows;
              if (moved === undefined) return undefined;
              await tx.query(`DELETE FROM ${traces} WHERE scope = $1::text AND id = $2::text`, [
                toScope,
                toId,
              ]);
              await tx.query(
                `INSERT INTO ${traces} (scope, id, status, to_scope, to_id) VALUES ($1::text, $2::text, 'moved', $3::text, $4::text)
ON CONFLICT (scope, id) DO UPDATE SET status = 'moved', to_scope = EXCLUDED.to_scope, to_id = EXCLUDED.to_id, removed = NULL`,
                [scope, input.id, toScope, toId],
              );
              // A chain of moves forwards straight to the last key.
              await tx.query(
                `UPDATE ${traces} SET to_scope = $3::text, to_id = $4::text WHERE status = 'moved' AND to_scope = $1::text AND to_id = $2::text`,
                [scope, input.id, toScope, toId],
              );
              return moved;
            });
          } catch (error) {
            if (isUniqueViolation(error)) return { status: 'taken' };
            throw error;
          }
        }
        if (row !== undefined) return { status: 'moved', entry: entryOf<T>(row) };
        const current = await afterMiss(input, input.version);
        if (current === 'missing') return { status: 'missing' };
        // The item is at the version asked for but cannot go where asked: the key is taken.
        if (current === 'retry' && (stays || !storable({ scope: toScope, id: toId })))
          return { status: 'taken' };
        if (current !== 'retry') return { status: 'stale', current };
        if (attempt >= 3) throw new Error('postgresStore: the item keeps changing under move.');
      }
    };
  }

  return store;
}
