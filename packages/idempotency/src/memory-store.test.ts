import { describe, expect, it } from 'vitest';
import { memoryStore } from './memory-store.js';
import { storeContract } from './store-contract.js';
import type { IdempotencyStore, StoredResponse } from './store.js';

describe('memoryStore keeps the store contract', () => {
  it.each(storeContract(() => memoryStore()))('$name', ({ run }) => run());
});

describe('the contract catches a broken store', () => {
  // Reads, waits (a network round trip), then claims whatever it read as free: not atomic.
  const checkThenClaim = (): IdempotencyStore => {
    const inner = memoryStore();
    const taken = new Set<string>();
    let delay = 0;
    return {
      ...inner,
      claim: async (input) => {
        const free = !taken.has(input.key);
        await new Promise((resolve) => setTimeout(resolve, delay++ % 3));
        if (free) {
          taken.add(input.key);
          return { claimed: true, token: String(delay) };
        }
        return inner.claim(input);
      },
    };
  };
  // Completes whatever token it is given.
  const careless = (): IdempotencyStore => {
    const inner = memoryStore();
    const tokens = new Map<string, string>();
    return {
      ...inner,
      claim: async (input) => {
        const claim = await inner.claim(input);
        if (claim.claimed) tokens.set(input.key, claim.token);
        return claim;
      },
      complete: (input) =>
        inner.complete({ ...input, token: tokens.get(input.key) ?? input.token }),
    };
  };

  it('fails "concurrent claims of one key" for a check-then-claim store', async () => {
    const check = storeContract(checkThenClaim).find((entry) =>
      entry.name.startsWith('concurrent claims of one key'),
    );
    await expect(check?.run()).rejects.toThrow(/winners/);
  });

  it('fails "complete with another token" for a store that ignores tokens', async () => {
    const check = storeContract(careless).find((entry) =>
      entry.name.startsWith('complete with another token'),
    );
    await expect(check?.run()).rejects.toThrow(/complete with another token.*complete/);
  });
});

describe('memoryStore bounds', () => {
  const response = (size: number): StoredResponse => ({
    status: 200,
    headers: [],
    body: new Uint8Array(size),
  });
  const fill = async (store: IdempotencyStore, keys: string[], size = 0): Promise<void> => {
    for (const key of keys) {
      const claim = await store.claim({ key, fingerprint: 'f', lockTtl: 60_000 });
      if (claim.claimed) {
        await store.complete({ key, token: claim.token, response: response(size), ttl: 60_000 });
      }
    }
  };
  const states = async (store: IdempotencyStore, keys: string[]): Promise<string[]> =>
    Promise.all(
      keys.map(async (key) => {
        const claim = await store.claim({ key, fingerprint: 'f', lockTtl: 60_000 });
        return claim.claimed ? 'free' : claim.record.state;
      }),
    );

  it('keeps at most maxEntries keys, dropping the oldest', async () => {
    const store = memoryStore({ maxEntries: 3 });
    await fill(store, ['a', 'b', 'c', 'd']);
    expect(await states(store, ['b', 'c', 'd'])).toEqual(['complete', 'complete', 'complete']);
    expect(await states(store, ['a'])).toEqual(['free']);
  });

  it('keeps at most maxBytes of bodies, dropping the oldest', async () => {
    const store = memoryStore({ maxBytes: 10_000 });
    await fill(store, ['a', 'b', 'c'], 4_000);
    expect(await states(store, ['b', 'c'])).toEqual(['complete', 'complete']);
    expect(await states(store, ['a'])).toEqual(['free']);
  });

  it('drops expired keys by its clock', async () => {
    let time = 0;
    const store = memoryStore({ now: () => time });
    const claim = await store.claim({ key: 'k', fingerprint: 'f', lockTtl: 100 });
    expect(claim.claimed).toBe(true);
    time = 99;
    expect((await store.claim({ key: 'k', fingerprint: 'f', lockTtl: 100 })).claimed).toBe(false);
    time = 100;
    expect((await store.claim({ key: 'k', fingerprint: 'f', lockTtl: 100 })).claimed).toBe(true);
  });

  it('keeps its own copy of a body', async () => {
    const store = memoryStore();
    const claim = await store.claim({ key: 'k', fingerprint: 'f', lockTtl: 1000 });
    if (!claim.claimed) throw new Error('claimed');
    const body = new Uint8Array([1, 2, 3]);
    await store.complete({
      key: 'k',
      token: claim.token,
      response: { status: 200, headers: [], body },
      ttl: 1000,
    });
    body[0] = 9;
    const again = await store.claim({ key: 'k', fingerprint: 'f', lockTtl: 1000 });
    expect(
      !again.claimed && again.record.state === 'complete' && again.record.response.body?.[0],
    ).toBe(1);
  });
});
