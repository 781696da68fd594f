import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateFixedWindow } from './fixed-window.js';

describe('evaluateFixedWindow', () => {
  it.each([
    // count, resetMs, limit → allowed, remaining, reset, retryAfter
    [1, 60_000, 100, true, 99, 60, 60],
    [58, 16_200, 100, true, 42, 17, 17],
    [100, 1, 100, true, 0, 1, 1],
    [101, 59_001, 100, false, 0, 60, 60],
    [250, 999, 100, false, 0, 1, 1],
    [5, 0, 5, true, 0, 0, 1],
    [0, 30_000, 5, true, 5, 30, 30],
  ])(
    'count %i with %i ms left under a limit of %i → allowed %s, r=%i, t=%i, Retry-After %i',
    (count, resetMs, limit, allowed, remaining, reset, retryAfter) => {
      expect(evaluateFixedWindow({ count, resetMs }, limit)).toEqual({
        allowed,
        limit,
        remaining,
        reset,
        retryAfter,
      });
    },
  );

  it('reads a store answer it cannot trust as the safe side: over the limit, resetting now', () => {
    expect(evaluateFixedWindow({ count: Number.NaN, resetMs: Number.NaN }, 10)).toEqual({
      allowed: false,
      limit: 10,
      remaining: 0,
      reset: 0,
      retryAfter: 1,
    });
    expect(evaluateFixedWindow({ count: 1, resetMs: -50 }, 10).reset).toBe(0);
  });

  it('never sends a client back before the window ends, and never reports more than the quota', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1e6 }),
        (count, resetMs, limit) => {
          const decision = evaluateFixedWindow({ count, resetMs }, limit);
          expect(decision.reset * 1000).toBeGreaterThanOrEqual(resetMs);
          expect(decision.retryAfter).toBeGreaterThanOrEqual(decision.reset);
          expect(decision.remaining).toBeGreaterThanOrEqual(0);
          expect(decision.remaining).toBeLessThanOrEqual(limit);
          expect(decision.allowed).toBe(count <= limit);
          expect(Number.isInteger(decision.reset) && Number.isInteger(decision.remaining)).toBe(
            true,
          );
        },
      ),
    );
  });
});
