import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHttpError } from '@fielding/problem-errors';
import {
  JsonPointer,
  escapePointerToken,
  formatPointer,
  parseArrayIndex,
  parsePointer,
  tryParsePointer,
} from './json-pointer.js';

// RFC 6901 §5 document.
const rfcDocument = {
  foo: ['bar', 'baz'],
  '': 0,
  'a/b': 1,
  'c%d': 2,
  'e^f': 3,
  'g|h': 4,
  'i\\j': 5,
  'k"l': 6,
  ' ': 7,
  'm~n': 8,
};

describe('parsePointer', () => {
  it.each([
    ['', []],
    ['/foo', ['foo']],
    ['/foo/0', ['foo', '0']],
    ['/', ['']],
    ['/a~1b', ['a/b']],
    ['/m~0n', ['m~n']],
    ['/~01', ['~1']],
    ['/~10', ['/0']],
    ['//', ['', '']],
    ['/a/', ['a', '']],
  ])('rfc 6901 §3: %j → %j', (pointer, tokens) => {
    expect(parsePointer(pointer)).toEqual(tokens);
    expect(formatPointer(tokens)).toBe(pointer);
  });

  it.each(['a', 'foo/bar', '/~', '/~2', '/a~', '#/a'])('rejects %j with a 400', (pointer) => {
    expect(tryParsePointer(pointer)).toBeUndefined();
    let caught: unknown;
    try {
      parsePointer(pointer);
    } catch (error) {
      caught = error;
    }
    expect(isHttpError(caught) && caught.status).toBe(400);
  });

  it('rejects non-strings without throwing', () => {
    expect(tryParsePointer(42 as unknown as string)).toBeUndefined();
  });

  it('never throws on any string (property)', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const tokens = tryParsePointer(value);
        if (tokens !== undefined) expect(formatPointer(tokens)).toBe(value);
      }),
    );
  });

  it('round-trips format → parse for any tokens (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', '~', '/', '0', '1', 'é', ' ') })),
        (tokens) => {
          expect(parsePointer(formatPointer(tokens))).toEqual(tokens);
          expect(JsonPointer.fromFragment(new JsonPointer(tokens).toFragment()).tokens).toEqual(
            tokens,
          );
        },
      ),
    );
  });
});

describe('escapePointerToken', () => {
  it('escapes ~ before /', () => {
    expect(escapePointerToken('~/')).toBe('~0~1');
    expect(escapePointerToken('plain')).toBe('plain');
  });
  it('formats numbers as decimal index tokens', () => {
    expect(formatPointer(['a', 3])).toBe('/a/3');
  });
});

describe('parseArrayIndex', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['10', 10],
    ['01', -1],
    ['00', -1],
    ['-1', -1],
    ['-', -1],
    ['1e0', -1],
    [' 1', -1],
    ['', -1],
    ['1234567890123456', -1],
  ])('rfc 6901 §4: %j → %d', (token, index) => {
    expect(parseArrayIndex(token)).toBe(index);
  });
});

describe('JsonPointer', () => {
  it.each([
    ['', rfcDocument],
    ['/foo', ['bar', 'baz']],
    ['/foo/0', 'bar'],
    ['/', 0],
    ['/a~1b', 1],
    ['/c%d', 2],
    ['/e^f', 3],
    ['/g|h', 4],
    ['/i\\j', 5],
    ['/k"l', 6],
    ['/ ', 7],
    ['/m~0n', 8],
  ])('rfc 6901 §5: get %j', (pointer, value) => {
    const parsed = JsonPointer.parse(pointer);
    expect(parsed.get(rfcDocument)).toEqual(value);
    expect(parsed.has(rfcDocument)).toBe(true);
    expect(parsed.toString()).toBe(pointer);
  });

  it.each([
    ['#', ''],
    ['#/foo', '/foo'],
    ['#/foo/0', '/foo/0'],
    ['#/', '/'],
    ['#/a~1b', '/a~1b'],
    ['#/c%25d', '/c%d'],
    ['#/e%5Ef', '/e^f'],
    ['#/g%7Ch', '/g|h'],
    ['#/i%5Cj', '/i\\j'],
    ['#/k%22l', '/k"l'],
    ['#/%20', '/ '],
    ['#/m~0n', '/m~n'.replace('~', '~0')],
  ])('rfc 6901 §6: fragment %j is %j', (fragment, pointer) => {
    const parsed = JsonPointer.fromFragment(fragment);
    expect(parsed.toString()).toBe(pointer);
    expect(parsed.toFragment()).toBe(fragment);
  });

  it('rejects bad percent-encoding in a fragment with a 400', () => {
    expect(() => JsonPointer.fromFragment('#/%E0%A4%A')).toThrow('Invalid percent-encoding');
    expect(JsonPointer.fromFragment('/a').toString()).toBe('/a');
  });

  it('finds nothing where the document has nothing', () => {
    for (const pointer of ['/foo/2', '/foo/-', '/foo/01', '/nope', '/foo/0/x', '/a~1b/c']) {
      expect(JsonPointer.parse(pointer).has(rfcDocument)).toBe(false);
      expect(JsonPointer.parse(pointer).get(rfcDocument)).toBeUndefined();
    }
  });

  it('never reads inherited members', () => {
    for (const pointer of [
      '/__proto__',
      '/constructor',
      '/constructor/prototype',
      '/toString',
      '/foo/length',
    ]) {
      expect(JsonPointer.parse(pointer).has(rfcDocument)).toBe(false);
    }
    const hostile = JSON.parse('{"__proto__": {"x": 1}}') as unknown;
    expect(JsonPointer.parse('/__proto__/x').get(hostile)).toBe(1);
  });

  it('builds, navigates and compares pointers', () => {
    const pointer = new JsonPointer(['authors', 0]);
    expect(pointer.tokens).toEqual(['authors', '0']);
    expect(pointer.child('name').toString()).toBe('/authors/0/name');
    expect(pointer.parent().toString()).toBe('/authors');
    expect(new JsonPointer().parent().toString()).toBe('');
    expect(pointer.child('name').startsWith(pointer)).toBe(true);
    expect(pointer.startsWith(pointer.child('x'))).toBe(false);
    expect(JsonPointer.parse('/authors/1').startsWith(pointer)).toBe(false);
    expect(JsonPointer.isValid('/a')).toBe(true);
    expect(JsonPointer.isValid('a')).toBe(false);
  });
});
