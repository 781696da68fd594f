import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashString, Stamp } from './_hash.js';

describe('Stamp', () => {
  it('is deterministic and tells pieces apart', () => {
    const of = (...pieces: (string | number)[]) =>
      pieces
        .reduce<Stamp>(
          (stamp, piece) => (typeof piece === 'string' ? stamp.text(piece) : stamp.number(piece)),
          new Stamp(),
        )
        .digest();
    expect(of('a', 1)).toBe(of('a', 1));
    expect(of('ab', 'c')).not.toBe(of('a', 'bc'));
    expect(of('7', 1, 1_767_225_600_000)).not.toBe(of('7', 2, 1_767_225_600_000));
    expect(of('7', 1, 1_767_225_600_000)).not.toBe(of('7', 1, 1_767_225_600_001));
    expect(of('7', 1, 1_767_225_600_000)).not.toBe(of('7', 1, 1_767_225_600_000 + 2 ** 32));
    expect(of()).toMatch(/^[0-9a-z]{1,11}$/);
  });

  it('changes when any one version of a page changes (no collisions over 2,000 pages)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (versions, pick) => {
          const page = (list: number[]) => {
            const stamp = new Stamp();
            list.forEach((version, index) => stamp.text(String(index)).number(version));
            return stamp.digest();
          };
          const changed = [...versions];
          const index = pick % changed.length;
          changed[index] = (changed[index] as number) + 1;
          expect(page(changed)).not.toBe(page(versions));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('hashString digests the same way', () => {
    expect(hashString('abc')).toMatch(/^[0-9a-z]{1,11}$/);
    expect(hashString('abc')).not.toBe(hashString('abd'));
  });
});
