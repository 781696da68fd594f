// The Store interface: everything a declared resource asks of its data, and the contract every
// implementation keeps (memoryStore here, the PostgreSQL store in @fielding/postgres, yours).
// storeContract() checks each rule written below.
import type { KeysetCondition, OrderTerm } from '@fielding/pagination';

/**
 * A value a filter compares with. `null` is never a filter value: as in SQL, a comparison with
 * an absent member is not true.
 *
 * @example
 * ```ts
 * import type { FilterScalar } from '@fielding/resource';
 *
 * const bounds: FilterScalar[] = [3, 'draft', false];
 * ```
 */
export type FilterScalar = string | number | boolean;

/**
 * One filter condition of a {@link ListQuery}: `field op value`. Every condition of a query
 * must hold (AND). An item whose member is absent or `null` matches no condition on it.
 *
 * - `eq`, `lt`, `lte`, `gt`, `gte`: compare with `value` (the order of {@link ListQuery.order})
 * - `in`: equals one of `value` (an empty list matches nothing)
 *
 * @example
 * ```ts
 * import type { Filter } from '@fielding/resource';
 *
 * const filters: Filter[] = [
 *   { field: 'done', op: 'eq', value: false },
 *   { field: 'priority', op: 'gte', value: 3 },
 *   { field: 'status', op: 'in', value: ['draft', 'published'] },
 * ];
 * ```
 */
export type Filter =
  | { field: string; op: 'eq' | 'lt' | 'lte' | 'gt' | 'gte'; value: FilterScalar }
  | { field: string; op: 'in'; value: readonly FilterScalar[] };

/**
 * Which item: its id, within the scope of its parent for a nested resource (the `blogId` of
 * an article). The same id may exist in two scopes.
 *
 * @example
 * ```ts
 * import type { ItemKey } from '@fielding/resource';
 *
 * const article: ItemKey = { scope: '7', id: '42' }; // /blogs/7/articles/42
 * const task: ItemKey = { id: '3' }; // /tasks/3
 * ```
 */
export interface ItemKey {
  /** The parent's id for a nested resource; absent for a top-level one. */
  scope?: string | undefined;
  /** The item's id: the path segment, a non-empty string. */
  id: string;
}

/**
 * The validators of an item, known without loading it (a deep ETag): answering a revalidation
 * with `304` needs nothing else.
 *
 * @example
 * ```ts
 * import type { Validator } from '@fielding/resource';
 *
 * const validator: Validator = { version: 3, modified: new Date('2025-01-02T03:04:05Z') };
 * ```
 */
export interface Validator {
  /** 1 when created, exactly one more after each successful write. */
  version: number;
  /** When the version was written. */
  modified: Date;
}

/**
 * One stored item: its id, its validators and its value.
 *
 * @example
 * ```ts
 * import type { Entry } from '@fielding/resource';
 *
 * const entry: Entry<{ title: string }> = {
 *   id: '7',
 *   version: 1,
 *   modified: new Date(),
 *   value: { title: 'Write the README' },
 * };
 * ```
 */
export interface Entry<T> extends Validator {
  /** The item's id. */
  id: string;
  /** The value as stored (without the id). Treat it as read-only: it may be shared. */
  value: T;
}

/**
 * What {@link Store.create} stores.
 *
 * @example
 * ```ts
 * import { memoryStore, type CreateInput } from '@fielding/resource';
 *
 * // A create-only PUT: the client chose the id; undefined comes back when it is taken.
 * const input: CreateInput<{ title: string }> = { id: 'chosen', value: { title: 'Mine' } };
 * const entry = await memoryStore<{ title: string }>().create(input);
 * ```
 */
export interface CreateInput<T> {
  /** The parent's id, for a nested resource. */
  scope?: string | undefined;
  /**
   * The id the client chose (`PUT` with `If-None-Match: *`). Absent: the store generates a new,
   * unique one.
   */
  id?: string | undefined;
  /** The value. */
  value: T;
}

/**
 * What {@link Store.replace} writes: a new value over an expected version.
 *
 * @example
 * ```ts
 * import type { ReplaceInput } from '@fielding/resource';
 *
 * // Written only if /blogs/7/articles/42 is still at version 3.
 * const input: ReplaceInput<{ title: string }> = {
 *   scope: '7',
 *   id: '42',
 *   value: { title: 'Renamed' },
 *   version: 3,
 * };
 * ```
 */
export interface ReplaceInput<T> extends ItemKey {
  /** The new value. */
  value: T;
  /** The version the writer read; the write happens only if it is still current. */
  version: number;
}

/**
 * What {@link Store.remove} removes: an item at an expected version.
 *
 * @example
 * ```ts
 * import { memoryStore, type RemoveInput } from '@fielding/resource';
 *
 * const input: RemoveInput = { id: '7', version: 3 };
 * const outcome = await memoryStore().remove(input); // { status: 'missing' } in a new store
 * ```
 */
export interface RemoveInput extends ItemKey {
  /** The version the remover read; the removal happens only if it is still current. */
  version: number;
}

/**
 * The outcome of a compare-and-set write.
 *
 * @example
 * ```ts
 * import type { WriteOutcome } from '@fielding/resource';
 *
 * function describe(outcome: WriteOutcome<{ title: string }>): string {
 *   if (outcome.status === 'written') return `now v${outcome.entry.version}`;
 *   return outcome.status === 'stale' ? `changed to v${outcome.current.version}` : 'gone';
 * }
 * ```
 */
export type WriteOutcome<T> =
  | { status: 'written'; entry: Entry<T> }
  | { status: 'stale'; current: Validator }
  | { status: 'missing' };

/**
 * The outcome of a compare-and-set removal.
 *
 * @example
 * ```ts
 * import type { RemoveOutcome } from '@fielding/resource';
 *
 * const gone: RemoveOutcome = { status: 'removed' };
 * ```
 */
export type RemoveOutcome =
  | { status: 'removed' }
  | { status: 'stale'; current: Validator }
  | { status: 'missing' };

/**
 * How a list counts its total: `exact` (`COUNT(*)`), `estimate` (e.g. PostgreSQL's planner
 * statistics, for large tables) or `none` (no total, no `last` link, no `X-Total-Count`).
 *
 * @example
 * ```ts
 * import type { CollectionOptions, CountMode } from '@fielding/resource';
 *
 * const count: CountMode = 'estimate';
 * const collection: CollectionOptions<{ type: 'object' }> = { count, paging: 'cursor' };
 * ```
 */
export type CountMode = 'exact' | 'estimate' | 'none';

/**
 * One page of a collection, as data: filters AND keyset condition, order, offset, limit.
 *
 * Field names in `filters`, `order` and `where` are members of the value, or `id` (the
 * item's id). `where` comes from `keyset()` of `@fielding/pagination` (its `column`s are field
 * names); it and `offset` are never both set.
 *
 * @example
 * ```ts
 * import type { ListQuery } from '@fielding/resource';
 *
 * const query: ListQuery = {
 *   filters: [{ field: 'done', op: 'eq', value: false }],
 *   order: [{ column: 'priority', direction: 'desc', nulls: 'last' }, { column: 'id', direction: 'asc' }],
 *   offset: 20,
 *   limit: 11,
 *   count: 'exact',
 * };
 * ```
 */
export interface ListQuery {
  /** Only items of this parent (nested resources). */
  scope?: string | undefined;
  /** Conditions that must all hold. */
  filters: readonly Filter[];
  /**
   * The order, always ending with `id` (unique), so it is total. A term's `nulls` places
   * absent and `null` members; without it they sort as in PostgreSQL: last ascending, first
   * descending.
   */
  order: readonly OrderTerm[];
  /** The keyset condition of a cursor page (as data): only items after the cursor. */
  where?: KeysetCondition | undefined;
  /** Items to skip (offset and page styles). Default 0. */
  offset?: number | undefined;
  /** Most items to return. */
  limit: number;
  /** Whether and how to count every item the filters (not `where`, not `offset`) select. */
  count: CountMode;
}

/**
 * A page of entries and, unless the count mode was `none`, the total.
 *
 * @example
 * ```ts
 * import type { ListResult } from '@fielding/resource';
 *
 * const empty: ListResult<{ title: string }> = { entries: [], total: 0 };
 * ```
 */
export interface ListResult<T> {
  /** The entries in the query's order. */
  entries: Entry<T>[];
  /** Every item the filters select: exact, or an estimate for `count: 'estimate'`. */
  total?: number | undefined;
}

/**
 * The children of many parents at once ({@link Store.listMany}), for embedding.
 *
 * @example
 * ```ts
 * import type { ListManyQuery } from '@fielding/resource';
 *
 * // The three newest articles of every blog on a page, in one call.
 * const query: ListManyQuery = {
 *   order: [
 *     { column: 'createdAt', direction: 'desc' },
 *     { column: 'id', direction: 'asc' },
 *   ],
 *   limitPerScope: 3,
 * };
 * ```
 */
export interface ListManyQuery {
  /** Conditions that must all hold, as in {@link ListQuery}. Default none. */
  filters?: readonly Filter[] | undefined;
  /** The order within each parent, ending with `id`. */
  order: readonly OrderTerm[];
  /** Most entries per parent. Default: all. */
  limitPerScope?: number | undefined;
}

/**
 * What became of an item that is no longer at its key ({@link Store.trace}): `moved` to another
 * key (the old URL answers 301 or 308 with `Location`), or `removed` with a tombstone kept (410
 * Gone).
 *
 * @example
 * ```ts
 * import type { ItemTrace } from '@fielding/resource';
 *
 * const moved: ItemTrace = { status: 'moved', to: { scope: '8', id: '42' } };
 * const gone: ItemTrace = { status: 'removed', removed: new Date('2026-01-02T03:04:05Z') };
 * ```
 */
export type ItemTrace = { status: 'moved'; to: ItemKey } | { status: 'removed'; removed: Date };

/**
 * What {@link Store.move} moves: an item at an expected version, to another scope and/or id.
 *
 * @example
 * ```ts
 * import type { MoveInput } from '@fielding/resource';
 *
 * // /blogs/7/articles/42 at version 3 → /blogs/8/articles/42
 * const input: MoveInput = { scope: '7', id: '42', version: 3, to: { scope: '8' } };
 * ```
 */
export interface MoveInput extends ItemKey {
  /** The version the mover read; the move happens only if it is still current. */
  version: number;
  /** The new key: a scope (absent: the same one) and an id (absent: the same one). */
  to: { scope?: string | undefined; id?: string | undefined };
}

/**
 * The outcome of a compare-and-set move: `moved` with the entry at its new key (one version
 * more), `stale`, `missing`, or `taken` when an item already has the new key.
 *
 * @example
 * ```ts
 * import type { MoveOutcome } from '@fielding/resource';
 *
 * const taken: MoveOutcome<{ title: string }> = { status: 'taken' };
 * ```
 */
export type MoveOutcome<T> =
  | { status: 'moved'; entry: Entry<T> }
  | { status: 'stale'; current: Validator }
  | { status: 'missing' }
  | { status: 'taken' };

/**
 * What became of one input of a {@link Store.replaceAll} that wrote nothing: `ready` (its
 * version matched; it was not written because another input failed), `stale` with the current
 * validator, or `missing`.
 *
 * @example
 * ```ts
 * import type { ReplaceCheck } from '@fielding/resource';
 *
 * const held: ReplaceCheck = { status: 'ready' };
 * ```
 */
export type ReplaceCheck =
  | { status: 'ready' }
  | { status: 'stale'; current: Validator }
  | { status: 'missing' };

/**
 * The outcome of {@link Store.replaceAll}: every input `written` (the entries in input order),
 * or none, with one {@link ReplaceCheck} per input in input order.
 *
 * @example
 * ```ts
 * import type { ReplaceAllOutcome } from '@fielding/resource';
 *
 * function count(outcome: ReplaceAllOutcome<{ title: string }>): number {
 *   return outcome.status === 'written' ? outcome.entries.length : 0;
 * }
 * ```
 */
export type ReplaceAllOutcome<T> =
  | { status: 'written'; entries: Entry<T>[] }
  | { status: 'failed'; checks: ReplaceCheck[] };

/**
 * Where a declared resource keeps its items. Implement it for your database; run
 * `storeContract()` against your implementation with any test runner.
 *
 * The contract:
 *
 * - **Ids** are non-empty strings, unique within a scope. `create` without an id generates one
 *   never used before in that scope.
 * - **Versions**: `create` writes version 1; every successful `replace` writes the expected
 *   version plus one; `modified` is the time of that write (never earlier than the last one).
 * - **Compare-and-set**: `replace` and `remove` succeed only if the item's version still equals
 *   the expected one, checked and written atomically (`UPDATE … WHERE version = $n`), even
 *   across processes: of concurrent writers expecting one version, exactly one wins; the rest
 *   get `stale` with the current validator. A missing item is `missing`.
 * - **Create-only**: `create` with an id that exists returns `undefined` and changes nothing;
 *   of concurrent creates of one id, exactly one succeeds.
 * - **Validator without the row**: `validator` returns version and modified time without
 *   loading the value (a `SELECT version, modified` on an index).
 * - **Isolation**: nothing a caller does to a value it passed in or got back changes what is
 *   stored.
 * - **Order**: strings compare by Unicode code point (PostgreSQL `COLLATE "C"`), numbers
 *   numerically, `false` before `true`; absent and `null` members are placed by `nulls`.
 * - **Paging**: `list` applies scope, filters and `where`, sorts by `order`, skips `offset`,
 *   returns at most `limit`. With `count: 'exact'` the total counts every item the scope and
 *   filters select; `'estimate'` may be approximate; `'none'` need not count.
 * - **One call for many**: `getMany` and `listMany` answer for many ids or parents in one round
 *   trip, so embedding never costs a query per item.
 * - **Optional: moves and tombstones** (`move` and `trace`, both or neither): `move` is a
 *   compare-and-set that puts the item at its new key (version + 1) and leaves a `moved` trace at
 *   the old one; `remove` may leave a `removed` trace (a tombstone); `create` at a traced key
 *   clears the trace. `trace` of a key that holds an item is `undefined`.
 * - **Optional: all-or-nothing replaces** (`replaceAll`, for atomic bulk `PATCH`): every input
 *   is compared and written in one transaction; if any is stale or missing, nothing is written.
 *   Concurrent calls never interleave: each sees the other's writes whole or not at all.
 *
 * @typeParam T - the stored value (the item without its id)
 *
 * @example
 * ```ts
 * import { memoryStore, type Store } from '@fielding/resource';
 *
 * const store: Store<{ title: string }> = memoryStore();
 * const created = await store.create({ value: { title: 'Write the README' } });
 * await store.replace({ id: created!.id, value: { title: 'Done' }, version: created!.version });
 * ```
 */
export interface Store<T> {
  /**
   * The validators of one item, without loading its value.
   *
   * @param key - the item
   * @returns its version and modification time, or `undefined` when it does not exist
   */
  validator(key: ItemKey): Promise<Validator | undefined>;
  /**
   * One item.
   *
   * @param key - the item
   * @returns the entry, or `undefined` when it does not exist
   */
  get(key: ItemKey): Promise<Entry<T> | undefined>;
  /**
   * Many items of one scope in one call; ids that do not exist are left out.
   *
   * @param ids - the ids (duplicates allowed)
   * @param scope - the parent, for a nested resource
   * @returns the entries found, each once, in any order
   */
  getMany(ids: readonly string[], scope?: string): Promise<Entry<T>[]>;
  /**
   * Creates an item at version 1.
   *
   * @param input - scope, value and, for create-only `PUT`, the id
   * @returns the new entry, or `undefined` when `input.id` is taken
   */
  create(input: CreateInput<T>): Promise<Entry<T> | undefined>;
  /**
   * Replaces an item's value if its version is still `input.version` (atomically).
   *
   * @param input - the item, the new value and the expected version
   * @returns `written` with the new entry, `stale` with the current validator, or `missing`
   */
  replace(input: ReplaceInput<T>): Promise<WriteOutcome<T>>;
  /**
   * Removes an item if its version is still `input.version` (atomically).
   *
   * @param input - the item and the expected version
   * @returns `removed`, `stale` with the current validator, or `missing`
   */
  remove(input: RemoveInput): Promise<RemoveOutcome>;
  /**
   * One page of a collection.
   *
   * @param query - scope, filters, keyset condition, order, offset, limit, count mode
   * @returns the entries in order and the total
   */
  list(query: ListQuery): Promise<ListResult<T>>;
  /**
   * The items of many parents in one call (embedding children in a page of parents).
   *
   * @param scopes - the parents' ids
   * @param query - filters, order and a limit per parent
   * @returns the entries by parent id; every given scope is a key (with `[]` when it has none)
   */
  listMany(scopes: readonly string[], query: ListManyQuery): Promise<Map<string, Entry<T>[]>>;
  /**
   * Optional. What became of an item that is not at `key`: moved (and where) or removed (a
   * tombstone). Without it, a missing item is a 404.
   *
   * @param key - the old key
   * @returns the trace, or `undefined` when the store knows nothing of the key
   */
  trace?(key: ItemKey): Promise<ItemTrace | undefined>;
  /**
   * Optional. Moves an item to a new key if its version is still `input.version` (atomically),
   * leaving a `moved` trace at the old key.
   *
   * @param input - the item, the expected version and the new scope and/or id
   * @returns `moved` with the entry at its new key, `stale`, `missing` or `taken`
   */
  move?(input: MoveInput): Promise<MoveOutcome<T>>;
  /**
   * Optional. Replaces several items of one resource all or nothing (one transaction: `UPDATE …
   * WHERE version = $n` for each, rolled back if any touches no row). The inputs name distinct
   * keys.
   *
   * @param inputs - the items, their new values and expected versions
   * @returns `written` with the new entries in input order, or `failed` with one check per input
   */
  replaceAll?(inputs: readonly ReplaceInput<T>[]): Promise<ReplaceAllOutcome<T>>;
}
