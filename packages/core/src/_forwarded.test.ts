import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forwardedElementFromEnd, listMemberFromEnd } from './_forwarded.js';

describe('listMemberFromEnd', () => {
  it.each([
    ['a, b, c', 1, 'c'],
    ['a, b, c', 2, 'b'],
    ['a, b, c', 9, 'a'],
    ['only', 1, 'only'],
    ['', 1, ''],
  ])('%j, %i hops → %j', (list, hops, member) => {
    expect(listMemberFromEnd(list, hops)).toBe(member);
  });

  it('reaches the proxy’s value whatever the client put in front', () => {
    expect(listMemberFromEnd(`${'evil.test, '.repeat(5000)}api.test`, 1)).toBe('api.test');
  });

  it('gives the same member as splitting the whole list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[^,]{0,8}$/), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 1, max: 60 }),
        (items, hops) => {
          expect(listMemberFromEnd(items.join(','), hops)).toBe(
            (items[Math.max(0, items.length - hops)] as string).trim(),
          );
        },
      ),
    );
  });
});

describe('forwardedElementFromEnd', () => {
  it('splits elements and pairs outside quotes', () => {
    const value = 'for="a,b;c";proto=http, by=x;host="h\\"q"';
    expect({ ...forwardedElementFromEnd(value, 1) }).toEqual({ by: 'x', host: 'h"q' });
    expect({ ...forwardedElementFromEnd(value, 2) }).toEqual({ for: 'a,b;c', proto: 'http' });
    expect({ ...forwardedElementFromEnd(value, 5) }).toEqual({ for: 'a,b;c', proto: 'http' });
  });

  it('reaches the proxy’s element past thousands of client elements and an unclosed quote', () => {
    const client = `${'host=evil.test, '.repeat(5000)}host="evil.test, `;
    expect(forwardedElementFromEnd(`${client}, host=api.test;proto=https`, 1)).toMatchObject({
      host: 'api.test',
      proto: 'https',
    });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'keeps a pair named %s as a plain key',
    (name) => {
      const element = forwardedElementFromEnd(`${name}=x;host=h`, 1);
      expect(Object.getPrototypeOf(element)).toBeNull();
      expect(Object.entries(element)).toEqual([
        [name.toLowerCase(), 'x'],
        ['host', 'h'],
      ]);
    },
  );

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.integer({ min: 1, max: 40 }), (value, hops) => {
        forwardedElementFromEnd(value, hops);
      }),
    );
  });
});
