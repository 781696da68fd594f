import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forwardedElements } from './_forwarded.js';

describe('forwardedElements', () => {
  it('splits elements and pairs outside quotes', () => {
    expect(forwardedElements('for="a,b;c";proto=http, by=x;host="h\\"q"')).toEqual([
      { for: 'a,b;c', proto: 'http' },
      { by: 'x', host: 'h"q' },
    ]);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'keeps a pair named %s as a plain key',
    (name) => {
      const [element] = forwardedElements(`${name}=x;host=h`);
      expect(Object.getPrototypeOf(element)).toBeNull();
      expect(Object.entries(element ?? {})).toEqual([
        [name.toLowerCase(), 'x'],
        ['host', 'h'],
      ]);
    },
  );

  it('caps what it keeps and never throws', () => {
    expect(forwardedElements('a=1,'.repeat(100))).toHaveLength(32);
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        expect(forwardedElements(value).length).toBeLessThanOrEqual(32);
      }),
    );
  });
});
