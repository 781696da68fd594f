// RFC 7396 §1, §3 and Appendix A examples, plus leadpony/jsonp-test-suite's merge-patch files.
import { afterAll, describe, expect, it } from 'vitest';
import { applyMergePatch, createMergePatch } from '../../src/index.js';
import { readConformance } from '../../../../test-utils/conformance.js';

const conformance = (path: string): unknown => {
  const [suite = '', file = ''] = path.split('/');
  return readConformance(suite, file);
};

interface Example {
  comment: string;
  doc: unknown;
  patch: unknown;
  expected: unknown;
}
interface Group {
  source: unknown;
  tests: { description: string; patch: unknown; target: unknown }[];
}

const examples = conformance('rfc7396-merge-patch/rfc7396-examples.json') as Example[];
const leadpony = [
  ...(conformance('leadpony-jsonp-test-suite/json-merge-patch.json') as Group[]),
  ...(conformance('leadpony-jsonp-test-suite/rfc7396-examples.json') as Group[]),
].flatMap((group) => group.tests.map((test) => ({ ...test, source: group.source })));

describe('rfc 7396 examples', () => {
  let passed = 0;
  afterAll(() => console.log(`rfc7396 examples: ${passed}/${examples.length} cases pass`));

  it('fixture has 17 cases', () => expect(examples).toHaveLength(17));

  it.each(examples)('$comment', ({ doc, patch, expected }) => {
    const before = structuredClone(doc);
    expect(applyMergePatch(doc, patch)).toEqual(expected);
    expect(doc).toEqual(before);
    passed++;
  });
});

describe('leadpony json-merge-patch', () => {
  let passed = 0;
  afterAll(() => console.log(`leadpony json-merge-patch: ${passed}/${leadpony.length} cases pass`));

  it('fixture has 26 + 2 cases', () => expect(leadpony).toHaveLength(28));

  it.each(leadpony)('$description', ({ source, patch, target }) => {
    const before = structuredClone(source);
    expect(applyMergePatch(source, patch)).toEqual(target);
    expect(source).toEqual(before);
    // createMergePatch reproduces the target whenever RFC 7396 can express it (no null members).
    if (!JSON.stringify(target).includes('null')) {
      expect(applyMergePatch(source, createMergePatch(source, target))).toEqual(target);
    }
    passed++;
  });
});
