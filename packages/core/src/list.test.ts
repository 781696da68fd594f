import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LIST_MEMBERS } from './limits.js';
import { parseList } from './list.js';
import { headerText, token } from './_test-arbitraries.js';

describe('parseList', () => {
  it.each([
    ['gzip', ['gzip']],
    ['gzip, br', ['gzip', 'br']],
    ['gzip,br', ['gzip', 'br']],
    [' \tgzip \t,\t br ', ['gzip', 'br']],
    ['foo ,bar,', ['foo', 'bar']],
    ['foo , ,bar,charlie', ['foo', 'bar', 'charlie']],
    [',,,', []],
    ['', []],
    ['  ', []],
    ['"a,b", c', ['"a,b"', 'c']],
    ['"a\\",b", c', ['"a\\",b"', 'c']],
    ['W/"x,y", "z"', ['W/"x,y"', '"z"']],
    ['text/html;q="0,5", a', ['text/html;q="0,5"', 'a']],
    ['"unterminated, still one', ['"unterminated, still one']],
    ['a, "ends with backslash\\', ['a', '"ends with backslash\\']],
    ['a\nb, c', ['a\nb', 'c']],
  ])('§5.6.1 parses %j', (input, expected) => {
    expect(parseList(input)).toEqual(expected);
  });

  it('returns an empty list for an absent field', () => {
    expect(parseList(null)).toEqual([]);
    expect(parseList(undefined)).toEqual([]);
  });

  it('keeps at most MAX_LIST_MEMBERS members', () => {
    const value = Array.from({ length: MAX_LIST_MEMBERS + 50 }, (_, i) => `m${i}`).join(',');
    const members = parseList(value);
    expect(members).toHaveLength(MAX_LIST_MEMBERS);
    expect(members.at(-1)).toBe(`m${MAX_LIST_MEMBERS - 1}`);
  });

  it('keeps at most MAX_LIST_MEMBERS members when quoted-strings are present', () => {
    const value = Array.from({ length: MAX_LIST_MEMBERS + 50 }, (_, i) => `"m,${i}"`).join(',');
    const members = parseList(value);
    expect(members).toHaveLength(MAX_LIST_MEMBERS);
    expect(members.at(-1)).toBe(`"m,${MAX_LIST_MEMBERS - 1}"`);
  });

  it('splits a value without quotes exactly like split, trim and filter', () => {
    const unquoted = headerText.map((value) => value.replaceAll('"', ''));
    fc.assert(
      fc.property(unquoted, (value) => {
        const expected = value
          .split(',')
          .map((member) => {
            let start = 0;
            let end = member.length;
            while (start < end && (member[start] === ' ' || member[start] === '\t')) start++;
            while (end > start && (member[end - 1] === ' ' || member[end - 1] === '\t')) end--;
            return member.slice(start, end);
          })
          .filter((member) => member !== '');
        expect(parseList(value)).toEqual(expected);
      }),
    );
  });

  it('handles a megabyte of commas and quotes', () => {
    expect(parseList(','.repeat(1 << 20))).toEqual([]);
    expect(parseList('"'.repeat(1 << 20))).toHaveLength(1);
  });

  it('never throws and returns trimmed, non-empty members', () => {
    fc.assert(
      fc.property(headerText, (value) => {
        for (const member of parseList(value)) {
          expect(member).not.toBe('');
          expect(/^[\t ]|[\t ]$/.test(member)).toBe(false);
        }
      }),
    );
  });

  it('round-trips a joined list of tokens', () => {
    fc.assert(
      fc.property(
        fc.array(token, { maxLength: 30 }),
        fc.constantFrom(',', ', ', ' ,\t', ',,'),
        (tokens, separator) => {
          expect(parseList(tokens.join(separator))).toEqual(tokens);
        },
      ),
    );
  });
});
