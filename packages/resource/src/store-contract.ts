// One contract suite for every Store: plain async checks that throw on failure, so any test
// runner (vitest, node:test, mocha, bun test) can run them against any implementation.
import { keyset, type CursorPosition, type KeysetColumn } from '@fielding/pagination';
import type { Entry, Filter, ListQuery, Store } from './store.js';

/**
 * The value every contract check stores. A SQL store maps it to a table such as
 * `(scope text NULL, id text, version integer, modified timestamptz, title text NOT NULL,
 * priority integer NULL, done boolean NOT NULL)`.
 *
 * @example
 * ```ts
 * import type { ContractItem } from '@fielding/resource';
 *
 * const item: ContractItem = { title: 'Write the README', priority: null, done: false };
 * ```
 */
export interface ContractItem {
  /** Any text, including astral characters. */
  title: string;
  /** An integer, or `null`. */
  priority: number | null;
  /** A flag. */
  done: boolean;
}

/**
 * One named check of {@link storeContract}.
 *
 * @example
 * ```ts
 * import { test } from 'node:test';
 * import { memoryStore, storeContract, type StoreCheck } from '@fielding/resource';
 *
 * // Any runner will do: here node:test.
 * const checks: StoreCheck[] = storeContract(() => memoryStore());
 * for (const { name, run } of checks) test(name, run);
 * ```
 */
export interface StoreCheck {
  /** What the check asserts, e.g. `replace at a stale version is stale and changes nothing`. */
  name: string;
  /** Runs the check on a new store; rejects with an `Error` saying what failed. */
  run: () => Promise<void>;
}

/**
 * Options of {@link storeContract}.
 *
 * @example
 * ```ts
 * import { memoryStore, storeContract, type StoreContractOptions } from '@fielding/resource';
 *
 * // More writers racing for one version, for a store behind a connection pool.
 * const options: StoreContractOptions = { concurrency: 32 };
 * const checks = storeContract(() => memoryStore(), options);
 * ```
 */
export interface StoreContractOptions {
  /** How many writers race in the concurrency checks. Default: `8`. */
  concurrency?: number;
}

/**
 * A function that returns a new, empty store (a truncated table) for each check.
 *
 * @example
 * ```ts
 * import { memoryStore, type ContractItem, type Store, type StoreFactory } from '@fielding/resource';
 *
 * // For a database: empty the table, then return a store over it.
 * declare function truncate(table: string): Promise<void>;
 * declare function sqlStore(table: string): Store<ContractItem>;
 * const factory: StoreFactory = async () => {
 *   await truncate('contract_items');
 *   return sqlStore('contract_items');
 * };
 * const inMemory: StoreFactory = () => memoryStore();
 * ```
 */
export type StoreFactory = () => Store<ContractItem> | Promise<Store<ContractItem>>;

class ContractError extends Error {
  override name = 'StoreContractError' as const;
}

function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ContractError(message);
}

function same(actual: unknown, expected: unknown, message: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new ContractError(`${message}: expected ${e}, got ${a}`);
}

const item = (title: string, priority: number | null = null, done = false): ContractItem => ({
  title,
  priority,
  done,
});
const plain = (value: ContractItem): ContractItem => ({
  title: value.title,
  priority: value.priority,
  done: value.done,
});
const ids = (entries: readonly Entry<ContractItem>[]): string[] => entries.map((entry) => entry.id);
const titles = (entries: readonly Entry<ContractItem>[]): string[] =>
  entries.map((entry) => entry.value.title);

async function created(
  store: Store<ContractItem>,
  value: ContractItem,
  scope?: string,
  id?: string,
): Promise<Entry<ContractItem>> {
  const entry = await store.create({ scope, id, value });
  check(entry !== undefined, `create(${JSON.stringify(value)}) returned undefined`);
  return entry;
}

const ID_ORDER = { column: 'id', direction: 'asc' } as const;

async function listAll(
  store: Store<ContractItem>,
  query: Partial<ListQuery> = {},
): Promise<Entry<ContractItem>[]> {
  const result = await store.list({
    filters: [],
    order: [ID_ORDER],
    limit: 1000,
    count: 'none',
    ...query,
  });
  return result.entries;
}

/**
 * The contract every {@link Store} keeps, as named async checks that throw on failure: ids,
 * versions, atomic compare-and-set under concurrency, create-only ids, validators, isolation,
 * order (code points, nulls), filters, offset and keyset paging, counts, scopes, and the
 * one-call reads for embedding. It imports no test framework: run it with any.
 *
 * @param factory - returns a new, empty store for each check
 * @param options - how many writers race
 * @returns the checks, each with a `name` and a `run()`
 *
 * @example
 * ```ts
 * import { describe, it } from 'vitest';
 * import { memoryStore, storeContract } from '@fielding/resource';
 *
 * describe('memoryStore', () => {
 *   it.each(storeContract(() => memoryStore()))('$name', ({ run }) => run());
 * });
 * ```
 */
export function storeContract(
  factory: StoreFactory,
  options: StoreContractOptions = {},
): StoreCheck[] {
  const racers = Math.max(2, options.concurrency ?? 8);
  const checks: [string, (store: Store<ContractItem>) => Promise<void>][] = [
    [
      'create generates an id, version 1 and a modification time',
      async (store) => {
        const before = Date.now();
        const entry = await created(store, item('a', 3, true));
        check(typeof entry.id === 'string' && entry.id !== '', 'the id is a non-empty string');
        same(entry.version, 1, 'the first version');
        check(entry.modified instanceof Date, 'modified is a Date');
        check(entry.modified.getTime() >= before - 1000, 'modified is the time of the write');
        same(plain(entry.value), item('a', 3, true), 'the value created');
      },
    ],
    [
      'get returns what create stored',
      async (store) => {
        const entry = await created(store, item('a', null, false));
        const read = await store.get({ id: entry.id });
        check(read !== undefined, 'get finds the item');
        same([read.id, read.version], [entry.id, 1], 'id and version');
        same(read.modified.getTime(), entry.modified.getTime(), 'modified');
        same(plain(read.value), item('a', null, false), 'the value');
      },
    ],
    [
      'get and validator of a missing id return undefined',
      async (store) => {
        same(await store.get({ id: 'missing' }), undefined, 'get');
        same(await store.validator({ id: 'missing' }), undefined, 'validator');
      },
    ],
    [
      'validator returns the version and modification time',
      async (store) => {
        const entry = await created(store, item('a'));
        const validator = await store.validator({ id: entry.id });
        check(validator !== undefined, 'validator finds the item');
        same(validator.version, 1, 'version');
        same(validator.modified.getTime(), entry.modified.getTime(), 'modified');
      },
    ],
    [
      'generated ids are unique',
      async (store) => {
        const entries = await Promise.all(
          Array.from({ length: racers * 2 }, (_, index) => created(store, item(`t${index}`))),
        );
        same(new Set(ids(entries)).size, entries.length, 'distinct ids');
      },
    ],
    [
      'create with a taken id returns undefined and changes nothing',
      async (store) => {
        await created(store, item('first'), undefined, 'chosen');
        same(await store.create({ id: 'chosen', value: item('second') }), undefined, 'second');
        const read = await store.get({ id: 'chosen' });
        same(read && [read.version, read.value.title], [1, 'first'], 'the stored item');
      },
    ],
    [
      'concurrent creates of one id: exactly one succeeds',
      async (store) => {
        const outcomes = await Promise.all(
          Array.from({ length: racers }, (_, index) =>
            store.create({ id: 'race', value: item(`w${index}`) }),
          ),
        );
        const winners = outcomes.filter((outcome) => outcome !== undefined);
        same(winners.length, 1, 'winners');
        const read = await store.get({ id: 'race' });
        same(read?.value.title, winners[0]?.value.title, 'the winner is stored');
      },
    ],
    [
      'replace at the current version writes version + 1',
      async (store) => {
        const entry = await created(store, item('a', 1));
        const outcome = await store.replace({
          id: entry.id,
          value: item('b', 2, true),
          version: 1,
        });
        check(outcome.status === 'written', `replace is written, not ${outcome.status}`);
        same(outcome.entry.version, 2, 'the new version');
        same(plain(outcome.entry.value), item('b', 2, true), 'the new value');
        const read = await store.get({ id: entry.id });
        same(read && [read.version, plain(read.value)], [2, item('b', 2, true)], 'stored');
        const validator = await store.validator({ id: entry.id });
        same(validator?.version, 2, 'the validator follows');
      },
    ],
    [
      'replace at a stale version is stale and changes nothing',
      async (store) => {
        const entry = await created(store, item('a'));
        await store.replace({ id: entry.id, value: item('b'), version: 1 });
        const outcome = await store.replace({ id: entry.id, value: item('c'), version: 1 });
        check(outcome.status === 'stale', `a stale replace is stale, not ${outcome.status}`);
        same(outcome.current.version, 2, 'the current version');
        const read = await store.get({ id: entry.id });
        same(read && [read.version, read.value.title], [2, 'b'], 'unchanged');
      },
    ],
    [
      'replace and remove of a missing item are missing',
      async (store) => {
        same(
          await store.replace({ id: 'x', value: item('a'), version: 1 }),
          { status: 'missing' },
          'replace',
        );
        same(await store.remove({ id: 'x', version: 1 }), { status: 'missing' }, 'remove');
      },
    ],
    [
      'concurrent replaces expecting one version: exactly one wins',
      async (store) => {
        const entry = await created(store, item('start'));
        const outcomes = await Promise.all(
          Array.from({ length: racers }, (_, index) =>
            store.replace({ id: entry.id, value: item(`w${index}`), version: 1 }),
          ),
        );
        const written = outcomes.filter((outcome) => outcome.status === 'written');
        same(written.length, 1, 'winners');
        check(
          outcomes.every((outcome) => outcome.status !== 'missing'),
          'no racer sees the item missing',
        );
        for (const outcome of outcomes) {
          if (outcome.status === 'stale')
            same(outcome.current.version, 2, 'a loser sees version 2');
        }
        const read = await store.get({ id: entry.id });
        const winner = written[0];
        same(
          read && [read.version, read.value.title],
          [2, winner?.status === 'written' ? winner.entry.value.title : undefined],
          'the winner is stored',
        );
      },
    ],
    [
      'remove at the current version removes; at a stale one keeps the item',
      async (store) => {
        const entry = await created(store, item('a'));
        await store.replace({ id: entry.id, value: item('b'), version: 1 });
        const stale = await store.remove({ id: entry.id, version: 1 });
        check(stale.status === 'stale', `a stale remove is stale, not ${stale.status}`);
        same(stale.current.version, 2, 'the current version');
        check((await store.get({ id: entry.id })) !== undefined, 'the item is kept');
        same(await store.remove({ id: entry.id, version: 2 }), { status: 'removed' }, 'remove');
        same(await store.get({ id: entry.id }), undefined, 'get after remove');
        same(await store.validator({ id: entry.id }), undefined, 'validator after remove');
      },
    ],
    [
      'concurrent removes expecting one version: exactly one removes',
      async (store) => {
        const entry = await created(store, item('a'));
        const outcomes = await Promise.all(
          Array.from({ length: racers }, () => store.remove({ id: entry.id, version: 1 })),
        );
        same(outcomes.filter((outcome) => outcome.status === 'removed').length, 1, 'removers');
      },
    ],
    [
      'modified never goes back',
      async (store) => {
        const entry = await created(store, item('a'));
        let last = entry.modified.getTime();
        for (let version = 1; version <= 3; version++) {
          const outcome = await store.replace({
            id: entry.id,
            value: item(`v${version}`),
            version,
          });
          check(outcome.status === 'written', 'written');
          check(outcome.entry.modified.getTime() >= last, 'modified is not earlier than before');
          last = outcome.entry.modified.getTime();
        }
      },
    ],
    [
      'values are isolated from the caller',
      async (store) => {
        const value = item('kept', 1);
        const entry = await created(store, value);
        value.title = 'changed by the caller';
        try {
          (entry.value as { title: string }).title = 'changed through the result';
        } catch {
          // A store may hand out frozen values.
        }
        const read = await store.get({ id: entry.id });
        same(read?.value.title, 'kept', 'the stored title');
      },
    ],
    [
      'scopes isolate ids',
      async (store) => {
        await created(store, item('in 1'), '1', 'same');
        await created(store, item('in 2'), '2', 'same');
        await created(store, item('top'), undefined, 'same');
        same((await store.get({ scope: '1', id: 'same' }))?.value.title, 'in 1', 'scope 1');
        same((await store.get({ scope: '2', id: 'same' }))?.value.title, 'in 2', 'scope 2');
        same((await store.get({ id: 'same' }))?.value.title, 'top', 'top level');
        same(await store.get({ scope: '3', id: 'same' }), undefined, 'another scope');
        same(titles(await listAll(store, { scope: '1' })), ['in 1'], 'list of scope 1');
        same(titles(await listAll(store)), ['top'], 'list of the top level');
      },
    ],
    [
      'list sorts by a field in both directions, ties broken by id',
      async (store) => {
        await created(store, item('b', 2), undefined, 'x1');
        await created(store, item('a', 1), undefined, 'x2');
        await created(store, item('b', 3), undefined, 'x0');
        const ascending = await listAll(store, {
          order: [{ column: 'title', direction: 'asc' }, ID_ORDER],
        });
        same(ids(ascending), ['x2', 'x0', 'x1'], 'title ascending, then id');
        const descending = await listAll(store, {
          order: [{ column: 'title', direction: 'desc' }, ID_ORDER],
        });
        same(ids(descending), ['x0', 'x1', 'x2'], 'title descending, then id');
        const byId = await listAll(store, { order: [{ column: 'id', direction: 'desc' }] });
        same(ids(byId), ['x2', 'x1', 'x0'], 'id descending');
      },
    ],
    [
      'list places nulls as the order says',
      async (store) => {
        await created(store, item('n', null), undefined, 'a');
        await created(store, item('two', 2), undefined, 'b');
        await created(store, item('one', 1), undefined, 'c');
        const order = (direction: 'asc' | 'desc', nulls: 'first' | 'last') =>
          listAll(store, { order: [{ column: 'priority', direction, nulls }, ID_ORDER] });
        same(ids(await order('asc', 'last')), ['c', 'b', 'a'], 'asc nulls last');
        same(ids(await order('asc', 'first')), ['a', 'c', 'b'], 'asc nulls first');
        same(ids(await order('desc', 'last')), ['b', 'c', 'a'], 'desc nulls last');
        same(ids(await order('desc', 'first')), ['a', 'b', 'c'], 'desc nulls first');
      },
    ],
    [
      'list sorts strings by code point',
      async (store) => {
        for (const title of ['\u{1F600}', '\uFFFD', 'b', 'B', 'a', 'é', 'ab']) {
          await created(store, item(title));
        }
        const sorted = await listAll(store, {
          order: [{ column: 'title', direction: 'asc' }, ID_ORDER],
        });
        same(titles(sorted), ['B', 'a', 'ab', 'b', 'é', '\uFFFD', '\u{1F600}'], 'code point order');
      },
    ],
    [
      'list filters with eq, in, lt, lte, gt and gte; null matches nothing',
      async (store) => {
        for (const [title, priority, done] of [
          ['p1', 1, false],
          ['p2', 2, true],
          ['p3', 3, false],
          ['pn', null, true],
        ] as const) {
          await created(store, item(title, priority, done));
        }
        const titled = async (filters: Filter[]) =>
          titles(
            await listAll(store, {
              filters,
              order: [{ column: 'title', direction: 'asc' }, ID_ORDER],
            }),
          );
        same(await titled([{ field: 'priority', op: 'eq', value: 2 }]), ['p2'], 'eq');
        same(await titled([{ field: 'priority', op: 'in', value: [1, 3] }]), ['p1', 'p3'], 'in');
        same(await titled([{ field: 'priority', op: 'in', value: [] }]), [], 'in nothing');
        same(await titled([{ field: 'priority', op: 'lt', value: 2 }]), ['p1'], 'lt');
        same(await titled([{ field: 'priority', op: 'lte', value: 2 }]), ['p1', 'p2'], 'lte');
        same(await titled([{ field: 'priority', op: 'gt', value: 2 }]), ['p3'], 'gt');
        same(await titled([{ field: 'priority', op: 'gte', value: 2 }]), ['p2', 'p3'], 'gte');
        same(await titled([{ field: 'done', op: 'eq', value: true }]), ['p2', 'pn'], 'boolean eq');
        same(await titled([{ field: 'title', op: 'gte', value: 'p3' }]), ['p3', 'pn'], 'text gte');
        same(
          await titled([
            { field: 'done', op: 'eq', value: false },
            { field: 'priority', op: 'gte', value: 2 },
          ]),
          ['p3'],
          'every filter holds',
        );
      },
    ],
    [
      'list pages with offset and limit, and counts',
      async (store) => {
        for (let index = 0; index < 7; index++) await created(store, item(`t${index}`, index % 2));
        const query = {
          filters: [],
          order: [{ column: 'title', direction: 'asc' }, ID_ORDER],
        } as const;
        const page = await store.list({ ...query, offset: 2, limit: 3, count: 'exact' });
        same(titles(page.entries), ['t2', 't3', 't4'], 'the page');
        same(page.total, 7, 'the exact total');
        const last = await store.list({ ...query, offset: 6, limit: 3, count: 'exact' });
        same(titles(last.entries), ['t6'], 'the last page');
        const beyond = await store.list({ ...query, offset: 10, limit: 3, count: 'exact' });
        same([beyond.entries.length, beyond.total], [0, 7], 'beyond the end');
        const filtered = await store.list({
          ...query,
          filters: [{ field: 'priority', op: 'eq', value: 1 }],
          limit: 2,
          count: 'exact',
        });
        same([titles(filtered.entries), filtered.total], [['t1', 't3'], 3], 'filtered total');
        const estimated = await store.list({ ...query, limit: 2, count: 'estimate' });
        check(
          typeof estimated.total === 'number' && estimated.total >= 0,
          'an estimate is a non-negative number',
        );
        const uncounted = await store.list({ ...query, limit: 2, count: 'none' });
        same(uncounted.entries.length, 2, 'uncounted page');
      },
    ],
    [
      'keyset paging visits every item once, forwards and backwards',
      async (store) => {
        const priorities = [3, null, 1, 3, 2, null, 1, 3];
        for (const [index, priority] of priorities.entries()) {
          await created(store, item(`t${index}`, priority));
        }
        const columns: KeysetColumn[] = [
          { column: 'priority', direction: 'desc', nullable: true, nulls: 'last' },
          { column: 'id', direction: 'asc', unique: true },
        ];
        const expected = ids(await listAll(store, { order: keyset(columns, undefined).orderBy }));
        const valuesOf = (entry: Entry<ContractItem>) => [entry.value.priority, entry.id];
        const page = async (cursor: CursorPosition | undefined) => {
          const { where, orderBy, reversed } = keyset(columns, cursor);
          const { entries } = await store.list({
            filters: [],
            order: orderBy,
            where,
            limit: 3,
            count: 'none',
          });
          return reversed ? entries.reverse() : entries;
        };
        const forward: Entry<ContractItem>[] = [];
        let cursor: CursorPosition | undefined;
        for (let guard = 0; guard < 10; guard++) {
          const entries = await page(cursor);
          forward.push(...entries);
          const last = entries[entries.length - 1];
          if (entries.length < 3 || last === undefined) break;
          cursor = { direction: 'next', values: valuesOf(last) };
        }
        same(ids(forward), expected, 'forwards');
        const backward: Entry<ContractItem>[] = [];
        const end = forward[forward.length - 1];
        check(end !== undefined, 'there are items');
        backward.unshift(end);
        cursor = { direction: 'prev', values: valuesOf(end) };
        for (let guard = 0; guard < 10; guard++) {
          const entries = await page(cursor);
          backward.unshift(...entries);
          const first = entries[0];
          if (entries.length < 3 || first === undefined) break;
          cursor = { direction: 'prev', values: valuesOf(first) };
        }
        same(ids(backward), expected, 'backwards');
      },
    ],
    [
      'a keyset page does not change the total',
      async (store) => {
        for (let index = 0; index < 5; index++) await created(store, item(`t${index}`));
        const { where, orderBy } = keyset([{ column: 'id', direction: 'asc', unique: true }], {
          direction: 'next',
          values: [(await listAll(store))[1]?.id ?? ''],
        });
        const page = await store.list({
          filters: [],
          order: orderBy,
          where,
          limit: 2,
          count: 'exact',
        });
        same([page.entries.length, page.total], [2, 5], 'entries and total');
      },
    ],
    [
      'getMany returns the entries found, each once',
      async (store) => {
        const a = await created(store, item('a'));
        const b = await created(store, item('b'));
        await created(store, item('c'));
        const found = await store.getMany([b.id, 'missing', a.id, b.id]);
        same(titles(found).sort(), ['a', 'b'], 'found');
        same(await store.getMany([]), [], 'nothing asked');
        await created(store, item('scoped'), 'p', 'k');
        same(titles(await store.getMany(['k'], 'p')), ['scoped'], 'in a scope');
        same(await store.getMany(['k']), [], 'not at the top level');
      },
    ],
    [
      'listMany returns the children of many parents, ordered and limited per parent',
      async (store) => {
        for (const [scope, title] of [
          ['p1', 'c'],
          ['p1', 'a'],
          ['p1', 'b'],
          ['p2', 'z'],
          ['p3', 'y'],
        ] as const) {
          await created(store, item(title), scope);
        }
        const children = await store.listMany(['p1', 'p2', 'empty'], {
          order: [{ column: 'title', direction: 'asc' }, ID_ORDER],
          limitPerScope: 2,
        });
        same(titles(children.get('p1') ?? []), ['a', 'b'], 'p1');
        same(titles(children.get('p2') ?? []), ['z'], 'p2');
        same(children.get('empty'), [], 'a parent without children');
        same(children.has('p3'), false, 'a parent not asked for');
      },
    ],
    [
      'optional move: the item is at its new key one version on, and traced from the old one',
      async (store) => {
        if (store.move === undefined || store.trace === undefined) return;
        const a = await created(store, item('a'), 'p1');
        const outcome = await store.move({
          scope: 'p1',
          id: a.id,
          version: 1,
          to: { scope: 'p2' },
        });
        check(outcome.status === 'moved', `move: ${outcome.status}`);
        same([outcome.entry.id, outcome.entry.version], [a.id, 2], 'the moved entry');
        same(
          plain((await store.get({ scope: 'p2', id: a.id }))?.value ?? item('-')),
          item('a'),
          'at p2',
        );
        same(await store.get({ scope: 'p1', id: a.id }), undefined, 'not at p1');
        same(
          await store.trace({ scope: 'p1', id: a.id }),
          { status: 'moved', to: { scope: 'p2', id: a.id } },
          'trace',
        );
        same(await store.trace({ scope: 'p2', id: a.id }), undefined, 'no trace where the item is');
        const renamed = await store.move({
          scope: 'p2',
          id: a.id,
          version: 2,
          to: { id: 'renamed' },
        });
        check(renamed.status === 'moved', `rename: ${renamed.status}`);
        same(
          await store.trace({ scope: 'p1', id: a.id }),
          { status: 'moved', to: { scope: 'p2', id: 'renamed' } },
          'a chain forwards to the last key',
        );
      },
    ],
    [
      'optional move: stale, missing and taken keys change nothing; create at a traced key clears it',
      async (store) => {
        if (store.move === undefined || store.trace === undefined) return;
        const a = await created(store, item('a'));
        const b = await created(store, item('b'));
        same(
          await store.move({ id: a.id, version: 9, to: { id: 'x' } }),
          { status: 'stale', current: { version: 1, modified: a.modified } },
          'stale',
        );
        same(
          await store.move({ id: 'nope', version: 1, to: { id: 'x' } }),
          { status: 'missing' },
          'missing',
        );
        same(
          await store.move({ id: a.id, version: 1, to: { id: b.id } }),
          { status: 'taken' },
          'taken',
        );
        same(titles(await store.getMany([a.id, b.id, 'x'])).sort(), ['a', 'b'], 'nothing moved');
        await store.move({ id: a.id, version: 1, to: { id: 'x' } });
        await created(store, item('again'), undefined, a.id);
        same(await store.trace({ id: a.id }), undefined, 'the trace is cleared');
      },
    ],
    [
      'optional trace: a removed item leaves a tombstone or nothing, and concurrent moves have one winner',
      async (store) => {
        if (store.move === undefined || store.trace === undefined) return;
        const a = await created(store, item('a'));
        await store.remove({ id: a.id, version: 1 });
        const trace = await store.trace({ id: a.id });
        check(
          trace === undefined || trace.status === 'removed',
          `after remove: ${JSON.stringify(trace)}`,
        );
        const b = await created(store, item('b'));
        const outcomes = await Promise.all(
          Array.from({ length: racers }, (_, index) =>
            (store.move as NonNullable<typeof store.move>)({
              id: b.id,
              version: 1,
              to: { id: `b${index}` },
            }),
          ),
        );
        same(outcomes.filter((outcome) => outcome.status === 'moved').length, 1, 'winners');
      },
    ],
    [
      'optional replaceAll: writes every input one version on, in input order',
      async (store) => {
        if (store.replaceAll === undefined) return;
        const a = await created(store, item('a'));
        const b = await created(store, item('b'));
        const outcome = await store.replaceAll([
          { id: b.id, version: 1, value: item('b2') },
          { id: a.id, version: 1, value: item('a2') },
        ]);
        check(outcome.status === 'written', `replaceAll: ${outcome.status}`);
        same(
          outcome.entries.map((entry) => [entry.id, entry.version, entry.value.title]),
          [
            [b.id, 2, 'b2'],
            [a.id, 2, 'a2'],
          ],
          'the entries',
        );
        same(titles(await listAll(store)).sort(), ['a2', 'b2'], 'stored');
      },
    ],
    [
      'optional replaceAll: a stale or missing input writes nothing and says which failed',
      async (store) => {
        if (store.replaceAll === undefined) return;
        const a = await created(store, item('a'));
        const b = await created(store, item('b'));
        await store.replace({ id: b.id, version: 1, value: item('b2') });
        const outcome = await store.replaceAll([
          { id: a.id, version: 1, value: item('a3') },
          { id: b.id, version: 1, value: item('b3') },
          { id: 'nope', version: 1, value: item('n') },
        ]);
        check(outcome.status === 'failed', `replaceAll: ${outcome.status}`);
        same(
          outcome.checks.map((one) => one.status),
          ['ready', 'stale', 'missing'],
          'the checks',
        );
        const staleCheck = outcome.checks[1];
        check(staleCheck?.status === 'stale' && staleCheck.current.version === 2, 'current v2');
        same(titles(await listAll(store)).sort(), ['a', 'b2'], 'nothing written');
        same((await store.validator({ id: a.id }))?.version, 1, 'a is still at version 1');
      },
    ],
    [
      'optional replaceAll: concurrent calls over the same items never interleave',
      async (store) => {
        if (store.replaceAll === undefined) return;
        const replaceAll = store.replaceAll.bind(store);
        const a = await created(store, item('a'));
        const b = await created(store, item('b'));
        const outcomes = await Promise.all(
          Array.from({ length: racers }, (_, index) =>
            replaceAll([
              { id: a.id, version: 1, value: item(`a${index}`) },
              { id: b.id, version: 1, value: item(`b${index}`) },
            ]),
          ),
        );
        const winners = outcomes.flatMap((outcome, index) =>
          outcome.status === 'written' ? [index] : [],
        );
        same(winners.length, 1, 'winners');
        same(
          titles(await listAll(store)).sort(),
          [`a${winners[0]}`, `b${winners[0]}`],
          'one writer',
        );
      },
    ],
  ];
  return checks.map(([name, body]) => ({
    name,
    run: async () => {
      const store = await factory();
      try {
        await body(store);
      } catch (error) {
        if (error instanceof ContractError) error.message = `${name}: ${error.message}`;
        throw error;
      }
    },
  }));
}
