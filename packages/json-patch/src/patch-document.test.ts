import { describe, expect, it } from 'vitest';
import { DEFAULT_PATCH_LIMITS, PATCH_DOCUMENT_SCHEMA, validatePatch } from './patch-document.js';

describe('validatePatch', () => {
  it('returns no issues for a valid patch', () => {
    expect(
      validatePatch([
        { op: 'add', path: '/a', value: null },
        { op: 'move', from: '/a', path: '/b' },
        { op: 'test', path: '', value: {} },
      ]),
    ).toEqual([]);
  });

  it('rfc 6902 §4: lists every structural problem with its pointer', () => {
    expect(
      validatePatch([
        { op: 'add', path: '/a' },
        { path: '/b' },
        { op: 'copy', path: '/c', from: 1 },
        'x',
      ]),
    ).toEqual([
      { pointer: '/0/value', detail: 'is required' },
      { pointer: '/1/op', detail: 'is required' },
      { pointer: '/2/from', detail: 'must be string' },
      { pointer: '/3', detail: 'must be object' },
    ]);
  });

  it('reports limit problems', () => {
    expect(validatePatch([{ op: 'remove', path: '/a/b/c' }], { maxDepth: 2 })).toEqual([
      { pointer: '/0/path', detail: 'is deeper than 2' },
    ]);
    expect(validatePatch([{ op: 'remove', path: '/a' }], { maxOperations: 0 })).toEqual([
      { pointer: '', detail: 'The patch has 1 operations; at most 0 are accepted.' },
    ]);
  });

  it('does not let inherited members stand in for missing ones', () => {
    const prototype = Object.prototype as Record<string, unknown>;
    const members = ['op', 'path', 'value', 'from'];
    const patches = [
      [{ op: 'add', path: '/a' }],
      [{ op: 'copy', path: '/a' }],
      [{ path: '/a' }],
      [{ op: 'remove' }],
    ];
    let results: unknown[];
    for (const member of members) {
      Object.defineProperty(prototype, member, {
        value: member === 'op' ? 'add' : '/x',
        configurable: true,
      });
    }
    try {
      results = patches.map((patch) => validatePatch(patch));
    } finally {
      // Restore before asserting: a prototype `value` breaks property descriptors everywhere.
      for (const member of members) delete prototype[member];
    }
    expect(results).toEqual([
      [{ pointer: '/0/value', detail: 'is required' }],
      [{ pointer: '/0/from', detail: 'is required' }],
      [{ pointer: '/0/op', detail: 'is required' }],
      [{ pointer: '/0/path', detail: 'is required' }],
    ]);
  });

  it('exposes its defaults and schema', () => {
    expect(DEFAULT_PATCH_LIMITS).toEqual({
      maxOperations: 10_000,
      maxDepth: 100,
      maxValueSize: 1_048_576,
    });
    expect(PATCH_DOCUMENT_SCHEMA).toMatchObject({ type: 'array' });
  });
});
