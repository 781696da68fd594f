// fast-check properties across the package (issue 8: diff round trips, atomicity, no pollution).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHttpError } from '@fielding/problem-errors';
import {
  applyMergePatch,
  applyPatch,
  applyPatchWithInverse,
  createMergePatch,
  createPatch,
  type Operation,
} from '../src/index.js';

const json = fc.jsonValue({ maxDepth: 4 });

/** JSON values that RFC 7396 can express: no object member is null. */
const mergeable: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.oneof(fc.boolean(), fc.integer(), fc.string()),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 5 }),
  ),
})).value;

const key = fc.constantFrom(
  'a',
  'b',
  '0',
  '1',
  '-',
  '__proto__',
  'constructor',
  'prototype',
  'x~y',
  'a/b',
);
const pointer = fc
  .array(key, { maxLength: 4 })
  .map((tokens) =>
    tokens.map((token) => '/' + token.replaceAll('~', '~0').replaceAll('/', '~1')).join(''),
  );
const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), path: pointer, value: json }),
  fc.record({ op: fc.constant('remove' as const), path: pointer }),
  fc.record({ op: fc.constant('replace' as const), path: pointer, value: json }),
  fc.record({ op: fc.constant('move' as const), from: pointer, path: pointer }),
  fc.record({ op: fc.constant('copy' as const), from: pointer, path: pointer }),
  fc.record({ op: fc.constant('test' as const), path: pointer, value: json }),
);
const document = fc.dictionary(key, json, { maxKeys: 6 });

// Arrays of arrays and array pointers, so insertions and removals meet nested arrays, copies, moves
// and tests of arrays edited earlier in the same patch (the default mode folds the first edit of an
// array into its copy; mutate mode edits the arrays themselves and undoes on failure).
const nestedArrays: fc.Arbitrary<unknown[]> = fc.array(
  fc.oneof(
    fc.integer({ min: 0, max: 9 }),
    fc.array(fc.oneof(fc.integer({ min: 0, max: 9 }), fc.array(fc.integer(), { maxLength: 3 })), {
      maxLength: 4,
    }),
  ),
  { maxLength: 5 },
);
const arrayPointer = fc
  .array(fc.constantFrom('0', '1', '2', '-'), { minLength: 1, maxLength: 3 })
  .map((tokens) => '/' + tokens.join('/'));
const small = fc.oneof(fc.integer({ min: 0, max: 9 }), nestedArrays);
const arrayOperation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), path: arrayPointer, value: small }),
  fc.record({ op: fc.constant('remove' as const), path: arrayPointer }),
  fc.record({ op: fc.constant('replace' as const), path: arrayPointer, value: small }),
  fc.record({ op: fc.constant('move' as const), from: arrayPointer, path: arrayPointer }),
  fc.record({ op: fc.constant('copy' as const), from: arrayPointer, path: arrayPointer }),
  fc.record({ op: fc.constant('test' as const), path: arrayPointer, value: small }),
);

/** Freezes a value and everything in it: a write to it, even one undone later, throws. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** Every container of a document with the path that leads to it. */
function containers(value: unknown, path: (string | number)[] = []): [unknown[], unknown][] {
  if (typeof value !== 'object' || value === null) return [];
  const found: [unknown[], unknown][] = [[path, value]];
  for (const [key, child] of Object.entries(value))
    found.push(...containers(child, [...path, key]));
  return found;
}

describe('properties', () => {
  it('apply(createPatch(a, b), a) deep-equals b', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(applyPatch(a, createPatch(a, b))).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  it('applyMergePatch(a, createMergePatch(a, b)) deep-equals b', () => {
    fc.assert(
      fc.property(mergeable, mergeable, (a, b) => {
        expect(applyMergePatch(a, createMergePatch(a, b))).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  it('a patch never changes its input, and a failing one fails as an HttpError (both modes)', () => {
    fc.assert(
      fc.property(document, fc.array(operation, { maxLength: 6 }), (doc, patch) => {
        const snapshot = structuredClone(doc);
        let immutable: unknown;
        try {
          immutable = applyPatch(doc, patch);
        } catch (error) {
          expect(isHttpError(error)).toBe(true);
        }
        expect(doc).toEqual(snapshot);
        const copy = structuredClone(doc);
        try {
          const mutated = applyPatch(copy, patch, { mutate: true });
          expect(mutated).toEqual(immutable);
        } catch (error) {
          expect(isHttpError(error)).toBe(true);
          expect(copy).toEqual(snapshot);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('mutate mode on nested arrays: the same result as the default, or every container left as it was', () => {
    fc.assert(
      fc.property(nestedArrays, fc.array(arrayOperation, { maxLength: 8 }), (doc, patch) => {
        let immutable: unknown;
        let failed = false;
        try {
          immutable = applyPatch(doc, patch);
        } catch (error) {
          expect(isHttpError(error)).toBe(true);
          failed = true;
        }
        const copy = structuredClone(doc);
        const before = containers(copy);
        try {
          const mutated = applyPatch(copy, patch, { mutate: true });
          expect(failed).toBe(false);
          expect(mutated).toEqual(immutable);
        } catch (error) {
          expect(isHttpError(error)).toBe(true);
          expect(failed).toBe(true);
          expect(copy).toEqual(doc);
          for (const [path, container] of before) {
            let node: unknown = copy;
            for (const key of path) node = (node as Record<string, unknown>)[key as string];
            expect(node).toBe(container);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['objects', document, operation],
    ['nested arrays', nestedArrays, arrayOperation],
  ] as const)(
    'the default mode never writes to its input or the patch, not even for a moment (%s)',
    (_, documents, operations) => {
      fc.assert(
        fc.property(documents, fc.array(operations, { maxLength: 8 }), (doc, patch) => {
          const snapshot = structuredClone(doc);
          const patchSnapshot = structuredClone(patch);
          // A write to a frozen value throws a TypeError in strict code, which is not an HttpError.
          const frozen = deepFreeze(structuredClone(doc));
          try {
            applyPatch(frozen, deepFreeze(structuredClone(patch)));
          } catch (error) {
            expect(isHttpError(error)).toBe(true);
          }
          expect(frozen).toEqual(snapshot);
          let immutable: unknown;
          try {
            immutable = applyPatch(doc, patch);
          } catch {
            return;
          }
          expect(doc).toEqual(snapshot);
          expect(patch).toEqual(patchSnapshot);
          expect(applyPatch(structuredClone(doc), patch, { mutate: true })).toEqual(immutable);
        }),
        { numRuns: 2000 },
      );
    },
  );

  it('the inverse patch restores the input', () => {
    fc.assert(
      fc.property(document, fc.array(operation, { maxLength: 6 }), (doc, patch) => {
        let result;
        try {
          result = applyPatchWithInverse(doc, patch);
        } catch {
          return;
        }
        expect(applyPatch(result.document, result.inverse)).toEqual(doc);
      }),
      { numRuns: 1000 },
    );
  });

  it('no patch changes Object.prototype', () => {
    const names = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(
        document,
        fc.array(operation, { maxLength: 6 }),
        fc.boolean(),
        (doc, patch, mutate) => {
          try {
            applyPatch(doc, patch, { mutate });
          } catch {
            // failures are fine; pollution is not
          }
          applyMergePatch(doc, patch[0] && 'value' in patch[0] ? patch[0].value : doc);
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(names);
          expect(({} as Record<string, unknown>).a).toBeUndefined();
        },
      ),
      { numRuns: 1000 },
    );
  });
});
