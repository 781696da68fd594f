import { mergeVary } from '@fielding/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergedVary } from './_vary.js';

// Issue 22: the shortcut for "no Vary yet, one name" must answer what mergeVary answers.
describe('mergedVary', () => {
  const lists = fc.constantFrom(['Accept'], ['Accept-Encoding'], ['Accept', 'Accept-Language'], []);
  const current = fc.option(fc.constantFrom('Accept', 'accept', 'Origin, Accept', '*', '', ' x '), {
    nil: null,
  });

  it('agrees with mergeVary on the lists the package adds (property)', () => {
    fc.assert(
      fc.property(current, lists, (value, fields) => {
        expect(mergedVary(value, fields)).toBe(mergeVary(value, ...fields));
      }),
    );
  });
});
