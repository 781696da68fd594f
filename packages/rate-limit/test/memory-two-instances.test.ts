// The contrast: two instances, each with its own memoryStore, enforce the limit each on its
// own — the client gets up to twice the quota. This is why several instances need a shared
// store (postgres-store.test.ts, redis-store.test.ts).
import { describe, expect, it } from 'vitest';
import { memoryStore } from '../src/index.node.js';
import { overshoot } from './support/two-instances.js';

describe('memoryStore on two instances', () => {
  it('each instance counts alone: the limit overshoots by one instance’s quota', async () => {
    const figures = await overshoot(() => memoryStore(), {
      limit: 100,
      requests: 400,
      concurrency: 32,
    });
    console.log('memoryStore (not shared), two instances:', JSON.stringify(figures));
    expect(figures.other).toBe(0);
    expect(figures.allowedA).toBe(100);
    expect(figures.allowedB).toBe(100);
    expect(figures.overshoot).toBe(100);
  });
});
