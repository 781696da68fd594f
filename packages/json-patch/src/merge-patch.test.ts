import { describe, expect, it } from 'vitest';
import { isHttpError, type HttpError } from '@fielding/problem-errors';
import { applyMergePatch, createMergePatch } from './merge-patch.js';

function failure(run: () => unknown): HttpError {
  try {
    run();
  } catch (error) {
    if (isHttpError(error)) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('applyMergePatch', () => {
  it('rfc 7396 §2: merges members, removes nulls, replaces arrays', () => {
    expect(
      applyMergePatch(
        { a: 'b', c: { d: 'e', f: 'g' }, l: [1] },
        { a: 'z', c: { f: null }, l: [2] },
      ),
    ).toEqual({
      a: 'z',
      c: { d: 'e' },
      l: [2],
    });
  });

  it('strips nulls from objects it adds, but keeps them inside arrays', () => {
    expect(applyMergePatch({}, { a: { b: null, c: 1 }, l: [null, { x: null }] })).toEqual({
      a: { c: 1 },
      l: [null, { x: null }],
    });
  });

  it('never mutates the target and shares what it does not change', () => {
    const target = { keep: { x: 1 }, change: { y: 1 }, gone: 1 };
    const snapshot = structuredClone(target);
    const result = applyMergePatch(target, { change: { y: 2 }, gone: null });
    expect(result).toEqual({ keep: { x: 1 }, change: { y: 2 } });
    expect(result.keep).toBe(target.keep);
    expect(target).toEqual(snapshot);
    expect(applyMergePatch(target, { keep: { x: 1 }, missing: null })).toBe(target);
  });

  it('replaces the whole document with a non-object patch', () => {
    expect(applyMergePatch({ a: 1 }, null)).toBeNull();
    expect(applyMergePatch({ a: 1 }, ['c'])).toEqual(['c']);
    expect(applyMergePatch(['a'], { a: 1 })).toEqual({ a: 1 });
  });

  it('cannot pollute prototypes through __proto__, constructor or prototype', () => {
    const patch = JSON.parse(
      '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}}',
    ) as unknown;
    const result = applyMergePatch({}, patch) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(JSON.stringify(result)).toBe(
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
    );
    expect(applyMergePatch(result, JSON.parse('{"__proto__": null}'))).toEqual({
      constructor: { prototype: { polluted: 1 } },
    });
  });

  it('refuses patches nested deeper than the limit with a 413', () => {
    let patch: unknown = 1;
    for (let depth = 0; depth < 5; depth++) patch = { a: patch };
    expect(failure(() => applyMergePatch({}, patch, { maxDepth: 4 })).status).toBe(413);
    expect(applyMergePatch({}, patch, { maxDepth: 5 })).toEqual(patch);
  });

  it.each([
    ['an array member', { a: [[[1]]] }, 4],
    ['an array in an array member', { a: { b: [[1]] } }, 4],
    ['a root array', [[[[1]]]], 4],
    ['an object inside an array', { a: [{ b: [1] }] }, 4],
  ])('counts arrays in the depth limit: %s', (_, patch, depth) => {
    expect(failure(() => applyMergePatch({}, patch, { maxDepth: depth - 1 })).status).toBe(413);
    expect(applyMergePatch({}, patch, { maxDepth: depth })).toEqual(patch);
  });
});

describe('createMergePatch', () => {
  it('describes additions, removals, nested changes and array replacement', () => {
    expect(
      createMergePatch(
        { a: 1, b: { c: 2, d: 3 }, l: [1, 2], same: { x: [1] }, gone: true },
        { a: 1, b: { c: 4, d: 3 }, l: [1], same: { x: [1] }, added: { y: 1 } },
      ),
    ).toEqual({ b: { c: 4 }, l: [1], gone: null, added: { y: 1 } });
  });

  it('returns {} for equal objects and the target itself otherwise', () => {
    expect(createMergePatch({ a: [1] }, { a: [1] })).toEqual({});
    expect(createMergePatch({ a: 1 }, [1])).toEqual([1]);
    expect(createMergePatch('x', { a: 1 })).toEqual({ a: 1 });
    expect(createMergePatch({ a: 1 }, null)).toBeNull();
    expect(createMergePatch({ a: 1 }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it.each([
    ['adds a null member', {}, { a: null }, '/a'],
    ['sets a member to null', { a: 1 }, { a: null }, '/a'],
    ['adds an object with a null member', {}, { a: { b: null } }, '/a/b'],
    [
      'replaces with an object holding a null member deeper down',
      { a: 1 },
      { a: { b: { c: null } } },
      '/a/b/c',
    ],
  ])('refuses what rfc 7396 cannot express: %s (422)', (_, from, to, pointer) => {
    const error = failure(() => createMergePatch(from, to));
    expect(error.status).toBe(422);
    expect(error.errors?.[0]?.pointer).toBe(pointer);
  });
});
