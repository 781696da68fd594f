import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './_json-error.js';

describe('findJsonSyntaxError', () => {
  it.each([
    ['', 0, 'a value, not the end'],
    ['{', 1, 'a member name string'],
    ['{"a"', 4, "':'"],
    ['{"a":1,}', 7, 'a member name string'],
    ['{"a":1 "b":2}', 7, "',' or '}'"],
    ['[1 2]', 3, "',' or ']'"],
    ['[1,', 3, 'a value, not the end'],
    ['tru', 3, "'true'"],
    ['nul', 3, "'null'"],
    ['fals', 4, "'false'"],
    ['-', 1, 'a digit'],
    ['01', 1, 'end of input'],
    ['1.', 2, 'a digit'],
    ['1e', 2, 'a digit'],
    ['1e+', 3, 'a digit'],
    ['"abc', 4, "a closing '\"'"],
    ['"a\nb"', 2, 'an escaped control character'],
    ['"\\x"', 2, 'an escape character'],
    ['"\\', 2, 'an escape character'],
    ['"\\u12g4"', 5, 'a hexadecimal digit'],
    ['[] []', 3, 'end of input'],
    ['{"a":[1,{"b":}]}', 13, 'a value'],
    ["{'a':1}", 1, 'a member name string'],
    ['NaN', 0, 'a value'],
  ])('%j fails at %i expecting %s', (text, offset, expected) => {
    expect(findJsonSyntaxError(text)).toMatchObject({ offset, expected });
  });

  it('counts lines and columns', () => {
    expect(findJsonSyntaxError('{\n"a":\n  x}')).toEqual({
      offset: 9,
      line: 3,
      column: 3,
      expected: 'a value',
    });
  });

  it.each(['{}', '[]', ' {"a" : [1, -2.5e+3, true, false, null, "\\u00e9\\n"]} ', '"x"', '0'])(
    'accepts %j',
    (text) => {
      expect(findJsonSyntaxError(text)).toBeUndefined();
    },
  );

  it('agrees with JSON.parse on any text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.json().map((text) => text.slice(0, -1)),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          expect(findJsonSyntaxError(text) === undefined).toBe(valid);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('handles deep nesting without recursion', () => {
    expect(findJsonSyntaxError('['.repeat(200_000))).toMatchObject({ offset: 200_000 });
  });
});
