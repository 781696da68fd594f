import { describe, expect, it } from 'vitest';
import { memoryStore } from './memory-store.js';
import { storeContract, type ContractItem } from './store-contract.js';
import type { Store } from './store.js';

describe('memoryStore keeps the store contract', () => {
  it.each(storeContract(() => memoryStore()))('$name', ({ run }) => run());
});

describe('memoryStore with uuid ids keeps the store contract', () => {
  it.each(storeContract(() => memoryStore({ ids: 'uuid' }), { concurrency: 3 }))(
    '$name',
    ({ run }) => run(),
  );
});

describe('memoryStore with tombstones keeps the store contract', () => {
  it.each(storeContract(() => memoryStore({ tombstones: true })))('$name', ({ run }) => run());

  it('keeps a tombstone of a removed item only when asked to', async () => {
    const kept = memoryStore<ContractItem>({ tombstones: true, now: () => new Date(5_000) });
    const plain = memoryStore<ContractItem>();
    for (const store of [kept, plain]) {
      await store.create({ id: 'a', value: { title: 'a', priority: null, done: false } });
      await store.remove({ id: 'a', version: 1 });
    }
    expect(await kept.trace?.({ id: 'a' })).toEqual({
      status: 'removed',
      removed: new Date(5_000),
    });
    expect(await plain.trace?.({ id: 'a' })).toBeUndefined();
  });
});

describe('the contract catches a broken store', () => {
  it('fails the move checks for a store whose move leaves no trace', async () => {
    const traceless = (): Store<ContractItem> => ({
      ...memoryStore<ContractItem>(),
      trace: async () => undefined,
    });
    const check = storeContract(traceless).find((entry) =>
      entry.name.startsWith('optional move: the item'),
    );
    await expect(check?.run()).rejects.toThrow(/trace/);
  });

  // A store whose compare-and-set ignores the version: the race checks must fail.
  const careless = (): Store<ContractItem> => {
    const store = memoryStore<ContractItem>();
    return {
      ...store,
      replace: async (input) => {
        const current = await store.validator(input);
        return store.replace({ ...input, version: current?.version ?? input.version });
      },
    };
  };
  const checks = storeContract(careless);

  it('fails "replace at a stale version is stale and changes nothing"', async () => {
    const check = checks.find((entry) => entry.name.startsWith('replace at a stale version'));
    await expect(check?.run()).rejects.toThrow(/replace at a stale version.*stale/);
  });

  it('fails the concurrent replace check for a check-then-write store', async () => {
    // Checks the version, waits (a network round trip), then writes whatever is current.
    let delay = 0;
    const checkThenWrite = (): Store<ContractItem> => {
      const store = memoryStore<ContractItem>();
      return {
        ...store,
        replace: async (input) => {
          const checked = await store.validator(input);
          if (checked === undefined) return { status: 'missing' };
          if (checked.version !== input.version) return { status: 'stale', current: checked };
          await new Promise((resolve) => setTimeout(resolve, delay++ % 4));
          const current = await store.validator(input);
          return store.replace({ ...input, version: current?.version ?? input.version });
        },
      };
    };
    const check = storeContract(checkThenWrite).find((entry) =>
      entry.name.startsWith('concurrent replaces'),
    );
    await expect(check?.run()).rejects.toThrow(/winners/);
  });

  // A replaceAll built from one replace per input: partial writes, interleaved under races.
  const oneByOne = (): Store<ContractItem> => {
    const store = memoryStore<ContractItem>();
    let calls = 0;
    return {
      ...store,
      replaceAll: async (inputs) => {
        // A round trip per statement, as a store without a transaction takes: the first caller
        // takes the longest, so a later one writes the second item first.
        const wait = (20 - calls++) * 2;
        const outcomes = [];
        for (const [index, input] of inputs.entries()) {
          if (index > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          outcomes.push(await store.replace(input));
        }
        const entries = outcomes.flatMap((outcome) =>
          outcome.status === 'written' ? [outcome.entry] : [],
        );
        if (entries.length === inputs.length) return { status: 'written', entries };
        return {
          status: 'failed',
          checks: outcomes.map((outcome) =>
            outcome.status === 'written' ? { status: 'ready' } : outcome,
          ),
        };
      },
    };
  };

  it.each([
    ['optional replaceAll: a stale or missing', /nothing written/],
    ['optional replaceAll: concurrent calls', /one writer|winners/],
  ])('fails "%s" for a replaceAll that writes one by one', async (prefix, message) => {
    const check = storeContract(oneByOne).find((entry) => entry.name.startsWith(prefix));
    await expect(check?.run()).rejects.toThrow(message);
  });
});

describe('memoryStore', () => {
  it('makes sequence ids per scope, skipping ids taken by a create-only PUT', async () => {
    const store = memoryStore<{ n: number }>();
    await store.create({ id: '2', value: { n: 0 } });
    const ids = [];
    for (let n = 0; n < 3; n++) ids.push((await store.create({ value: { n } }))?.id);
    expect(ids).toEqual(['1', '3', '4']);
    expect((await store.create({ scope: 'p', value: { n: 9 } }))?.id).toBe('1');
  });

  it('hands out frozen values', async () => {
    const store = memoryStore<{ tags: string[] }>();
    const entry = await store.create({ value: { tags: ['a'] } });
    expect(Object.isFrozen(entry?.value)).toBe(true);
    expect(Object.isFrozen(entry?.value.tags)).toBe(true);
  });

  it('keeps __proto__ an own member', async () => {
    const store = memoryStore<Record<string, unknown>>();
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as Record<
      string,
      unknown
    >;
    const entry = await store.create({ value });
    expect(Object.getPrototypeOf(entry?.value)).toBe(Object.prototype);
    expect(Object.hasOwn(entry?.value ?? {}, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('uses its clock, never going back', async () => {
    let now = 5_000;
    const store = memoryStore<{ n: number }>({ now: () => new Date(now) });
    const entry = await store.create({ value: { n: 1 } });
    now = 1_000;
    const outcome = await store.replace({ id: entry?.id ?? '', value: { n: 2 }, version: 1 });
    expect(outcome.status === 'written' && outcome.entry.modified.getTime()).toBe(5_000);
  });

  it('refuses a replaceAll that names one item twice', async () => {
    const store = memoryStore<{ n: number }>();
    await store.create({ id: 'a', value: { n: 1 } });
    const twice = [
      { id: 'a', version: 1, value: { n: 2 } },
      { id: 'a', version: 1, value: { n: 3 } },
    ];
    await expect(store.replaceAll?.(twice)).rejects.toThrow(/twice/);
    expect((await store.get({ id: 'a' }))?.value).toEqual({ n: 1 });
  });

  it('takes an id function', async () => {
    const store = memoryStore<{ n: number }>({ ids: () => 'fixed' });
    expect((await store.create({ value: { n: 1 } }))?.id).toBe('fixed');
    await expect(store.create({ value: { n: 1 } })).rejects.toThrow(/taken id/);
  });
});
