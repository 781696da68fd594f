// Client-supplied names that are also Object.prototype members (hardening issue, item 4): in an
// operation name, in every position of a pointer (path and from), as merge-patch members, and in
// policy rules. They are ordinary names: never an inherited member read, never a prototype
// written, never a lookup table entry that the client did not put there.
import { afterEach, describe, expect, it } from 'vitest';
import { isHttpError } from '@fielding/problem-errors';
import {
  JsonPointer,
  MERGE_PATCH,
  applyMergePatch,
  applyPatch,
  applyPatchRequest,
  createMergePatch,
  createPatch,
  validatePatch,
  type Operation,
  type OperationType,
  type Patch,
  type PatchPolicy,
  type PointerRules,
} from '../src/index.js';

const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'];
const pristine = Object.getOwnPropertyNames(Object.prototype).sort();

afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(pristine);
  expect(({} as Record<string, unknown>).x).toBeUndefined();
});

function statusOf(run: () => unknown): number | 'ok' {
  try {
    run();
    return 'ok';
  } catch (error) {
    if (isHttpError(error)) return error.status;
    throw error;
  }
}

/** A document without any of the keys: an object member `a`, an array member `list`. */
const plain = (): Record<string, unknown> => ({ a: { b: 1 }, list: [1] });

/** A document with `key` as an own data member at the top and inside `a`. */
function owning(key: string): Record<string, unknown> {
  return JSON.parse(`{"${key}":{"x":1},"a":{"${key}":2}}`) as Record<string, unknown>;
}

const own = (value: unknown, key: string): unknown =>
  Object.getOwnPropertyDescriptor(value, key)?.value;

/** JSON text with members sorted, to compare documents whatever their member order. */
function canonical(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const members = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(own(value, key))}`);
  return `{${members.join(',')}}`;
}

// [pointer template, operation] → status on a document without the key ('ok' for a new member).
const absent: Array<[string, (pointer: string) => Operation, number | 'ok']> = [
  ['/K', (path) => ({ op: 'add', path, value: { x: 1 } }), 'ok'],
  ['/a/K', (path) => ({ op: 'add', path, value: { x: 1 } }), 'ok'],
  ['/K/x', (path) => ({ op: 'add', path, value: 1 }), 409],
  ['/a/K/x', (path) => ({ op: 'add', path, value: 1 }), 409],
  ['/list/K', (path) => ({ op: 'add', path, value: 1 }), 409],
  ['/K', (path) => ({ op: 'remove', path }), 409],
  ['/a/K', (path) => ({ op: 'remove', path }), 409],
  ['/K/x', (path) => ({ op: 'remove', path }), 409],
  ['/list/K', (path) => ({ op: 'remove', path }), 409],
  ['/K', (path) => ({ op: 'replace', path, value: 1 }), 409],
  ['/a/K', (path) => ({ op: 'replace', path, value: 1 }), 409],
  ['/K/x', (path) => ({ op: 'replace', path, value: 1 }), 409],
  ['/K', (path) => ({ op: 'test', path, value: Object.prototype }), 409],
  ['/a/K', (path) => ({ op: 'test', path, value: {} }), 409],
  ['/K/x', (path) => ({ op: 'test', path, value: 1 }), 409],
  ['/K', (from) => ({ op: 'move', from, path: '/moved' }), 409],
  ['/a/K', (from) => ({ op: 'move', from, path: '/moved' }), 409],
  ['/K', (from) => ({ op: 'copy', from, path: '/copied' }), 409],
  ['/K/x', (from) => ({ op: 'copy', from, path: '/copied' }), 409],
  ['/list/K', (from) => ({ op: 'copy', from, path: '/copied' }), 409],
  ['/K', (path) => ({ op: 'copy', from: '/a', path }), 'ok'],
  ['/K', (path) => ({ op: 'move', from: '/a', path }), 'ok'],
];

describe.each(KEYS)('key %s', (key) => {
  const expand = (template: string): string => template.replaceAll('K', key);

  describe.each([false, true])('json patch (mutate: %s) on a document without it', (mutate) => {
    it.each(absent)('%s: %o', (template, make, expected) => {
      const document = plain();
      const before = JSON.stringify(document);
      const operation = make(expand(template));
      let result: unknown;
      expect(statusOf(() => (result = applyPatch(document, [operation], { mutate })))).toBe(
        expected,
      );
      if (expected === 'ok') {
        // The write made an own data member; the objects kept their prototype.
        const parent = (template.startsWith('/a/') ? own(result, 'a') : result) as object;
        expect(Object.hasOwn(parent, key)).toBe(true);
        expect(Object.getPrototypeOf(parent)).toBe(Object.prototype);
      } else {
        expect(JSON.stringify(document)).toBe(before); // atomic, rolled back
      }
    });
  });

  describe('json patch on a document that has it as an own member', () => {
    it.each<[string, Operation, unknown]>([
      ['replace below it', { op: 'replace', path: `/${key}/x`, value: 2 }, { x: 2 }],
      ['test it', { op: 'test', path: `/a/${key}`, value: 2 }, { x: 1 }],
      ['copy from it', { op: 'copy', from: `/${key}`, path: '/copied' }, { x: 1 }],
      ['add below it', { op: 'add', path: `/${key}/y`, value: 3 }, { x: 1, y: 3 }],
    ])('%s', (_, operation, expected) => {
      const result = applyPatch(owning(key), [operation]);
      expect(own(result, key)).toEqual(expected);
    });

    it('removes and moves it', () => {
      expect(Object.hasOwn(applyPatch(owning(key), [{ op: 'remove', path: `/${key}` }]), key)).toBe(
        false,
      );
      const moved = applyPatch(owning(key), [{ op: 'move', from: `/${key}`, path: '/m' }]);
      expect(own(moved, 'm')).toEqual({ x: 1 });
    });
  });

  it('is not an operation name', () => {
    expect(validatePatch([{ op: key, path: '/a' }])).toEqual([
      {
        pointer: '/0/op',
        detail: 'must be one of "add", "remove", "replace", "move", "copy", "test"',
      },
    ]);
  });

  it.each(['/K', '/a/K', '/K/x', '/list/K'])('JsonPointer %s finds nothing inherited', (t) => {
    const pointer = JsonPointer.parse(expand(t));
    expect(pointer.has(plain())).toBe(false);
    expect(pointer.get(plain())).toBeUndefined();
  });

  it('JsonPointer finds it as an own member', () => {
    expect(JsonPointer.parse(`/${key}/x`).get(owning(key))).toBe(1);
    expect(JsonPointer.parse(`/a/${key}`).get(owning(key))).toBe(2);
  });

  describe('merge patch', () => {
    it.each([
      ['a new member', `{"K":{"x":1}}`, ['K']],
      ['a new nested member', `{"a":{"K":{"x":1}}}`, ['a', 'K']],
    ])('adds %s as own data', (_, text, path) => {
      const result = applyMergePatch(plain(), JSON.parse(expand(text)));
      const parent = path.length === 2 ? own(result, 'a') : result;
      expect(own(parent, key)).toEqual({ x: 1 });
      expect(Object.getPrototypeOf(parent)).toBe(Object.prototype);
    });

    it('removes nothing that is not there, and what is', () => {
      const document = plain();
      expect(applyMergePatch(document, JSON.parse(`{"${key}":null,"a":{"${key}":null}}`))).toBe(
        document,
      );
      const removed = applyMergePatch(owning(key), JSON.parse(`{"${key}":null}`));
      expect(Object.hasOwn(removed as object, key)).toBe(false);
    });

    it('merges into it as an own member only', () => {
      const result = applyMergePatch(owning(key), JSON.parse(`{"${key}":{"y":2}}`));
      expect(own(result, key)).toEqual({ x: 1, y: 2 });
    });
  });

  describe('diffs', () => {
    it('createPatch adds and removes it', () => {
      const withKey = JSON.parse(`{"a":{"b":1,"${key}":2},"list":[1],"${key}":{"x":1}}`) as object;
      expect(createPatch(plain(), withKey)).toEqual([
        { op: 'add', path: `/a/${key}`, value: 2 },
        { op: 'add', path: `/${key}`, value: { x: 1 } },
      ]);
      expect(createPatch(withKey, plain())).toEqual([
        { op: 'remove', path: `/a/${key}` },
        { op: 'remove', path: `/${key}` },
      ]);
      const added = applyPatch(plain(), createPatch(plain(), withKey) as Patch);
      expect(JSON.stringify(added)).toBe(JSON.stringify(withKey));
    });

    it('createMergePatch adds, removes and changes it', () => {
      const patch = createMergePatch(plain(), owning(key));
      expect(own(patch, key)).toEqual({ x: 1 });
      expect(canonical(applyMergePatch(plain(), patch))).toBe(canonical(owning(key)));
      expect(own(createMergePatch(owning(key), plain()), key)).toBeNull();
    });

    it('test compares it as data', () => {
      const document = owning(key);
      const value = JSON.parse(`{"${key}":{"x":1},"a":{"${key}":2}}`) as unknown;
      expect(statusOf(() => applyPatch(document, [{ op: 'test', path: '', value }]))).toBe('ok');
      expect(statusOf(() => applyPatch(plain(), [{ op: 'test', path: '', value }]))).toBe(409);
    });
  });

  describe('policy rules', () => {
    const status = (policy: PatchPolicy, operation: Operation, document = plain()) =>
      statusOf(() => applyPatch(document, [operation], { policy }));

    it.each<[string, PatchPolicy, Operation, number | 'ok']>([
      ['read-only', { readOnly: ['/K'] }, { op: 'add', path: '/K', value: 1 }, 403],
      ['read-only, nested', { readOnly: ['/a/K'] }, { op: 'add', path: '/a/K', value: 1 }, 403],
      ['read-only, other', { readOnly: ['/K'] }, { op: 'add', path: '/other', value: 1 }, 'ok'],
      ['allow', { allow: ['/K'] }, { op: 'add', path: '/K', value: 1 }, 'ok'],
      ['allow, other', { allow: ['/K'] }, { op: 'add', path: '/other', value: 1 }, 403],
      ['deny', { deny: ['/K'] }, { op: 'add', path: '/K', value: 1 }, 403],
      ['hidden', { hidden: ['/K'] }, { op: 'copy', from: '/K', path: '/c' }, 403],
      ['wildcard', { readOnly: ['/*/K'] }, { op: 'add', path: '/a/K', value: 1 }, 403],
    ])('%s', (_, policy, operation, expected) => {
      const expandPolicy = JSON.parse(expand(JSON.stringify(policy))) as PatchPolicy;
      const expandOperation = JSON.parse(expand(JSON.stringify(operation))) as Operation;
      expect(status(expandPolicy, expandOperation)).toBe(expected);
    });

    it('refuses it as an operation name in per-operation rules and in operations', () => {
      const rules = JSON.parse(`{"${key}":["/a"]}`) as PointerRules;
      const operation: Operation = { op: 'add', path: '/b', value: 1 };
      expect(() => applyPatch(plain(), [operation], { policy: { allow: rules } })).toThrow(
        TypeError,
      );
      expect(() => applyPatch(plain(), [operation], { policy: { deny: rules } })).toThrow(
        TypeError,
      );
      const operations = [key] as unknown as OperationType[];
      expect(() => applyPatch(plain(), [operation], { policy: { operations } })).toThrow(TypeError);
    });

    it('checks merge patch members of that name', async () => {
      const request = (body: string): Request =>
        new Request('https://api.test/things/1', {
          method: 'PATCH',
          headers: { 'Content-Type': MERGE_PATCH },
          body,
        });
      const policy = { readOnly: [`/${key}`, `/a/${key}`] };
      for (const body of [`{"${key}":1}`, `{"${key}":null}`, `{"a":{"${key}":{}}}`]) {
        await expect(applyPatchRequest(request(body), plain(), { policy })).rejects.toMatchObject({
          status: 403,
        });
      }
      expect(await applyPatchRequest(request('{"b":1}'), plain(), { policy })).toMatchObject({
        b: 1,
      });
    });
  });
});
