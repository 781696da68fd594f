import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quoteString } from './quoted-string.js';
import { parsePreferences } from './preferences.js';

describe('parsePreferences', () => {
  it.each([
    // RFC 7240 §2 examples
    ['foo; bar', { foo: { value: '', parameters: {} } }],
    ['foo; bar=""', { foo: { value: '', parameters: { bar: '' } } }],
    ['foo=""; bar', { foo: { value: '', parameters: {} } }],
    [
      'respond-async, wait=100',
      { 'respond-async': { value: '', parameters: {} }, wait: { value: '100', parameters: {} } },
    ],
    ['Wait = 5', { wait: { value: '5', parameters: {} } }],
    ['handling="lenient, really"', { handling: { value: 'lenient, really', parameters: {} } }],
    ['wait=1, wait=9', { wait: { value: '1', parameters: {} } }],
    ['=5, wait="open', {}],
    ['', {}],
  ])('when Prefer: %j → %j', (value, expected) => {
    expect(Object.fromEntries(parsePreferences(value))).toEqual(expected);
  });

  it('null gives an empty map', () => {
    expect(parsePreferences(null).size).toBe(0);
  });

  it('never throws, and every name is a lower-case token', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (value) => {
        for (const name of parsePreferences(value).keys()) {
          expect(name).toMatch(/^[!#$%&'*+\-.^_`|~0-9a-z]+$/);
        }
      }),
    );
  });

  it('reads back any token=value list it is given, first occurrence winning', () => {
    const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
    const value = fc
      .string({ maxLength: 20 })
      .filter((text) => [...text].every((c) => c === '\t' || (c >= ' ' && c !== '\u007f')));
    fc.assert(
      fc.property(fc.array(fc.tuple(token, value), { maxLength: 12 }), (pairs) => {
        const header = pairs.map(([name, text]) => `${name}=${quoteString(text)}`).join(', ');
        const expected = new Map<string, string>();
        for (const [name, text] of pairs) if (!expected.has(name)) expected.set(name, text);
        const parsed = parsePreferences(header);
        expect([...parsed].map(([name, p]) => [name, p.value])).toEqual([...expected]);
      }),
    );
  });
});
