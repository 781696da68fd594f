import { MAX_LIST_MEMBERS } from '@fielding/core';
import fc from 'fast-check';
import Negotiator from 'negotiator';
import { describe, expect, it } from 'vitest';
import { LONG_HEADER, firstMembers } from './_bounded-list.js';

describe('firstMembers', () => {
  it.each([
    ['a,,b', 'a,b', 2],
    [' , ,\t,', '', 0],
    ['a ;q=0.5 , b', 'a ;q=0.5 ,b', 2],
    [';q=1, a', 'a', 1],
    ['a;p="x,y", b', 'a;p="x,y",b', 2],
    ['a;p="x\\",y", b', 'a;p="x\\",y",b', 2],
    ['a;p="x",y", b', 'a;p="x",y",b', 3],
    ['a;p=x"y, b"', 'a;p=x"y,b"', 2],
    ['"a,b", c', '"a,b",c', 3],
    ['a;p="open, b, c', 'a;p="open, b, c', 1],
    ['a;;;p, b', 'a;;;p,b', 2],
  ])('splits %j as negotiator does into %j (%i members)', (header, value, members) => {
    expect(firstMembers(header)).toEqual({ value, members });
  });

  it(`keeps the first ${MAX_LIST_MEMBERS} members and drops the rest`, () => {
    const { value, members } = firstMembers('x,'.repeat(MAX_LIST_MEMBERS * 3));
    expect(members).toBe(MAX_LIST_MEMBERS);
    expect(value).toBe(Array.from({ length: MAX_LIST_MEMBERS }, () => 'x').join(','));
  });

  it('needs no bounding below its length threshold', () => {
    // A header shorter than LONG_HEADER cannot hold more than MAX_LIST_MEMBERS members.
    const densest = Array.from({ length: LONG_HEADER / 2 }, () => 'x').join(',');
    expect(densest.length).toBeLessThan(LONG_HEADER);
    expect(firstMembers(densest).members).toBe(MAX_LIST_MEMBERS);
  });

  // The negotiator-facing contract: whatever negotiator ranks from the bounded header is what it
  // ranks from the header itself, whenever the header has no more than MAX_LIST_MEMBERS members.
  const piece = fc.constantFrom(
    'utf-8',
    'gzip',
    'identity',
    '*',
    'text/html',
    '*/*',
    'a',
    ',',
    ',,',
    ' ',
    '\t',
    ';',
    'q=0',
    'q=0.5',
    ';q=1',
    '=',
    '"',
    '\\',
    'p="x,y"',
  );
  const header = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));

  it('never changes what negotiator ranks, never throws, and is deterministic', () => {
    const available = ['utf-8', 'gzip', 'identity', 'text/html', 'a'];
    fc.assert(
      fc.property(header, (value) => {
        const bounded = firstMembers(value);
        expect(firstMembers(value)).toEqual(bounded);
        expect(bounded.members).toBeLessThanOrEqual(MAX_LIST_MEMBERS);
        expect(bounded.value.length).toBeLessThanOrEqual(value.length);
        // Bounding twice changes nothing.
        expect(firstMembers(bounded.value)).toEqual(bounded);
        const original = new Negotiator({
          headers: { accept: value, 'accept-charset': value, 'accept-encoding': value },
        });
        const ours = new Negotiator({
          headers: {
            accept: bounded.value,
            'accept-charset': bounded.value,
            'accept-encoding': bounded.value,
          },
        });
        expect(ours.mediaTypes(available)).toEqual(original.mediaTypes(available));
        expect(ours.charsets(available)).toEqual(original.charsets(available));
        expect(ours.encodings(available)).toEqual(original.encodings(available));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps at most the bound on any number of members', () => {
    fc.assert(
      fc.property(header, fc.integer({ min: 1, max: 3000 }), (member, count) => {
        const { members, value } = firstMembers(`${member},`.repeat(count));
        expect(members).toBeLessThanOrEqual(MAX_LIST_MEMBERS);
        expect(value.length).toBeLessThanOrEqual((member.length + 1) * count);
      }),
      { numRuns: 200 },
    );
  });
});
