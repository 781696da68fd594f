// Every walk of the package over 10,000- and 100,000-deep input (hardening issue, item 2): each
// one answers a clear HttpError (413 over the depth limit, 422 where createMergePatch cannot
// express the target) or does its work, and never overflows the stack (a RangeError, a 500).
// Inputs are built in loops: a recursive builder or JSON.stringify would overflow first.
import { describe, expect, it } from 'vitest';
import { isHttpError } from '@fielding/problem-errors';
import {
  JSON_PATCH,
  JsonPointer,
  MERGE_PATCH,
  applyMergePatch,
  applyPatch,
  applyPatchWithInverse,
  createMergePatch,
  createPatch,
  patchResource,
  validatePatch,
  type Operation,
  type PatchRequestOptions,
} from '../src/index.js';

type Nested = { a: Nested } | { a: unknown };

/** `{ a: { a: … leaf } }`, `depth` objects deep. */
function nestObjects(depth: number, leaf: unknown = 1): Nested {
  let value: unknown = leaf;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value as Nested;
}

/** `[[… leaf]]`, `depth` arrays deep. */
function nestArrays(depth: number, leaf: unknown = 1): unknown[] {
  let value: unknown = leaf;
  for (let level = 0; level < depth; level++) value = [value];
  return value as unknown[];
}

/** The JSON text of {@link nestObjects} / {@link nestArrays}, without JSON.stringify. */
const objectsText = (depth: number, leaf = '1'): string =>
  '{"a":'.repeat(depth) + leaf + '}'.repeat(depth);
const arraysText = (depth: number): string => '['.repeat(depth) + '1' + ']'.repeat(depth);

/** `/a/a/…/a`, `depth` tokens. */
const deepPath = (depth: number, token = 'a'): string => `/${token}`.repeat(depth);

/** Walks `a` members (or first elements) down; returns how deep it went and the leaf. */
function descend(value: unknown): { depth: number; leaf: unknown } {
  let depth = 0;
  let node = value;
  for (;;) {
    if (Array.isArray(node) && node.length === 1) node = node[0];
    else if (typeof node === 'object' && node !== null && 'a' in node)
      node = (node as { a: unknown }).a;
    else return { depth, leaf: node };
    depth++;
  }
}

/**
 * Runs `run`; an HttpError or a Response becomes its status, anything else thrown fails the test.
 */
async function outcome(run: () => unknown): Promise<{ status?: number; value?: unknown }> {
  try {
    const value = await run();
    return value instanceof Response ? { status: value.status } : { value };
  } catch (error) {
    if (isHttpError(error)) return { status: error.status };
    throw error;
  }
}

const unlimited = { limits: { maxDepth: Number.POSITIVE_INFINITY } };

/** The answer of a PATCH endpoint (which serialises its result) to `body`. */
async function patchStatus(
  body: string,
  contentType: string,
  options: PatchRequestOptions = {},
): Promise<Response> {
  const handler = patchResource({ load: () => ({ a: 0 }), save: () => undefined, ...options });
  return await handler(
    new Request('https://api.test/things/1', {
      method: 'PATCH',
      headers: { 'Content-Type': contentType },
      body,
    }),
  );
}

const policy = { readOnly: ['/id'] };

/** A walk, the input it gets at depth `n`, and what it must answer: a status or a check. */
const walks: Array<
  [string, (n: number) => unknown, number | ((value: unknown, n: number) => void)]
> = [
  ['PATCH merge patch, objects, no policy', (n) => patchStatus(objectsText(n), MERGE_PATCH), 413],
  [
    'PATCH merge patch, objects, with a policy',
    (n) => patchStatus(objectsText(n), MERGE_PATCH, { policy }),
    413,
  ],
  [
    'PATCH merge patch, an array member, no policy',
    (n) => patchStatus(`{"b":${arraysText(n)}}`, MERGE_PATCH),
    413,
  ],
  [
    'PATCH merge patch, an array member, with a policy',
    (n) => patchStatus(`{"b":${arraysText(n)}}`, MERGE_PATCH, { policy }),
    413,
  ],
  [
    'PATCH json patch, value',
    (n) => patchStatus(`[{"op":"add","path":"/b","value":${objectsText(n)}}]`, JSON_PATCH),
    413,
  ],
  [
    'PATCH json patch, path, with a policy',
    (n) => patchStatus(`[{"op":"remove","path":"${deepPath(n)}"}]`, JSON_PATCH, { policy }),
    413,
  ],
  [
    'applyPatch, test value',
    (n) => applyPatch({}, [{ op: 'test', path: '', value: nestArrays(n) }]),
    413,
  ],
  [
    'validatePatch, value',
    (n) => validatePatch([{ op: 'replace', path: '/a', value: nestObjects(n) }]),
    (issues) => expect(issues).toEqual([{ pointer: '/0/value', detail: 'nests deeper than 100' }]),
  ],
  ['applyMergePatch, objects', (n) => applyMergePatch({}, nestObjects(n)), 413],
  ['applyMergePatch, arrays', (n) => applyMergePatch({}, { b: nestArrays(n) }), 413],
  [
    'applyMergePatch without a depth limit, into a deep target',
    (n) =>
      applyMergePatch(nestObjects(n, { x: 1 }), nestObjects(n, { y: 2 }), {
        maxDepth: Number.POSITIVE_INFINITY,
      }),
    (value, n) => expect(descend(value)).toEqual({ depth: n, leaf: { x: 1, y: 2 } }),
  ],
  [
    'createPatch, objects',
    (n) => createPatch(nestObjects(n, 1), nestObjects(n, 2)),
    (value, n) => expect(value).toEqual([{ op: 'replace', path: deepPath(n), value: 2 }]),
  ],
  [
    'createPatch, arrays (head and tail comparison)',
    (n) => createPatch([nestArrays(n, 1), 'x'], [nestArrays(n, 2), 'x']),
    (value, n) =>
      expect(value).toEqual([{ op: 'replace', path: `/0${deepPath(n, '0')}`, value: 2 }]),
  ],
  [
    'createPatch, equal deep documents',
    (n) => createPatch(nestObjects(n, [1]), nestObjects(n, [1])),
    (value) => expect(value).toEqual([]),
  ],
  [
    'createMergePatch, objects',
    (n) => createMergePatch(nestObjects(n, 1), nestObjects(n, 2)),
    (value, n) => expect(descend(value)).toEqual({ depth: n, leaf: 2 }),
  ],
  [
    'createMergePatch, a new deep member holding null',
    (n) => createMergePatch({}, { b: nestObjects(n, null) }),
    422,
  ],
  [
    'applyPatch without a depth limit, test against a deep document',
    (n) => applyPatch(nestObjects(n), [{ op: 'test', path: '', value: nestObjects(n) }], unlimited),
    (value, n) => expect(descend(value).depth).toBe(n),
  ],
  [
    'applyPatch in place, copy of a deep member',
    (n) =>
      applyPatch({ b: nestObjects(n) }, [{ op: 'copy', from: '/b', path: '/c' }], { mutate: true }),
    (value, n) => {
      const { b, c } = value as { b: unknown; c: unknown };
      expect(c === b).toBe(false); // not.toBe(b) would compare them deeply, recursively
      expect(descend(c).depth).toBe(n);
    },
  ],
  [
    'applyPatch in place without a depth limit, add of a deep value',
    (n) =>
      applyPatch({}, [{ op: 'add', path: '/b', value: nestObjects(n) }], {
        ...unlimited,
        mutate: true,
      }),
    (value, n) => expect(descend((value as { b: unknown }).b).depth).toBe(n),
  ],
  [
    'applyPatch without a depth limit, copy of a deep written spine',
    (n) =>
      applyPatch(
        nestObjects(n),
        [
          { op: 'replace', path: deepPath(n), value: 2 },
          { op: 'copy', from: '', path: '/b' },
        ],
        unlimited,
      ),
    (value, n) => {
      const { a, b } = value as { a: unknown; b: unknown };
      expect(descend(a)).toEqual({ depth: n - 1, leaf: 2 });
      expect(descend((b as { a: unknown }).a)).toEqual({ depth: n - 1, leaf: 2 });
    },
  ],
  [
    'applyPatchWithInverse without a depth limit, remove at a deep path',
    (n) =>
      applyPatchWithInverse(nestObjects(n), [{ op: 'remove', path: deepPath(n) }], {
        ...unlimited,
        policy: { readOnly: ['/b'] },
      }),
    (value, n) => {
      const { document, inverse } = value as { document: unknown; inverse: Operation[] };
      expect(descend(document)).toEqual({ depth: n - 1, leaf: {} });
      expect(inverse).toEqual([{ op: 'add', path: deepPath(n), value: 1 }]);
    },
  ],
  [
    'JsonPointer.get',
    (n) => JsonPointer.parse(deepPath(n)).get(nestObjects(n, 'leaf')),
    (value) => expect(value).toBe('leaf'),
  ],
];

describe.each([10_000, 100_000])('%i levels deep', (n) => {
  it.each(walks)('%s', async (_, run, expected) => {
    const result = await outcome(() => run(n));
    // Never hand a deep value to expect(): its diff printer recurses.
    if (typeof expected === 'number') expect(result.status ?? 'a result').toBe(expected);
    else {
      expect(result.status).toBeUndefined();
      expected(result.value, n);
    }
  });
});
