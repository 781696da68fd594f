import { describe, expect, it } from 'vitest';
import { memoryStore } from './memory-store.js';
import { storeContract } from './store-contract.js';

describe('memoryStore', () => {
  describe('keeps the store contract', () => {
    it.each(storeContract(() => memoryStore()))('$name', ({ run }) => run());
  });

  it('keeps at most maxEntries jobs, dropping the oldest', async () => {
    const store = memoryStore({ maxEntries: 2 });
    await store.create('a');
    await store.create('b');
    await store.create('c');
    expect(await store.read('a')).toBeUndefined();
    expect((await store.read('b'))?.state).toBe('running');
    expect((await store.read('c'))?.state).toBe('running');
  });

  it('uses the clock it is given', async () => {
    let time = 1000;
    const store = memoryStore({ now: () => time });
    await store.create('a');
    time += 700;
    expect(await store.read('a')).toEqual({ state: 'running', progress: null, heartbeatAge: 700 });
  });
});
