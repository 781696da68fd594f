import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerText } from './_test-arbitraries.js';
import { formatEntityTag, parseEntityTag, parseEntityTagList } from './entity-tag.js';
import { MAX_LIST_MEMBERS } from './limits.js';

// etagc = %x21 / %x23-7E / obs-text
const etagc = fc.oneof(
  fc.constant('!'),
  fc.integer({ min: 0x23, max: 0x7e }).map((code) => String.fromCharCode(code)),
  fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)),
);
const entityTag = fc.record({
  weak: fc.boolean(),
  opaque: fc.string({ unit: etagc, maxLength: 20 }),
});

describe('parseEntityTag', () => {
  it.each([
    ['"xyzzy"', { weak: false, opaque: 'xyzzy' }],
    ['W/"xyzzy"', { weak: true, opaque: 'xyzzy' }],
    ['""', { weak: false, opaque: '' }],
    ['W/""', { weak: true, opaque: '' }],
    ['"a,b"', { weak: false, opaque: 'a,b' }],
    ['"a\\"', { weak: false, opaque: 'a\\' }],
    [' \t"padded"\t ', { weak: false, opaque: 'padded' }],
    ['"caf\u00e9"', { weak: false, opaque: 'caf\u00e9' }],
  ])('§8.8.3 parses %j', (input, expected) => {
    expect(parseEntityTag(input)).toEqual(expected);
  });

  it.each([
    ['xyzzy'],
    ['w/"xyzzy"'],
    ['W/xyzzy'],
    ['"open'],
    ['"a" "b"'],
    ['"a"b'],
    ['"a b"'],
    ['"a\u0001"'],
    ['"wide\u0100"'],
    ['*'],
    [''],
  ])('§8.8.3 rejects %j', (input) => {
    expect(parseEntityTag(input)).toBeUndefined();
  });

  it('answers undefined for a non-string', () => {
    expect(parseEntityTag(null as unknown as string)).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(
      fc.property(headerText, (value) => {
        const tag = parseEntityTag(value);
        // Whatever it accepts is the value itself, give or take surrounding whitespace.
        if (tag !== undefined) expect(value).toContain(formatEntityTag(tag));
      }),
    );
  });
});

describe('parseEntityTagList', () => {
  const strong = (opaque: string) => ({ weak: false, opaque });
  const weak = (opaque: string) => ({ weak: true, opaque });

  it.each([
    ['*', '*'],
    ['  * ', '*'],
    ['"a"', [strong('a')]],
    ['"a", W/"b"', [strong('a'), weak('b')]],
    ['"a","b"', [strong('a'), strong('b')]],
    ['"a,b", "c"', [strong('a,b'), strong('c')]],
    ['W/"a,b" ,\tW/"c"', [weak('a,b'), weak('c')]],
    [', ,"a",,', [strong('a')]],
    ['junk, "a"', [strong('a')]],
    ['"a"junk, "b"', [strong('b')]],
    ['x"a,b", "c"', [strong('c')]],
    ['"a" "b", "c"', [strong('c')]],
    ['*, "a"', [strong('a')]],
    ['w/"a", "b"', [strong('b')]],
    ['"a b", "c"', [strong('c')]],
    ['"open, "b"', []],
    ['"unterminated', []],
    ['"a\\", "b"', [strong('a\\'), strong('b')]],
    ['', []],
  ])('§13.1.1 parses %j', (input, expected) => {
    expect(parseEntityTagList(input)).toEqual(expected);
  });

  it('returns [] for an absent field', () => {
    expect(parseEntityTagList(null)).toEqual([]);
    expect(parseEntityTagList(undefined)).toEqual([]);
  });

  it('keeps at most MAX_LIST_MEMBERS tags', () => {
    const value = Array.from({ length: MAX_LIST_MEMBERS + 10 }, (_, i) => `"${i}"`).join(', ');
    expect(parseEntityTagList(value)).toHaveLength(MAX_LIST_MEMBERS);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(headerText, (value) => {
        const tags = parseEntityTagList(value);
        expect(tags === '*' || Array.isArray(tags)).toBe(true);
      }),
    );
  });

  it('round-trips a formatted list', () => {
    fc.assert(
      fc.property(fc.array(entityTag, { maxLength: 20 }), (tags) => {
        expect(parseEntityTagList(tags.map(formatEntityTag).join(', '))).toEqual(tags);
      }),
    );
  });
});

describe('formatEntityTag', () => {
  it.each([
    [{ weak: false, opaque: 'v7' }, '"v7"'],
    [{ weak: true, opaque: 'v7' }, 'W/"v7"'],
    [{ weak: false, opaque: '' }, '""'],
  ])('§8.8.3 formats %j as %s', (tag, expected) => {
    expect(formatEntityTag(tag)).toBe(expected);
  });

  it.each([['a"b'], ['a b'], ['a\u0000'], ['\u2603']])(
    'throws a TypeError for opaque %j',
    (opaque) => {
      expect(() => formatEntityTag({ weak: false, opaque })).toThrow(TypeError);
    },
  );

  it('round-trips through parseEntityTag', () => {
    fc.assert(
      fc.property(entityTag, (tag) => {
        expect(parseEntityTag(formatEntityTag(tag))).toEqual(tag);
      }),
    );
  });
});
