// leadpony/jsonp-test-suite (Jakarta JSON-P) JSON Patch and JSON Pointer files. Its README warns
// that some expectations follow the JSON-P API rather than an RFC; those cases are listed in
// RFC_DIFFERENCES with the RFC rule we follow instead, and asserted to behave that way.
import { afterAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@fielding/problem-errors';
import { JsonPointer, applyPatch, type Operation, type Patch } from '../../src/index.js';
import { readConformance } from '../../../../test-utils/conformance.js';

const conformance = (file: string): unknown => readConformance('leadpony-jsonp-test-suite', file);

function failure(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

interface PatchCase {
  title: string;
  json: unknown;
  patch: unknown;
  result?: unknown;
  skip?: boolean;
}

const patchCases = [
  ...(conformance('json-patch.json') as PatchCase[]).map((c) => ({ ...c, file: 'json-patch' })),
  ...(conformance('json-patch-malformed.json') as PatchCase[]).map((c) => ({
    ...c,
    file: 'json-patch-malformed',
  })),
  ...(conformance('rfc6902-examples.json') as PatchCase[]).map((c) => ({
    ...c,
    file: 'rfc6902-examples',
  })),
];

describe('leadpony json-patch', () => {
  let passed = 0;
  const run = patchCases.filter((c) => !c.skip);
  afterAll(() =>
    console.log(
      `leadpony json-patch: ${passed}/${run.length} cases pass (${patchCases.length - run.length} marked skip)`,
    ),
  );

  it('fixture has 7 + 4 + 16 cases', () => expect(patchCases).toHaveLength(27));

  it.each(run)('$file: $title', ({ json, patch, result }) => {
    const before = structuredClone(json);
    if (result === undefined) {
      expect(isHttpError(failure(() => applyPatch(json, patch as Patch)))).toBe(true);
    } else {
      expect(applyPatch(json, patch as Patch)).toEqual(result);
    }
    expect(json).toEqual(before);
    passed++;
  });
});

interface PointerGroup {
  json: unknown;
  tests: { description?: string; pointer: string; value?: unknown; result?: unknown }[];
}

const pointerCases = (file: string, op: 'add' | 'remove' | 'replace' | 'get') =>
  (conformance(file) as PointerGroup[]).flatMap((group) =>
    group.tests.map((test) => ({
      ...test,
      json: group.json,
      op,
      title: `${op} ${JSON.stringify(test.pointer)}`,
    })),
  );

const allPointerCases = [
  ...pointerCases('json-pointer.json', 'get'),
  ...pointerCases('json-pointer-add.json', 'add'),
  ...pointerCases('json-pointer-remove.json', 'remove'),
  ...pointerCases('json-pointer-replace.json', 'replace'),
];

/**
 * Where JSON-P expects an error and RFC 6902 defines a result: add "" (§4.1: "the value to be
 * added … replaces the target document") and replace "" (§4.3) set the whole document;
 * json-patch-tests expects both. Keyed by `op pointer` of each case.
 */
const RFC_DIFFERENCES = new Set(['replace ""', 'add ""']);

describe('leadpony json-pointer', () => {
  let passed = 0;
  let different = 0;
  afterAll(() =>
    console.log(
      `leadpony json-pointer: ${passed}/${allPointerCases.length} cases pass as written, ${different} follow RFC 6902 instead (add/replace "" set the whole document)`,
    ),
  );

  it('fixture has 16 + 46 + 16 + 30 cases', () => expect(allPointerCases).toHaveLength(108));

  it.each(allPointerCases)('$title', (test) => {
    const { json, op, pointer } = test;
    const before = structuredClone(json);
    if (op === 'get') {
      const parsed = JsonPointer.parse(pointer);
      if ('value' in test) {
        expect(parsed.has(json)).toBe(true);
        expect(parsed.get(json)).toEqual(test.value);
      } else {
        expect(parsed.has(json)).toBe(false);
      }
      passed++;
      return;
    }
    const operation = (
      op === 'remove' ? { op, path: pointer } : { op, path: pointer, value: test.value }
    ) as Operation;
    if (test.result === undefined && RFC_DIFFERENCES.has(test.title)) {
      expect(applyPatch(json, [operation])).toEqual(test.value);
      different++;
    } else if (test.result === undefined) {
      expect(isHttpError(failure(() => applyPatch(json, [operation])))).toBe(true);
      passed++;
    } else {
      expect(applyPatch(json, [operation])).toEqual(test.result);
      passed++;
    }
    expect(json).toEqual(before);
  });
});
