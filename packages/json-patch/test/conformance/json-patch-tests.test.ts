// The public json-patch-tests suite (RFC 6902), read at test time (see test-utils/conformance.ts).
import { afterAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@fielding/problem-errors';
import { applyPatch, applyPatchWithInverse, type Patch } from '../../src/index.js';
import { readConformance } from '../../../../test-utils/conformance.js';

interface Record_ {
  comment?: string;
  doc: unknown;
  patch: unknown;
  expected?: unknown;
  error?: string;
  disabled?: boolean;
}

const load = (file: string): Record_[] => readConformance<Record_[]>('json-patch-tests', file);

const suites = { 'tests.json': load('tests.json'), 'spec_tests.json': load('spec_tests.json') };

describe.each(Object.entries(suites))('json-patch-tests %s', (file, records) => {
  const results = { passed: 0, failed: 0, disabled: 0 };
  afterAll(() => {
    console.log(
      `json-patch-tests ${file}: ${results.passed}/${records.length - results.disabled} enabled cases pass, ${results.disabled} disabled`,
    );
  });

  it('fixture has the documented record count', () => {
    expect(records.length).toBe(file === 'tests.json' ? 95 : 17);
  });

  const enabled = records
    .map((record, index) => ({
      record,
      title: `record ${index}: ${record.comment ?? record.error ?? 'untitled'}`,
    }))
    .filter(({ record }) => !record.disabled);
  results.disabled = records.length - enabled.length;

  it.each(enabled)('$title', ({ record }) => {
    const before = structuredClone(record.doc);
    if (record.error !== undefined) {
      let caught: unknown;
      try {
        applyPatch(record.doc, record.patch as Patch);
      } catch (error) {
        caught = error;
      }
      expect(isHttpError(caught), record.error).toBe(true);
      expect(record.doc).toEqual(before);
      results.passed++;
      return;
    }
    const result = applyPatch(record.doc, record.patch as Patch);
    expect(result).toEqual(record.expected);
    expect(record.doc).toEqual(before);
    // The in-place mode reaches the same result.
    expect(
      applyPatch(structuredClone(record.doc), record.patch as Patch, { mutate: true }),
    ).toEqual(record.expected);
    // And the inverse patch undoes it.
    const { document, inverse } = applyPatchWithInverse(record.doc, record.patch as Patch);
    expect(applyPatch(document, inverse)).toEqual(before);
    results.passed++;
  });

  // Disabled records: the ones without `error` describe valid RFC behaviour (a scalar root, a test
  // on ""), and we pass them too. The ones with `error` need a patch with two "op" members, which
  // no parsed JSON value can hold (JSON.parse keeps the last), so they cannot be run here.
  it.each(records.filter((record) => record.disabled && record.error === undefined))(
    'disabled record still applies: $comment',
    (record) => {
      const result = applyPatch(record.doc, record.patch as Patch);
      expect(result).toEqual('expected' in record ? record.expected : record.doc);
    },
  );
});
