import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asyncPreferences } from './prefer.js';

const prefer = (value: string): Request =>
  new Request('https://api.test/exports', { method: 'POST', headers: { Prefer: value } });

describe('asyncPreferences', () => {
  it.each([
    ['respond-async', { respondAsync: true, wait: undefined }],
    ['wait=10', { respondAsync: false, wait: 10 }],
    ['respond-async, wait=0', { respondAsync: true, wait: 0 }],
    ['RESPOND-ASYNC', { respondAsync: true, wait: undefined }],
    ['wait=-1', { respondAsync: false, wait: undefined }],
    ['wait=1.5', { respondAsync: false, wait: undefined }],
    ['wait=abc', { respondAsync: false, wait: undefined }],
    ['wait="7"', { respondAsync: false, wait: 7 }],
    ['wait=99999999999999999999999', { respondAsync: false, wait: 1e23 }],
    ['return=minimal', { respondAsync: false, wait: undefined }],
  ])('when Prefer: %s → %j', (value, expected) => {
    expect(asyncPreferences(prefer(value))).toEqual(expected);
  });

  it('reads Headers too, and no Prefer asks for nothing', () => {
    expect(asyncPreferences(new Headers({ Prefer: 'wait=3' })).wait).toBe(3);
    expect(asyncPreferences(new Request('https://api.test/'))).toEqual({
      respondAsync: false,
      wait: undefined,
    });
  });

  it('wait is undefined or a non-negative integer, for any header', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (value) => {
        const { wait } = asyncPreferences(new Headers({ Prefer: value.replace(/[\r\n\0]/g, '') }));
        if (wait !== undefined) expect(Number.isInteger(wait) && wait >= 0).toBe(true);
      }),
    );
  });
});
