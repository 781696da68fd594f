import { describe, expect, it } from 'vitest';
import { applyPatch } from './apply-patch.js';
import { createPatch } from './create-patch.js';

describe('createPatch', () => {
  it('describes object changes with add, remove and replace', () => {
    expect(createPatch({ a: 1, b: { c: 2 }, d: 'x' }, { a: 1, b: { c: 3 }, e: 'y' })).toEqual([
      { op: 'replace', path: '/b/c', value: 3 },
      { op: 'remove', path: '/d' },
      { op: 'add', path: '/e', value: 'y' },
    ]);
  });

  it('turns one insertion or deletion in an array into one operation', () => {
    const items = Array.from({ length: 50 }, (_, index) => ({ id: index }));
    const inserted = [...items.slice(0, 20), { id: 99 }, ...items.slice(20)];
    expect(createPatch(items, inserted)).toEqual([{ op: 'add', path: '/20', value: { id: 99 } }]);
    expect(createPatch(inserted, items)).toEqual([{ op: 'remove', path: '/20' }]);
  });

  it('replaces values whose type changes and escapes member names', () => {
    expect(
      createPatch({ 'a/b': [1], '~': { x: 1 }, n: 1 }, { 'a/b': { 0: 1 }, '~': [1], n: '1' }),
    ).toEqual([
      { op: 'replace', path: '/a~1b', value: { 0: 1 } },
      { op: 'replace', path: '/~0', value: [1] },
      { op: 'replace', path: '/n', value: '1' },
    ]);
    expect(createPatch(1, 2)).toEqual([{ op: 'replace', path: '', value: 2 }]);
    expect(createPatch({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it('produces patches that apply back to the target', () => {
    const cases: [unknown, unknown][] = [
      [
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ],
      [
        [1, 2],
        [1, 2, 3, 4, 5],
      ],
      [
        [1, 2, 3, 4, 5],
        [1, 5],
      ],
      [{ l: [{ a: 1 }, { b: 2 }] }, { l: [{ a: 2 }, { b: 2 }, { c: 3 }] }],
      [{ x: { y: { z: [1, { w: 1 }] } } }, { x: { y: { z: [1, { w: 2 }, 3] } } }],
    ];
    for (const [from, to] of cases) expect(applyPatch(from, createPatch(from, to))).toEqual(to);
  });

  it('skips shared subtrees at once', () => {
    const shared = { big: Array.from({ length: 1000 }, (_, index) => index) };
    expect(createPatch({ shared, a: 1 }, { shared, a: 2 })).toEqual([
      { op: 'replace', path: '/a', value: 2 },
    ]);
  });
});
