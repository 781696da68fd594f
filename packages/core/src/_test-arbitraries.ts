// Shared fast-check arbitraries for the parser tests. Header-like text is mostly the characters
// the grammar gives meaning to, so properties reach deep into the scanners; any UTF-16 code unit
// (controls, obs-text, lone surrogates) can still appear.
import fc from 'fast-check';

const structural = fc.constantFrom(
  '"',
  '\\',
  ',',
  ';',
  '=',
  ' ',
  '\t',
  'W',
  '/',
  '*',
  'q',
  '0',
  '1',
  '.',
  'a',
  'Z',
  '-',
);
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));

/** Any string, biased towards header syntax. */
export const headerText: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof({ arbitrary: structural, weight: 3 }, { arbitrary: anyCodeUnit, weight: 1 }),
  maxLength: 60,
});

const tchar = fc.constantFrom(
  ..."!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".split(''),
);

/** An RFC 9110 token. */
export const token: fc.Arbitrary<string> = fc.string({ unit: tchar, minLength: 1, maxLength: 12 });
