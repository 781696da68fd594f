import { describe, expect, it } from 'vitest';
import { memoryStore } from './memory-store.js';
import { rateLimitStoreContract } from './store-contract.js';

describe('memoryStore', () => {
  describe('keeps the store contract', () => {
    it.each(rateLimitStoreContract(() => memoryStore()))('$name', ({ run }) => run());
  });

  it('holds at most maxKeys keys, dropping the oldest window first', async () => {
    const store = memoryStore({ maxKeys: 100 });
    for (let index = 0; index < 10_000; index += 1) {
      await store.increment({ key: `k${index}`, cost: 1, windowMs: 60_000 });
    }
    expect(store.size).toBe(100);
    // The newest keys are still counted; the oldest started afresh.
    expect((await store.increment({ key: 'k9999', cost: 1, windowMs: 60_000 })).count).toBe(2);
    expect((await store.increment({ key: 'k0', cost: 1, windowMs: 60_000 })).count).toBe(1);
  });

  it('sweeps ended windows as new ones open, without a timer', async () => {
    let now = 0;
    const store = memoryStore({ now: () => now });
    for (let index = 0; index < 50; index += 1) {
      await store.increment({ key: `old${index}`, cost: 1, windowMs: 1000 });
    }
    now = 5000;
    for (let index = 0; index < 10; index += 1) {
      await store.increment({ key: `new${index}`, cost: 1, windowMs: 1000 });
    }
    expect(store.size).toBe(10);
  });

  it('times windows by its clock: the window ends exactly windowMs after it opened', async () => {
    let now = 1000;
    const store = memoryStore({ now: () => now });
    expect(await store.increment({ key: 'a', cost: 1, windowMs: 500 })).toEqual({
      count: 1,
      resetMs: 500,
    });
    now = 1499;
    expect(await store.increment({ key: 'a', cost: 1, windowMs: 500 })).toEqual({
      count: 2,
      resetMs: 1,
    });
    now = 1500;
    expect(await store.increment({ key: 'a', cost: 1, windowMs: 500 })).toEqual({
      count: 1,
      resetMs: 500,
    });
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses maxKeys %s', (maxKeys) => {
    expect(() => memoryStore({ maxKeys })).toThrow(RangeError);
  });
});
