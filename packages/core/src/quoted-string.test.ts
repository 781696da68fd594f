import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerText } from './_test-arbitraries.js';
import { isToken, parseQuotedString, quoteString } from './quoted-string.js';

// Every character a quoted-string can carry: HTAB, SP, VCHAR, obs-text.
const quotable = fc.oneof(
  fc.constantFrom('\t', ' ', '"', '\\'),
  fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
);

describe('isToken', () => {
  it.each([
    ['gzip', true],
    ["!#$%&'*+-.^_`|~09azAZ", true],
    ['', false],
    ['a b', false],
    ['a,b', false],
    ['"a"', false],
    ['a/b', false],
    ['é', false],
    ['a\u0000', false],
  ])('§5.6.2 %j → %s', (value, expected) => {
    expect(isToken(value)).toBe(expected);
  });

  it('answers false for a non-string', () => {
    expect(isToken(42 as unknown as string)).toBe(false);
  });
});

describe('parseQuotedString', () => {
  it.each([
    ['"a\\"b"', 'a"b'],
    ['"a\\\\b"', 'a\\b'],
    ['""', ''],
    ['"a, b; c=d"', 'a, b; c=d'],
    ['"\\a\\b"', 'ab'],
    ['"tab\there"', 'tab\there'],
    [' "padded" ', 'padded'],
    ['"caf\u00e9"', 'caf\u00e9'],
    ['token', 'token'],
    ['  token\t', 'token'],
  ])('§5.6.4 reads %j as %j', (input, expected) => {
    expect(parseQuotedString(input)).toBe(expected);
  });

  it.each([
    ['"open'],
    ['"a"b'],
    ['"a" "b"'],
    ['"ends in \\'],
    ['"ctl\u0001"'],
    ['"\\\u0001"'],
    ['"wide\u0100"'],
    ['not a token'],
    [''],
    ['"'],
  ])('§5.6.4 rejects %j', (input) => {
    expect(parseQuotedString(input)).toBeUndefined();
  });

  it('answers undefined for a non-string', () => {
    expect(parseQuotedString(undefined as unknown as string)).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(headerText, (value) => {
        const result = parseQuotedString(value);
        expect(result === undefined || typeof result === 'string').toBe(true);
      }),
    );
  });
});

describe('quoteString', () => {
  it.each([
    ['utf-8', 'utf-8'],
    ['', '""'],
    ['a b', '"a b"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['a,b', '"a,b"'],
  ])('§5.6.4 serialises %j as %j', (input, expected) => {
    expect(quoteString(input)).toBe(expected);
  });

  it.each([['line\nbreak'], ['nul\u0000'], ['del\u007f'], ['snow\u2603']])(
    'throws a TypeError for %j',
    (input) => {
      expect(() => quoteString(input)).toThrow(TypeError);
    },
  );

  it('round-trips through parseQuotedString', () => {
    fc.assert(
      fc.property(fc.string({ unit: quotable, maxLength: 40 }), (text) => {
        expect(parseQuotedString(quoteString(text))).toBe(text);
      }),
    );
  });
});
