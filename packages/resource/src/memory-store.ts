import { comparatorOf, matchesCondition, matchesFilters } from './_order.js';
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
} from './store.js';

/**
 * Options of {@link memoryStore}.
 *
 * @example
 * ```ts
 * import { memoryStore, type MemoryStoreOptions } from '@fielding/resource';
 *
 * // Random ids, and a clock a test controls.
 * let now = Date.parse('2025-01-01T00:00:00Z');
 * const options: MemoryStoreOptions = { ids: 'uuid', now: () => new Date(now) };
 * const store = memoryStore<{ title: string }>(options);
 * now += 60_000;
 * ```
 */
export interface MemoryStoreOptions {
  /**
   * How new ids are made: `'sequence'` (`"1"`, `"2"`, … per scope, skipping ids taken by a
   * create-only `PUT`), `'uuid'` (`crypto.randomUUID()`), or a function. Default: `'sequence'`.
   */
  ids?: 'sequence' | 'uuid' | (() => string);
  /** The clock of `modified`. Default: `() => new Date()`. */
  now?: () => Date;
  /**
   * Keep a tombstone of each removed item, so its URL answers 410 Gone rather than 404.
   * Default: `false`. (Moves always leave a trace: the old URL redirects.)
   */
  tombstones?: boolean;
}

// What is kept per item: the value frozen once, so reads hand it out without copying.
interface Row {
  version: number;
  modified: number;
  value: unknown;
}

// A scope key that cannot collide with a parent id (ids are strings, this is not one of them).
const TOP_LEVEL = Symbol('top-level');
type ScopeKey = string | typeof TOP_LEVEL;
const scopeKey = (scope: string | undefined): ScopeKey => scope ?? TOP_LEVEL;

// A frozen deep copy of a JSON value: what the caller keeps can change, what is stored cannot.
function frozenCopy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined) continue;
    // `__proto__` from JSON.parse is an own member: it stays one.
    Object.defineProperty(copy, key, {
      value: frozenCopy(member),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return Object.freeze(copy);
}

/**
 * An in-memory {@link Store}: for tests, prototypes and single-process apps. It keeps the whole
 * contract — versions, atomic compare-and-set, create-only ids, the order, paging and counts —
 * and passes `storeContract()`. Values are frozen deep copies, handed out without copying;
 * copy one before changing it. Nothing is shared between processes: behind a load balancer use
 * a database store.
 *
 * Without a type argument it fits any resource's store (`store: memoryStore()` takes the
 * schema's type); on its own, name the value type: `memoryStore<Task>()`.
 *
 * @typeParam T - the stored value
 * @param options - how ids are made, and the clock
 * @returns the store
 *
 * @example
 * ```ts
 * import { defineResource, memoryStore } from '@fielding/resource';
 *
 * const notes = defineResource({
 *   name: 'notes',
 *   path: '/notes/{noteId}',
 *   schema: { type: 'object', properties: { text: { type: 'string' } } } as const,
 *   store: memoryStore({ ids: 'uuid' }),
 * });
 * ```
 */
export function memoryStore(options?: MemoryStoreOptions): Store<never>;
export function memoryStore<T>(options?: MemoryStoreOptions): Store<T>;
export function memoryStore<T>(options: MemoryStoreOptions = {}): Store<T> {
  const scopes = new Map<ScopeKey, Map<string, Row>>();
  const counters = new Map<ScopeKey, number>();
  const now = options.now ?? (() => new Date());
  const ids = options.ids ?? 'sequence';
  const tombstones = options.tombstones ?? false;
  // What became of keys that hold no item: `${scope}\u0000${id}` → trace (scopes are ids, so
  // never contain NUL; the top level is the empty prefix with a marker).
  const traces = new Map<string, ItemTrace>();
  const traceKey = (scope: string | undefined, id: string): string =>
    scope === undefined ? `\u0001${id}` : `${scope}\u0000${id}`;

  const rowsOf = (scope: string | undefined): Map<string, Row> | undefined =>
    scopes.get(scopeKey(scope));

  const entryOf = (id: string, row: Row): Entry<T> => ({
    id,
    version: row.version,
    modified: new Date(row.modified),
    value: row.value as T,
  });
  const validatorOf = (row: Row): Validator => ({
    version: row.version,
    modified: new Date(row.modified),
  });
  // Never earlier than the last write, even if the clock steps back.
  const stamp = (previous: number): number => Math.max(now().getTime(), previous);

  const newId = (scope: ScopeKey, rows: Map<string, Row>): string => {
    if (typeof ids === 'function' || ids === 'uuid') {
      const id = typeof ids === 'function' ? ids() : crypto.randomUUID();
      // A generated id never replaces an item: that would be a lost update.
      if (rows.has(id))
        throw new Error(`memoryStore: the id function returned a taken id (${id}).`);
      return id;
    }
    let next = counters.get(scope) ?? 0;
    let id: string;
    do id = String(++next);
    while (rows.has(id));
    counters.set(scope, next);
    return id;
  };

  const scan = (scope: string | undefined, query: ListManyQuery | ListQuery): Entry<T>[] => {
    const rows = rowsOf(scope);
    if (rows === undefined) return [];
    const filters = query.filters ?? [];
    const where = 'where' in query ? query.where : undefined;
    const entries: Entry<T>[] = [];
    for (const [id, row] of rows) {
      const entry = entryOf(id, row);
      if (!matchesFilters(entry, filters)) continue;
      if (where !== undefined && !matchesCondition(entry, where)) continue;
      entries.push(entry);
    }
    return entries.sort(comparatorOf(query.order));
  };

  return {
    async validator(key: ItemKey) {
      const row = rowsOf(key.scope)?.get(key.id);
      return row === undefined ? undefined : validatorOf(row);
    },

    async get(key: ItemKey) {
      const row = rowsOf(key.scope)?.get(key.id);
      return row === undefined ? undefined : entryOf(key.id, row);
    },

    async getMany(list: readonly string[], scope?: string) {
      const rows = rowsOf(scope);
      if (rows === undefined) return [];
      const found: Entry<T>[] = [];
      for (const id of new Set(list)) {
        const row = rows.get(id);
        if (row !== undefined) found.push(entryOf(id, row));
      }
      return found;
    },

    async create(input: CreateInput<T>) {
      const key = scopeKey(input.scope);
      let rows = scopes.get(key);
      if (rows === undefined) {
        rows = new Map();
        scopes.set(key, rows);
      }
      if (input.id !== undefined && rows.has(input.id)) return undefined;
      const id = input.id ?? newId(key, rows);
      const row: Row = { version: 1, modified: stamp(0), value: frozenCopy(input.value) };
      rows.set(id, row);
      traces.delete(traceKey(input.scope, id));
      return entryOf(id, row);
    },

    async replace(input: ReplaceInput<T>): Promise<WriteOutcome<T>> {
      const rows = rowsOf(input.scope);
      const row = rows?.get(input.id);
      if (rows === undefined || row === undefined) return { status: 'missing' };
      if (row.version !== input.version) return { status: 'stale', current: validatorOf(row) };
      const next: Row = {
        version: row.version + 1,
        modified: stamp(row.modified),
        value: frozenCopy(input.value),
      };
      rows.set(input.id, next);
      return { status: 'written', entry: entryOf(input.id, next) };
    },

    async replaceAll(inputs: readonly ReplaceInput<T>[]): Promise<ReplaceAllOutcome<T>> {
      // Every version is checked, then every row written, with no await in between: atomic.
      const seen = new Set<string>();
      const checks: ReplaceCheck[] = [];
      let failed = false;
      for (const input of inputs) {
        const at = traceKey(input.scope, input.id);
        if (seen.has(at)) throw new TypeError(`memoryStore: replaceAll names ${input.id} twice.`);
        seen.add(at);
        const row = rowsOf(input.scope)?.get(input.id);
        if (row === undefined) {
          checks.push({ status: 'missing' });
          failed = true;
        } else if (row.version !== input.version) {
          checks.push({ status: 'stale', current: validatorOf(row) });
          failed = true;
        } else checks.push({ status: 'ready' });
      }
      if (failed) return { status: 'failed', checks };
      // Copied before the first write, so a value that cannot be copied writes nothing.
      const values = inputs.map((input) => frozenCopy(input.value));
      const entries = inputs.map((input, index) => {
        const rows = rowsOf(input.scope) as Map<string, Row>;
        const row = rows.get(input.id) as Row;
        const next: Row = {
          version: row.version + 1,
          modified: stamp(row.modified),
          value: values[index],
        };
        rows.set(input.id, next);
        return entryOf(input.id, next);
      });
      return { status: 'written', entries };
    },

    async remove(input: RemoveInput): Promise<RemoveOutcome> {
      const rows = rowsOf(input.scope);
      const row = rows?.get(input.id);
      if (rows === undefined || row === undefined) return { status: 'missing' };
      if (row.version !== input.version) return { status: 'stale', current: validatorOf(row) };
      rows.delete(input.id);
      if (tombstones)
        traces.set(traceKey(input.scope, input.id), {
          status: 'removed',
          removed: new Date(stamp(row.modified)),
        });
      return { status: 'removed' };
    },

    async trace(key: ItemKey): Promise<ItemTrace | undefined> {
      if (rowsOf(key.scope)?.has(key.id) === true) return undefined;
      const found = traces.get(traceKey(key.scope, key.id));
      if (found === undefined) return undefined;
      return found.status === 'moved'
        ? { status: 'moved', to: { ...found.to } }
        : { status: 'removed', removed: new Date(found.removed) };
    },

    async move(input: MoveInput): Promise<MoveOutcome<T>> {
      const rows = rowsOf(input.scope);
      const row = rows?.get(input.id);
      if (rows === undefined || row === undefined) return { status: 'missing' };
      if (row.version !== input.version) return { status: 'stale', current: validatorOf(row) };
      const scope = input.to.scope ?? input.scope;
      const id = input.to.id ?? input.id;
      const target = scopeKey(scope);
      let targetRows = scopes.get(target);
      if (targetRows?.has(id) === true) return { status: 'taken' };
      if (targetRows === undefined) {
        targetRows = new Map();
        scopes.set(target, targetRows);
      }
      const next: Row = {
        version: row.version + 1,
        modified: stamp(row.modified),
        value: row.value,
      };
      rows.delete(input.id);
      targetRows.set(id, next);
      traces.delete(traceKey(scope, id));
      const to: ItemKey = scope === undefined ? { id } : { scope, id };
      traces.set(traceKey(input.scope, input.id), { status: 'moved', to });
      // A chain of moves forwards straight to the last key.
      for (const [at, trace] of traces) {
        if (trace.status === 'moved' && trace.to.scope === input.scope && trace.to.id === input.id)
          traces.set(at, { status: 'moved', to });
      }
      return { status: 'moved', entry: entryOf(id, next) };
    },

    async list(query: ListQuery): Promise<ListResult<T>> {
      const selected = scan(query.scope, query);
      const offset = query.offset ?? 0;
      const entries = selected.slice(offset, offset + query.limit);
      if (query.count === 'none') return { entries };
      // The total counts what the filters select, whatever the keyset condition leaves out.
      const total =
        query.where === undefined
          ? selected.length
          : scan(query.scope, { ...query, where: undefined }).length;
      return { entries, total };
    },

    async listMany(list: readonly string[], query: ListManyQuery) {
      const result = new Map<string, Entry<T>[]>();
      for (const scope of list) {
        if (result.has(scope)) continue;
        const entries = scan(scope, query);
        result.set(
          scope,
          query.limitPerScope === undefined ? entries : entries.slice(0, query.limitPerScope),
        );
      }
      return result;
    },
  };
}
