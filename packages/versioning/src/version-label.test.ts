import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeVersion } from './version-label.js';

describe('normalizeVersion', () => {
  it.each([
    ['2', '2'],
    ['v2', '2'],
    ['V2', '2'],
    ['2.0', '2'],
    ['v2.0', '2'],
    ['02', '2'],
    ['2.1', '2.1'],
    ['2.01', '2.1'],
    ['10', '10'],
    ['', undefined],
    ['v', undefined],
    ['two', undefined],
    ['2.', undefined],
    ['2.1.3', undefined],
    [' 2', undefined],
    ['-1', undefined],
    ['1e3', undefined],
    ['1234567890', undefined],
  ])('%j → %j', (text, version) => {
    expect(normalizeVersion(text)).toBe(version);
  });

  it('never throws, and a label it gives is its own normal form', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const version = normalizeVersion(text);
        if (version !== undefined) expect(normalizeVersion(version)).toBe(version);
      }),
    );
  });

  it('gives every spelling of a major.minor the same label', () => {
    fc.assert(
      fc.property(fc.nat(999), fc.nat(99), fc.boolean(), (major, minor, prefixed) => {
        const label = normalizeVersion(`${prefixed ? 'v' : ''}${major}.${minor}`);
        expect(label).toBe(minor === 0 ? String(major) : `${major}.${minor}`);
      }),
    );
  });
});
