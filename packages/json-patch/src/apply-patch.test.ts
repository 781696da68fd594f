import { describe, expect, it } from 'vitest';
import type { HttpError } from '@fielding/problem-errors';
import { isHttpError } from '@fielding/problem-errors';
import { applyPatch, applyPatchWithInverse } from './apply-patch.js';
import type { Operation, Patch } from './operation.js';
import type { PatchPolicy } from './patch-policy.js';

function failure(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (isHttpError(error)) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('applyPatch', () => {
  it('rfc 6902 §4: applies every operation in order', () => {
    const document = { title: 'Draft', tags: ['a'], meta: { v: 1 } };
    const result = applyPatch(document, [
      { op: 'test', path: '/meta/v', value: 1 },
      { op: 'replace', path: '/title', value: 'Final' },
      { op: 'add', path: '/tags/0', value: 'z' },
      { op: 'copy', from: '/tags', path: '/copied' },
      { op: 'move', from: '/meta/v', path: '/version' },
      { op: 'remove', path: '/tags/1' },
    ]);
    expect(result).toEqual({
      title: 'Final',
      tags: ['z'],
      meta: {},
      copied: ['z', 'a'],
      version: 1,
    });
  });

  it('never mutates the input (deep-frozen input still patches)', () => {
    const document = deepFreeze({ a: { b: [1, 2, { c: 3 }] }, d: 'x' });
    const result = applyPatch(document, [
      { op: 'add', path: '/a/b/2/e', value: 4 },
      { op: 'remove', path: '/a/b/0' },
      { op: 'move', from: '/d', path: '/a/d' },
      { op: 'copy', from: '/a/b', path: '/f' },
      { op: 'replace', path: '/f/0', value: 9 },
    ]);
    expect(result).toEqual({ a: { b: [2, { c: 3, e: 4 }], d: 'x' }, f: [9, { c: 3, e: 4 }] });
    expect(document).toEqual({ a: { b: [1, 2, { c: 3 }] }, d: 'x' });
  });

  it('shares every container the patch did not touch', () => {
    const document = { touched: { x: 1 }, untouched: { y: [1, 2] }, list: [{ a: 1 }, { b: 2 }] };
    const result = applyPatch(document, [
      { op: 'replace', path: '/touched/x', value: 2 },
      { op: 'add', path: '/list/1/c', value: 3 },
    ]);
    expect(result.untouched).toBe(document.untouched);
    expect(result.list[0]).toBe(document.list[0]);
    expect(result.list).not.toBe(document.list);
    expect(result.touched).not.toBe(document.touched);
  });

  it('copies a touched container once however many operations touch it', () => {
    let slices = 0;
    const items = new Proxy(
      Array.from({ length: 10_000 }, (_, index) => index),
      {
        get(target, key, receiver) {
          if (key === 'slice') slices++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    const patch: Operation[] = Array.from({ length: 100 }, (_, index) => ({
      op: 'replace',
      path: `/items/${index}`,
      value: -index,
    }));
    const result = applyPatch({ items }, patch);
    expect(slices).toBe(1);
    expect(result.items.slice(0, 3)).toEqual([-0, -1, -2]);
    expect(items[1]).toBe(1);
  });

  it('keeps copies independent of their source (copy then modify)', () => {
    const result = applyPatch({ a: {} } as Record<string, unknown>, [
      { op: 'add', path: '/a/x', value: 1 },
      { op: 'copy', from: '/a', path: '/b' },
      { op: 'add', path: '/a/y', value: 2 },
      { op: 'add', path: '/b/z', value: 3 },
      { op: 'copy', from: '', path: '/a/whole' },
    ]);
    expect(result).toEqual({
      a: { x: 1, y: 2, whole: { a: { x: 1, y: 2 }, b: { x: 1, z: 3 } } },
      b: { x: 1, z: 3 },
    });
  });

  it('keeps the patch document unchanged when later operations edit an added value', () => {
    const patch: Operation[] = [
      { op: 'add', path: '/a', value: { list: [1] } },
      { op: 'add', path: '/a/list/-', value: 2 },
    ];
    const snapshot = structuredClone(patch);
    expect(applyPatch({}, patch)).toEqual({ a: { list: [1, 2] } });
    expect(applyPatch({}, patch, { mutate: true })).toEqual({ a: { list: [1, 2] } });
    expect(patch).toEqual(snapshot);
  });

  it('keeps null-prototype objects null-prototype', () => {
    const document = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    const result = applyPatch(document, [{ op: 'add', path: '/b', value: 2 }]);
    expect(Object.getPrototypeOf(result)).toBeNull();
    expect({ ...result }).toEqual({ a: 1, b: 2 });
  });

  it.each<[string, unknown, Operation]>([
    ['remove on a missing member', { a: 1 }, { op: 'remove', path: '/b' }],
    ['replace on a missing member', { a: 1 }, { op: 'replace', path: '/b', value: 1 }],
    ['add under a missing parent', { a: 1 }, { op: 'add', path: '/b/c', value: 1 }],
    ['add under a scalar', { a: 1 }, { op: 'add', path: '/a/c', value: 1 }],
    ['add to a scalar document', 'text', { op: 'add', path: '/a', value: 1 }],
    ['add past the end of an array', { a: [1] }, { op: 'add', path: '/a/2', value: 1 }],
    ['add with a non-index token on an array', { a: [1] }, { op: 'add', path: '/a/x', value: 1 }],
    ['add below a missing array element', { a: [1] }, { op: 'add', path: '/a/5/x', value: 1 }],
    ['add below a scalar array element', { a: [1] }, { op: 'add', path: '/a/0/x', value: 1 }],
    ['remove the end marker', { a: [1] }, { op: 'remove', path: '/a/-' }],
    ['replace past the end', { a: [1] }, { op: 'replace', path: '/a/1', value: 1 }],
    ['remove the whole document', { a: 1 }, { op: 'remove', path: '' }],
    ['move from a missing member', { a: 1 }, { op: 'move', from: '/b', path: '/c' }],
    ['move onto itself from a missing member', { a: 1 }, { op: 'move', from: '/b', path: '/b' }],
    ['copy from a missing member', { a: 1 }, { op: 'copy', from: '/b', path: '/c' }],
    ['test a missing member', { a: 1 }, { op: 'test', path: '/b', value: 1 }],
  ])('rfc 6902 §5: %s is a 409', (_, document, operation) => {
    const error = failure(() => applyPatch(document, [operation]));
    expect(error.status).toBe(409);
    expect(error.errors?.[0]?.pointer).toMatch(/^\/0\/(?:path|from)$/);
  });

  it('rfc 6902 §4.6: a failing test is a 409 pointing at its value', () => {
    const error = failure(() =>
      applyPatch({ a: { b: [1, '1'] } }, [
        { op: 'test', path: '/a/b', value: [1, '1'] },
        { op: 'test', path: '/a/b/1', value: 1 },
      ]),
    );
    expect(error.status).toBe(409);
    expect(error.errors).toEqual([
      { pointer: '/1/value', detail: 'does not equal the current value' },
    ]);
  });

  it('rfc 6902 §4.6: test compares objects regardless of member order, arrays by order', () => {
    const document = { o: { a: 1, b: [1, { c: null }] } };
    expect(
      applyPatch(document, [{ op: 'test', path: '/o', value: { b: [1, { c: null }], a: 1 } }]),
    ).toBe(document);
    for (const value of [
      { a: 1 },
      { a: 1, b: [{ c: null }, 1] },
      [1],
      { a: 1, b: [1, { c: null }], d: 1 },
      null,
    ]) {
      expect(failure(() => applyPatch(document, [{ op: 'test', path: '/o', value }])).status).toBe(
        409,
      );
    }
    expect(
      failure(() => applyPatch({ a: [1] }, [{ op: 'test', path: '/a', value: { 0: 1 } }])).status,
    ).toBe(409);
    expect(
      failure(() => applyPatch({ a: { 0: 1 } }, [{ op: 'test', path: '/a', value: [1] }])).status,
    ).toBe(409);
    expect(
      failure(() => applyPatch({ a: { x: 1 } }, [{ op: 'test', path: '/a', value: { y: 1 } }]))
        .status,
    ).toBe(409);
  });

  it('rfc 6902 §4.4: moving a location into its own child is a 400', () => {
    const error = failure(() =>
      applyPatch({ a: { b: {} } }, [{ op: 'move', from: '/a', path: '/a/b/c' }]),
    );
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([
      { pointer: '/0/path', detail: 'lies inside the "from" location' },
    ]);
  });

  it('replaces the root with add or replace on ""', () => {
    expect(applyPatch({ a: 1 }, [{ op: 'add', path: '', value: [1] }])).toEqual([1]);
    expect(applyPatch({ a: 1 }, [{ op: 'replace', path: '', value: 'x' }])).toBe('x');
    expect(applyPatch({ a: { b: 1 } }, [{ op: 'move', from: '/a', path: '' }])).toEqual({ b: 1 });
  });
});

describe('applyPatch atomicity', () => {
  const patch: Operation[] = [
    { op: 'replace', path: '/a', value: 2 },
    { op: 'add', path: '/list/0', value: 'x' },
    { op: 'remove', path: '/obj/k' },
    { op: 'add', path: '/obj/new', value: 1 },
    { op: 'move', from: '/list/1', path: '/moved' },
    { op: 'copy', from: '/obj', path: '/c' },
    { op: 'replace', path: '', value: null },
    { op: 'test', path: '', value: 'never' },
  ];

  it('leaves the input as it was when an operation fails (immutable)', () => {
    const document = { a: 1, list: ['p', 'q'], obj: { k: 'v' } };
    const snapshot = structuredClone(document);
    expect(failure(() => applyPatch(document, patch)).status).toBe(409);
    expect(document).toEqual(snapshot);
  });

  it('rolls every change back when an operation fails (mutate)', () => {
    const document = { a: 1, list: ['p', 'q', 'r'], obj: { k: 'v' } };
    const snapshot = structuredClone(document);
    const list = document.list;
    expect(failure(() => applyPatch(document, patch, { mutate: true })).status).toBe(409);
    expect(document).toEqual(snapshot);
    expect(document.list).toBe(list);
  });

  it('changes the input in place when asked to', () => {
    const document = { a: 1, list: [1, 2, 3], obj: { k: 'v' } };
    const result = applyPatch(
      document,
      [
        { op: 'replace', path: '/a', value: 2 },
        { op: 'remove', path: '/list/1' },
        { op: 'replace', path: '/list/0', value: 0 },
        { op: 'add', path: '/obj/k', value: 'w' },
        { op: 'copy', from: '/obj', path: '/copy' },
        { op: 'add', path: '/copy/z', value: 1 },
      ],
      { mutate: true },
    );
    expect(result).toBe(document);
    expect(document).toEqual({ a: 2, list: [0, 3], obj: { k: 'w' }, copy: { k: 'w', z: 1 } });
  });

  it('rolls back array edits and replacements in mutate mode', () => {
    const document = { list: [1, 2, 3], o: { a: 1 } } as Record<string, unknown>;
    const snapshot = structuredClone(document);
    const error = failure(() =>
      applyPatch(
        document,
        [
          { op: 'replace', path: '/list/0', value: 9 },
          { op: 'remove', path: '/list/2' },
          { op: 'remove', path: '/list/0' },
          { op: 'add', path: '/list/-', value: 4 },
          { op: 'replace', path: '/o/a', value: 2 },
          { op: 'add', path: '/o/a', value: 3 },
          { op: 'add', path: '', value: 1 },
          { op: 'remove', path: '/nope' },
        ],
        { mutate: true },
      ),
    );
    expect(error.status).toBe(409);
    expect(document).toEqual(snapshot);
  });
});

describe('applyPatch in mutate mode: arrays edited in place (issue 22)', () => {
  it('keeps every array the same object', () => {
    const inner = [1, 2, 3];
    const list = [inner, 'a', 'b', 'c'];
    const document = { list };
    const result = applyPatch(
      document,
      [
        { op: 'remove', path: '/list/1' },
        { op: 'add', path: '/list/1', value: 'x' },
        { op: 'remove', path: '/list/0/0' },
        { op: 'add', path: '/list/0/0', value: 0 },
        { op: 'move', from: '/list/0', path: '/list/-' },
        { op: 'add', path: '/list/-', value: 'z' },
      ],
      { mutate: true },
    );
    expect(result).toBe(document);
    expect(document.list).toBe(list);
    expect(list).toEqual(['x', 'b', 'c', [0, 2, 3], 'z']);
    expect(list[3]).toBe(inner);
  });

  it('shows test, copy and move the edits made so far', () => {
    const document = { list: [[1, 2], [3]], other: [] as unknown[] };
    const result = applyPatch(
      document,
      [
        { op: 'remove', path: '/list/0/0' },
        { op: 'add', path: '/list/0/0', value: 9 },
        { op: 'test', path: '/list', value: [[9, 2], [3]] },
        { op: 'test', path: '/list/0/0', value: 9 },
        { op: 'copy', from: '/list/0', path: '/other/0' },
        { op: 'remove', path: '/list/1' },
        { op: 'add', path: '/other/0/0', value: 'y' },
        { op: 'move', from: '/list', path: '/moved' },
      ],
      { mutate: true },
    );
    expect(result).toEqual({ other: [['y', 9, 2]], moved: [[9, 2]] });
  });

  it('rolls back edits made before and after a test read the arrays', () => {
    const inner = ['p', 'q'];
    const document = { list: ['a', 'b', 'c'], nested: [inner] };
    const snapshot = structuredClone(document);
    const list = document.list;
    const error = failure(() =>
      applyPatch(
        document,
        [
          { op: 'replace', path: '/list/0', value: 'A' },
          { op: 'remove', path: '/list/1' },
          { op: 'add', path: '/nested/0/0', value: 'o' },
          { op: 'test', path: '/nested', value: [['o', 'p', 'q']] },
          { op: 'remove', path: '/list/0' },
          { op: 'add', path: '/list/0', value: 'Z' },
          { op: 'remove', path: '/nested/0/1' },
          { op: 'test', path: '/list/0', value: 'nope' },
        ],
        { mutate: true },
      ),
    );
    expect(error.status).toBe(409);
    expect(document).toEqual(snapshot);
    expect(document.list).toBe(list);
    expect(document.nested[0]).toBe(inner);
  });

  it('edits an array at the root and a long array in place', () => {
    const root = ['a', 'b', 'c'];
    expect(applyPatch(root, [{ op: 'remove', path: '/1' }], { mutate: true })).toBe(root);
    expect(root).toEqual(['a', 'c']);
    const long = Array.from({ length: 20_000 }, (_, index) => index);
    const document = { long };
    applyPatch(
      document,
      [
        { op: 'remove', path: '/long/0' },
        { op: 'add', path: '/long/5', value: -1 },
      ],
      { mutate: true },
    );
    expect(document.long).toBe(long);
    expect(long.slice(0, 7)).toEqual([1, 2, 3, 4, 5, -1, 6]);
    expect(long).toHaveLength(20_000);
  });

  it('leaves a frozen array to fail at the first write, as before', () => {
    const document = { list: Object.freeze(['a', 'b']), n: 1 };
    expect(() =>
      applyPatch(
        document,
        [
          { op: 'replace', path: '/n', value: 2 },
          { op: 'remove', path: '/list/0' },
        ],
        { mutate: true },
      ),
    ).toThrow(TypeError);
    expect(document).toEqual({ list: ['a', 'b'], n: 1 });
  });
});

describe('applyPatch on long arrays (issue 22)', () => {
  it.each([false, true])(
    'appends to and removes from a 50,000-element array (mutate: %s)',
    (mutate) => {
      const items = Array.from({ length: 50_000 }, (_, index) => index);
      const document = { items };
      const patch: Operation[] = [
        ...Array.from(
          { length: 30 },
          (): Operation => ({ op: 'add', path: '/items/-', value: 'n' }),
        ),
        { op: 'remove', path: '/items/100' },
        { op: 'add', path: '/items/0', value: 'first' },
      ];
      const result = applyPatch(document, patch, { mutate }) as { items: unknown[] };
      expect(result.items).toHaveLength(50_030);
      expect(result.items.slice(0, 3)).toEqual(['first', 0, 1]);
      expect(result.items[100]).toBe(99);
      expect(result.items[101]).toBe(101);
      expect(result.items.at(-1)).toBe('n');
      expect(result.items === items).toBe(mutate);
      if (!mutate) expect(items).toHaveLength(50_000);
    },
  );
});

describe('applyPatch copies the array that holds the target with the edit made (issue 22)', () => {
  const items = (): string[] => ['a', 'b', 'c', 'd'];

  it.each<[string, Operation, string[], number]>([
    ['appends', { op: 'add', path: '/list/-', value: 'x' }, ['a', 'b', 'c', 'd', 'x'], 4],
    [
      'inserts at the end by index',
      { op: 'add', path: '/list/4', value: 'x' },
      ['a', 'b', 'c', 'd', 'x'],
      4,
    ],
    [
      'inserts in the middle',
      { op: 'add', path: '/list/1', value: 'x' },
      ['a', 'x', 'b', 'c', 'd'],
      1,
    ],
    [
      'inserts at the start',
      { op: 'add', path: '/list/0', value: 'x' },
      ['x', 'a', 'b', 'c', 'd'],
      0,
    ],
    ['removes the last element', { op: 'remove', path: '/list/3' }, ['a', 'b', 'c'], 3],
    ['removes from the middle', { op: 'remove', path: '/list/1' }, ['a', 'c', 'd'], 1],
  ])('%s, leaving the input array as it was', (_, operation, expected, position) => {
    const list = deepFreeze(items());
    const shared = deepFreeze({ n: 1 });
    const document = deepFreeze({ list, shared });
    const { document: result, inverse } = applyPatchWithInverse(document, [operation]);
    expect(result.list).toEqual(expected);
    expect(result.list).not.toBe(list);
    expect(result.shared).toBe(shared);
    expect(list).toEqual(items());
    expect(inverse).toEqual([
      operation.op === 'add'
        ? { op: 'remove', path: `/list/${position}` }
        : { op: 'add', path: `/list/${position}`, value: items()[position] },
    ]);
    expect(applyPatch(result, inverse)).toEqual(document);
  });

  it('edits the copy in place for every later operation on the same array', () => {
    const list = deepFreeze(items());
    const result = applyPatch({ list }, [
      { op: 'remove', path: '/list/1' },
      { op: 'add', path: '/list/-', value: 'y' },
      { op: 'add', path: '/list/1', value: 'x' },
      { op: 'replace', path: '/list/0', value: 'A' },
      { op: 'remove', path: '/list/4' },
      { op: 'test', path: '/list', value: ['A', 'x', 'c', 'd'] },
    ]);
    expect(result.list).toEqual(['A', 'x', 'c', 'd']);
    expect(list).toEqual(items());
  });

  it('folds edits into arrays at the root, inside arrays and on both ends of a move', () => {
    const root = deepFreeze([1, [2, 3], 4]);
    expect(applyPatch(root, [{ op: 'remove', path: '/0' }])).toEqual([[2, 3], 4]);
    expect(applyPatch(root, [{ op: 'add', path: '/1/1', value: 9 }])).toEqual([1, [2, 9, 3], 4]);
    const document = deepFreeze({ from: ['a', { b: 1 }], to: ['z'] });
    const moved = applyPatch(document, [{ op: 'move', from: '/from/1', path: '/to/0' }]);
    expect(moved).toEqual({ from: ['a'], to: [{ b: 1 }, 'z'] });
    expect(moved.to[0]).toBe(document.from[1]);
    const within = applyPatch(document, [{ op: 'move', from: '/from/0', path: '/from/-' }]);
    expect(within.from).toEqual([{ b: 1 }, 'a']);
  });

  it('still answers 409 for an index past the end or not a number, without touching the input', () => {
    const document = deepFreeze({ list: items() });
    for (const operation of [
      { op: 'add', path: '/list/5', value: 'x' },
      { op: 'add', path: '/list/x', value: 'x' },
      { op: 'remove', path: '/list/4' },
      { op: 'remove', path: '/list/-' },
    ] satisfies Operation[]) {
      expect(failure(() => applyPatch(document, [operation])).status).toBe(409);
    }
    expect(document).toEqual({ list: items() });
  });

  it('keeps the input as it was when a later operation fails', () => {
    const document = deepFreeze({ list: items(), other: ['p'] });
    const error = failure(() =>
      applyPatch(document, [
        { op: 'add', path: '/list/-', value: 'x' },
        { op: 'remove', path: '/other/0' },
        { op: 'test', path: '/list/0', value: 'nope' },
      ]),
    );
    expect(error.status).toBe(409);
    expect(document).toEqual({ list: items(), other: ['p'] });
  });

  it('copies an edited long array once, sharing its elements', () => {
    const long = Array.from({ length: 50_000 }, (_, index) => ({ index }));
    const document = deepFreeze({ long });
    const result = applyPatch(document, [
      { op: 'add', path: '/long/-', value: { index: -1 } },
      { op: 'remove', path: '/long/0' },
      { op: 'copy', from: '/long', path: '/backup' },
    ]);
    expect(result.long).toHaveLength(50_000);
    expect(result.long[0]).toBe(long[1]);
    expect(result.long.at(-1)).toEqual({ index: -1 });
    expect((result as { backup?: unknown }).backup).toEqual(result.long);
    expect((result as { backup?: unknown }).backup).not.toBe(result.long);
    expect(long).toHaveLength(50_000);
  });
});

describe('applyPatch validation', () => {
  it.each<[string, unknown, string]>([
    ['a patch that is not an array', { op: 'add' }, ''],
    ['an operation that is not an object', [1], '/0'],
    [
      'an unknown op',
      [
        { op: 'add', path: '/a', value: 1 },
        { op: 'spam', path: '/a' },
      ],
      '/1/op',
    ],
    ['a missing path', [{ op: 'remove' }], '/0/path'],
    ['a path that is not a string', [{ op: 'remove', path: 1 }], '/0/path'],
    ['a missing value', [{ op: 'test', path: '/a' }], '/0/value'],
    ['a missing from', [{ op: 'copy', path: '/a' }], '/0/from'],
    ['a from that is not a string', [{ op: 'move', path: '/a', from: null }], '/0/from'],
    ['a path without a leading slash', [{ op: 'remove', path: 'a' }], '/0/path'],
    ['a bad escape in from', [{ op: 'copy', path: '/a', from: '/~2' }], '/0/from'],
  ])('%s is a 400 pointing at %j', (_, patch, pointer) => {
    const error = failure(() => applyPatch({ a: 1 }, patch as Patch));
    expect(error.status).toBe(400);
    expect(error.errors?.map((issue) => issue.pointer)).toContain(pointer);
  });

  it('checks the whole patch before running any operation', () => {
    const document = { a: 1 };
    const error = failure(() =>
      applyPatch(
        document,
        [
          { op: 'replace', path: '/a', value: 2 },
          { op: 'add', path: '/b' },
        ] as Patch,
        {
          mutate: true,
        },
      ),
    );
    expect(error.errors).toEqual([{ pointer: '/1/value', detail: 'is required' }]);
    expect(document).toEqual({ a: 1 });
  });

  it('ignores members an operation does not define (rfc 6902 §4)', () => {
    expect(
      applyPatch({}, [
        { op: 'add', path: '/a', value: 1, from: 7, extra: true },
      ] as unknown as Patch),
    ).toEqual({
      a: 1,
    });
  });

  it('caps the number of reported issues', () => {
    const patch = Array.from({ length: 100 }, () => ({ op: 'nope' }));
    expect(failure(() => applyPatch({}, patch as unknown as Patch)).errors?.length).toBe(20);
  });
});

describe('applyPatch limits', () => {
  it('refuses too many operations with a 413', () => {
    const patch: Operation[] = Array.from({ length: 11 }, () => ({
      op: 'test',
      path: '',
      value: {},
    }));
    const error = failure(() => applyPatch({}, patch, { limits: { maxOperations: 10 } }));
    expect(error.status).toBe(413);
    expect(error.detail).toContain('11 operations');
  });

  it('refuses deep pointers and deep values with a 413', () => {
    const deepPath = '/a'.repeat(6);
    let deepValue: unknown = 1;
    for (let depth = 0; depth < 6; depth++) deepValue = [deepValue];
    const error = failure(() =>
      applyPatch(
        {},
        [
          { op: 'add', path: deepPath, value: 1 },
          { op: 'copy', from: deepPath, path: '/b' },
          { op: 'add', path: '/c', value: deepValue },
        ],
        { limits: { maxDepth: 5 } },
      ),
    );
    expect(error.status).toBe(413);
    expect(error.errors).toEqual([
      { pointer: '/0/path', detail: 'is deeper than 5' },
      { pointer: '/1/from', detail: 'is deeper than 5' },
      { pointer: '/2/value', detail: 'nests deeper than 5' },
    ]);
  });

  it('refuses large values with a 413', () => {
    const error = failure(() =>
      applyPatch(
        {},
        [
          { op: 'add', path: '/a', value: 'x'.repeat(200) },
          { op: 'add', path: '/b', value: { list: Array.from({ length: 100 }, () => 1) } },
          { op: 'add', path: '/c', value: { short: true, n: null } },
        ],
        { limits: { maxValueSize: 100 } },
      ),
    );
    expect(error.status).toBe(413);
    expect(error.errors?.map((issue) => issue.pointer)).toEqual(['/0/value', '/1/value']);
  });

  it('survives nesting far deeper than the call stack without recursion', () => {
    let deep: unknown = 0;
    for (let depth = 0; depth < 100_000; depth++) deep = { d: deep };
    expect(failure(() => applyPatch({}, [{ op: 'add', path: '/x', value: deep }])).status).toBe(
      413,
    );
  });
});

describe('applyPatch hostile keys', () => {
  const pristine = Object.getOwnPropertyNames(Object.prototype).sort();

  it.each<Operation>([
    { op: 'add', path: '/__proto__/polluted', value: 1 },
    { op: 'add', path: '/constructor/prototype/polluted', value: 1 },
    { op: 'replace', path: '/__proto__', value: { polluted: 1 } },
    { op: 'copy', from: '/constructor', path: '/x' },
    { op: 'move', from: '/__proto__', path: '/x' },
    { op: 'remove', path: '/toString' },
  ])('cannot reach the prototype: %j', (operation) => {
    expect(failure(() => applyPatch({}, [operation])).status).toBe(409);
    expect(failure(() => applyPatch({}, [operation], { mutate: true })).status).toBe(409);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(pristine);
  });

  it('stores __proto__, constructor and prototype as plain data members', () => {
    const result = applyPatch({} as Record<string, unknown>, [
      { op: 'add', path: '/__proto__', value: { polluted: true } },
      { op: 'add', path: '/__proto__/more', value: 1 },
      { op: 'add', path: '/constructor', value: { prototype: { polluted: true } } },
      { op: 'add', path: '/constructor/prototype/x', value: 1 },
      { op: 'copy', from: '/__proto__', path: '/prototype' },
    ]);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__', 'constructor', 'prototype']);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({
      polluted: true,
      more: 1,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(pristine);
  });

  it('patches a parsed document that has an own __proto__ member', () => {
    const document = JSON.parse('{"__proto__": {"a": 1}}') as Record<string, unknown>;
    const result = applyPatch(document, [{ op: 'replace', path: '/__proto__/a', value: 2 }]);
    expect(JSON.stringify(result)).toBe('{"__proto__":{"a":2}}');
    expect(JSON.stringify(document)).toBe('{"__proto__":{"a":1}}');
    const mutated = applyPatch(document, [{ op: 'remove', path: '/__proto__' }], { mutate: true });
    expect(JSON.stringify(mutated)).toBe('{}');
  });
});

describe('applyPatch policy', () => {
  const document = {
    id: 7,
    version: 3,
    title: 'Draft',
    secret: 's',
    tags: ['a'],
    author: { name: 'Roy', pw: 'x' },
  };
  const policy: PatchPolicy = {
    readOnly: ['/id', '/version'],
    hidden: ['/secret', '/author/pw'],
  };

  it.each<[string, Operation, string]>([
    ['replace a read-only member', { op: 'replace', path: '/id', value: 8 }, '/0/path'],
    ['remove a read-only member', { op: 'remove', path: '/version' }, '/0/path'],
    ['replace the whole document', { op: 'replace', path: '', value: {} }, '/0/path'],
    ['move a read-only member away', { op: 'move', from: '/id', path: '/x' }, '/0/from'],
    ['copy a hidden member', { op: 'copy', from: '/secret', path: '/title' }, '/0/from'],
    [
      'copy an ancestor of a hidden member',
      { op: 'copy', from: '/author', path: '/copy' },
      '/0/from',
    ],
    ['copy the whole document', { op: 'copy', from: '', path: '/copy' }, '/0/from'],
    ['probe a hidden member with test', { op: 'test', path: '/secret', value: 's' }, '/0/path'],
  ])('refuses to %s with a 403', (_, operation, pointer) => {
    const error = failure(() => applyPatch(document, [operation], { policy }));
    expect(error.status).toBe(403);
    expect(error.errors?.[0]?.pointer).toBe(pointer);
  });

  it('lets test and copy read read-only members', () => {
    const result = applyPatch(
      document,
      [
        { op: 'test', path: '/id', value: 7 },
        { op: 'copy', from: '/version', path: '/previousVersion' },
        { op: 'replace', path: '/title', value: 'Final' },
      ],
      { policy },
    );
    expect(result).toMatchObject({ id: 7, previousVersion: 3, title: 'Final' });
  });

  it('lets test read the root unless something is hidden, and allows root writes when asked', () => {
    expect(
      applyPatch({ a: 1 }, [{ op: 'test', path: '', value: { a: 1 } }], { policy: {} }),
    ).toEqual({ a: 1 });
    expect(
      applyPatch({ a: 1 }, [{ op: 'replace', path: '', value: 2 }], {
        policy: { allowRoot: true },
      }),
    ).toBe(2);
  });

  it('restricts operations, per-operation allow lists and deny lists (with * wildcards)', () => {
    const rules: PatchPolicy = {
      operations: ['add', 'replace', 'remove', 'test'],
      allow: { add: ['/tags'], replace: ['/title', '/author/*'] },
      deny: ['/author/pw'],
    };
    expect(
      applyPatch(
        document,
        [
          { op: 'add', path: '/tags/-', value: 'b' },
          { op: 'replace', path: '/author/name', value: 'Roy T.' },
          { op: 'remove', path: '/title' },
        ],
        { policy: rules },
      ),
    ).toMatchObject({ tags: ['a', 'b'], author: { name: 'Roy T.' } });
    const error = failure(() =>
      applyPatch(
        document,
        [
          { op: 'add', path: '/title2', value: 1 },
          { op: 'replace', path: '/author/pw', value: 'y' },
          { op: 'remove', path: '/author' },
          { op: 'copy', from: '/tags', path: '/tags2' },
        ],
        { policy: rules },
      ),
    );
    expect(error.status).toBe(403);
    expect(error.errors).toEqual([
      { pointer: '/0/path', detail: '"add" is not allowed at this location.' },
      { pointer: '/1/path', detail: '"replace" is denied at this location.' },
      { pointer: '/2/path', detail: '"remove" is denied at this location.' },
      { pointer: '/3/op', detail: '"copy" operations are not allowed.' },
    ]);
  });

  it('applies a list of allowed locations to every writing operation, and test rules by name', () => {
    const rules: PatchPolicy = { allow: ['/tags'], deny: { test: ['/author'] } };
    expect(
      failure(() => applyPatch(document, [{ op: 'remove', path: '/title' }], { policy: rules }))
        .status,
    ).toBe(403);
    expect(
      failure(() =>
        applyPatch(document, [{ op: 'test', path: '/author/name', value: 'Roy' }], {
          policy: rules,
        }),
      ).errors?.[0]?.detail,
    ).toBe('"test" is denied at this location.');
    expect(
      failure(() =>
        applyPatch(document, [{ op: 'test', path: '/title', value: 'Draft' }], {
          policy: { allow: { test: ['/tags'] } },
        }),
      ).errors?.[0]?.detail,
    ).toBe('"test" is not allowed at this location.');
    expect(
      applyPatch(document, [{ op: 'test', path: '/title', value: 'Draft' }], { policy: rules }),
    ).toBe(document);
  });

  it('refuses an invalid pattern in the policy itself', () => {
    expect(() =>
      applyPatch({}, [{ op: 'add', path: '/a', value: 1 }], { policy: { readOnly: ['id'] } }),
    ).toThrow(TypeError);
  });
});

describe('applyPatchWithInverse', () => {
  it.each<[string, unknown, Operation[]]>([
    [
      'object add, replace and remove',
      { a: 1, b: 2 },
      [
        { op: 'add', path: '/c', value: 3 },
        { op: 'add', path: '/a', value: 9 },
        { op: 'replace', path: '/b', value: 8 },
        { op: 'remove', path: '/c' },
      ],
    ],
    [
      'array edits',
      { list: [1, 2, 3] },
      [
        { op: 'add', path: '/list/-', value: 4 },
        { op: 'add', path: '/list/0', value: 0 },
        { op: 'remove', path: '/list/2' },
        { op: 'replace', path: '/list/1', value: 7 },
      ],
    ],
    [
      'moves within and across arrays',
      { list: [1, 2, 3], other: [] },
      [
        { op: 'move', from: '/list/0', path: '/list/-' },
        { op: 'move', from: '/list/1', path: '/other/0' },
        { op: 'move', from: '/list/0', path: '/list/0' },
      ],
    ],
    ['a move that overwrites a member', { a: 1, b: 2 }, [{ op: 'move', from: '/a', path: '/b' }]],
    [
      'a move onto an ancestor',
      { a: { b: { c: 1 } } },
      [{ op: 'move', from: '/a/b/c', path: '/a' }],
    ],
    [
      'a move into an array slot that is an ancestor path',
      { a: [{ x: 1 }] },
      [{ op: 'move', from: '/a/0/x', path: '/a/0' }],
    ],
    [
      'copies and root replacement',
      { a: { b: 1 } },
      [
        { op: 'copy', from: '/a', path: '/c' },
        { op: 'copy', from: '/a/b', path: '/a/b' },
        { op: 'test', path: '/c/b', value: 1 },
        { op: 'replace', path: '', value: [1] },
      ],
    ],
  ])('undoes %s', (_, document, patch) => {
    const snapshot = structuredClone(document);
    const { document: result, inverse } = applyPatchWithInverse(document, patch);
    expect(applyPatch(result, inverse)).toEqual(snapshot);
    const mutated = applyPatchWithInverse(structuredClone(document), patch, { mutate: true });
    expect(mutated.document).toEqual(result);
    expect(applyPatch(mutated.document, mutated.inverse, { mutate: true })).toEqual(snapshot);
  });

  it('writes a move back as a move when it can', () => {
    expect(
      applyPatchWithInverse({ a: 1 }, [{ op: 'move', from: '/a', path: '/b' }]).inverse,
    ).toEqual([{ op: 'move', from: '/b', path: '/a' }]);
  });
});
