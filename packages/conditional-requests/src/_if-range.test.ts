import { parseEntityTag } from '@fielding/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateIfRange } from './_if-range.js';

const MODIFIED = Date.UTC(2024, 0, 10, 12, 0, 0);
const NOW = Date.UTC(2024, 0, 20);
const CURRENT = parseEntityTag('"7"');

describe('evaluateIfRange (rfc 9110 §13.1.5)', () => {
  it.each([
    ['"7"', true],
    [' "7" ', true],
    ['W/"7"', false],
    ['"6"', false],
    ['Wed, 10 Jan 2024 12:00:00 GMT', true],
    ['Wed, 10 Jan 2024 12:00:01 GMT', false],
    ['yesterday', false],
    ['', false],
  ])('if-range: %j → %s', (value, expected) => {
    expect(evaluateIfRange(value, CURRENT, MODIFIED, NOW)).toBe(expected);
  });

  it('never throws, and holds only for the current strong tag or the exact strong date', () => {
    const shaped = fc
      .array(fc.constantFrom('"', 'W/', '7', ',', ' ', 'Wed, 10 Jan 2024 ', '12:00:00 GMT'), {
        maxLength: 12,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), shaped), (value) => {
        const result = evaluateIfRange(value, CURRENT, MODIFIED, NOW);
        const text = value.trim();
        expect(result).toBe(text === '"7"' || text === 'Wed, 10 Jan 2024 12:00:00 GMT');
        expect(evaluateIfRange(value, undefined, undefined, NOW)).toBe(false);
      }),
    );
  });
});
