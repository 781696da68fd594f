import {
  MAX_LIST_MEMBERS,
  formatEntityTag,
  parseEntityTag,
  parseEntityTagList,
} from '@fielding/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEntityTag, strongMatch, weakMatch } from './entity-tag.js';
import { evaluatePreconditions } from './preconditions.js';

describe('createEntityTag', () => {
  it('quotes a version as a strong tag', () => {
    expect(createEntityTag(7)).toBe('"7"');
    expect(createEntityTag('r-12')).toBe('"r-12"');
  });

  it('builds a weak tag on request', () => {
    expect(createEntityTag('r12', { weak: true })).toBe('W/"r12"');
  });

  it.each(['a"b', 'a b', '', '\u0100'])(
    'rejects %j, which an entity-tag cannot carry',
    (opaque) => {
      if (opaque === '') {
        expect(createEntityTag(opaque)).toBe('""');
      } else {
        expect(() => createEntityTag(opaque)).toThrow(TypeError);
      }
    },
  );
});

// RFC 9110 §8.8.3.2, the comparison table.
describe('rfc 9110 §8.8.3.2 entity-tag comparison', () => {
  it.each([
    ['W/"1"', 'W/"1"', false, true],
    ['W/"1"', 'W/"2"', false, false],
    ['W/"1"', '"1"', false, true],
    ['"1"', '"1"', true, true],
  ])('%s vs %s: strong %s, weak %s', (a, b, strong, weak) => {
    expect(strongMatch(a, b)).toBe(strong);
    expect(weakMatch(a, b)).toBe(weak);
    expect(strongMatch(b, a)).toBe(strong);
    expect(weakMatch(b, a)).toBe(weak);
  });

  it('accepts parsed tags as well as field values', () => {
    expect(strongMatch({ weak: false, opaque: 'x' }, '"x"')).toBe(true);
    expect(weakMatch({ weak: true, opaque: 'x' }, { weak: false, opaque: 'x' })).toBe(true);
  });

  it.each([
    [null, '"1"'],
    [undefined, '"1"'],
    ['1', '"1"'],
    ['"1', '"1"'],
  ])('never matches a missing or invalid tag: %j', (a, b) => {
    expect(strongMatch(a, b)).toBe(false);
    expect(weakMatch(a, b)).toBe(false);
  });
});

const etagc = fc
  .string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)) })
  .filter((value) => !value.includes('"'));
const tag = fc.record({ weak: fc.boolean(), opaque: etagc });

describe('entity-tag properties', () => {
  it('a tag weakly matches itself, and strongly only when it is strong', () => {
    fc.assert(
      fc.property(tag, (value) => {
        const text = formatEntityTag(value);
        expect(weakMatch(text, text)).toBe(true);
        expect(strongMatch(text, text)).toBe(!value.weak);
      }),
    );
  });

  it('strong match implies weak match, and both are symmetric', () => {
    fc.assert(
      fc.property(tag, tag, (a, b) => {
        if (strongMatch(a, b)) expect(weakMatch(a, b)).toBe(true);
        expect(strongMatch(a, b)).toBe(strongMatch(b, a));
        expect(weakMatch(a, b)).toBe(weakMatch(b, a));
      }),
    );
  });

  it('a strong tag never weak-matches a tag with other opaque data', () => {
    fc.assert(
      fc.property(etagc, etagc, fc.boolean(), (a, b, weak) => {
        fc.pre(a !== b);
        expect(weakMatch(createEntityTag(a), createEntityTag(b, { weak }))).toBe(false);
      }),
    );
  });

  it('createEntityTag round-trips through parseEntityTag', () => {
    fc.assert(
      fc.property(etagc, fc.boolean(), (opaque, weak) => {
        expect(parseEntityTag(createEntityTag(opaque, { weak }))).toEqual({ weak, opaque });
      }),
    );
  });

  it('parses any if-match / if-none-match value into at most MAX_LIST_MEMBERS valid tags', () => {
    const listShaped = fc
      .array(fc.constantFrom('"', 'W/', 'w/', ',', ' ', '\t', '*', 'a', '7', '\\', '\x7f'), {
        maxLength: 80,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), listShaped), (value) => {
        const tags = parseEntityTagList(value);
        if (tags === '*') {
          expect(value.trim()).toBe('*');
          return;
        }
        expect(tags.length).toBeLessThanOrEqual(MAX_LIST_MEMBERS);
        for (const tag of tags) {
          // Every tag kept is one the grammar allows, shorter than the field it came from.
          expect(parseEntityTag(formatEntityTag(tag))).toEqual(tag);
          expect(tag.opaque.length).toBeLessThan(value.length);
          expect(typeof strongMatch(tag, value)).toBe('boolean');
        }
      }),
    );
  });

  it(`keeps at most ${MAX_LIST_MEMBERS} tags of a huge list, and still matches within them`, () => {
    const value = Array.from({ length: 5000 }, (_, index) => `"${index}"`).join(', ');
    const tags = parseEntityTagList(value);
    expect(tags).toHaveLength(MAX_LIST_MEMBERS);
    expect(
      evaluatePreconditions(
        new Request('https://api.test/', { method: 'PUT', headers: { 'If-Match': value } }),
        { etag: '"999"' },
      ).type,
    ).toBe('proceed');
  });

  it('comparisons never throw on any string', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(typeof strongMatch(a, b)).toBe('boolean');
        expect(typeof weakMatch(a, b)).toBe('boolean');
        expect(() => parseEntityTagList(a)).not.toThrow();
      }),
    );
  });
});
