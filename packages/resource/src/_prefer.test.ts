import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { returnPreference } from './_prefer.js';

const prefer = (value: string) =>
  returnPreference(new Request('http://x/', { headers: { Prefer: value } }));

describe('returnPreference', () => {
  it.each([
    ['return=minimal', 'minimal'],
    ['return=representation', 'representation'],
    ['RETURN="minimal"', 'minimal'],
    ['respond-async, return=minimal; foo=bar', 'minimal'],
    ['return=minimal, return=representation', 'minimal'],
    ['return=other', undefined],
    ['return', undefined],
    ['handling=strict', undefined],
    ['', undefined],
  ])('reads Prefer: %s as %s', (value, expected) => {
    expect(prefer(value)).toBe(expected);
  });

  it('reads no field as no preference', () => {
    expect(returnPreference(new Request('http://x/'))).toBeUndefined();
  });

  it('never throws and only ever answers minimal, representation or nothing', () => {
    const piece = fc.constantFrom(
      'return',
      '=',
      'minimal',
      'representation',
      '"',
      ',',
      ';',
      ' ',
      'x',
    );
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 12 }),
        (parts) => {
          const value = parts.join('').replace(/[\r\n\0]/g, '');
          let answer: unknown;
          expect(() => (answer = prefer(value))).not.toThrow();
          expect([undefined, 'minimal', 'representation']).toContain(answer);
        },
      ),
      { numRuns: 500 },
    );
  });
});
