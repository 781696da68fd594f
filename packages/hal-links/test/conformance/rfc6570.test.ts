// The public RFC 6570 suite (uritemplate-test) against the expansion this package exposes.
// A case passes when the output equals the expected string, is one of the listed alternatives
// (object member order is not fixed), or, for `false`, when parsing or expansion throws.
import { afterAll, describe, expect, it } from 'vitest';
import {
  ExpansionError,
  parseUriTemplate,
  UriTemplateError,
  type TemplateValues,
} from '../../src/index.js';
import { readConformance } from '../../../../test-utils/conformance.js';

interface Group {
  level?: number;
  variables: TemplateValues;
  testcases: [string, string | string[] | false][];
}

const FILES = {
  'spec-examples': 64,
  'spec-examples-by-section': 117,
  'extended-tests': 53,
  'negative-tests': 36,
} as const;

const load = (file: string): Record<string, Group> =>
  readConformance<Record<string, Group>>('uritemplate-test', `${file}.json`);

const run = (template: string, variables: TemplateValues): string | Error => {
  try {
    return parseUriTemplate(template).expand(variables);
  } catch (error) {
    return error as Error;
  }
};

const passes = (actual: string | Error, expected: string | string[] | false): boolean =>
  expected === false
    ? actual instanceof UriTemplateError || actual instanceof ExpansionError
    : typeof actual === 'string' &&
      (Array.isArray(expected) ? expected.includes(actual) : actual === expected);

const summary: string[] = [];

describe.each(Object.entries(FILES))('uritemplate-test %s.json', (file, total) => {
  const groups = load(file);
  const cases = Object.entries(groups).flatMap(([group, { variables, testcases }]) =>
    testcases.map(([template, expected]) => ({ group, template, expected, variables })),
  );
  let passed = 0;

  it(`has ${total} cases`, () => {
    expect(cases).toHaveLength(total);
  });

  it.each(cases)('$group: $template', ({ template, expected, variables }) => {
    const actual = run(template, variables);
    if (passes(actual, expected)) passed += 1;
    if (expected === false) expect(passes(actual, false)).toBe(true);
    else if (Array.isArray(expected)) expect(expected).toContain(actual);
    else expect(actual).toBe(expected);
  });

  afterAll(() => {
    summary.push(`${file}.json: ${passed}/${cases.length} passed`);
  });
});

afterAll(() => {
  console.log(`RFC 6570 uritemplate-test\n${summary.join('\n')}`);
});
