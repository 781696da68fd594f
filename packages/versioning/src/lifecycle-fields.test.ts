import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatDeprecation,
  formatSunset,
  parseDeprecation,
  parseSunset,
} from './lifecycle-fields.js';

describe('Deprecation (rfc 9745 §2.1)', () => {
  it('writes the RFC example', () => {
    // RFC 9745 §2.1: "Deprecation: @1688169599" is 2023-06-30T23:59:59Z.
    expect(formatDeprecation(new Date('2023-06-30T23:59:59Z'))).toBe('@1688169599');
    expect(parseDeprecation('@1688169599')).toEqual(new Date('2023-06-30T23:59:59Z'));
  });

  it.each([
    '',
    'true',
    '1688169599',
    '@',
    '@1.5',
    '@ 1',
    '@99999999999999999',
    'Sun, 30 Jun 2023 23:59:59 GMT',
  ])('reads %j as no date', (value) => {
    expect(parseDeprecation(value)).toBeUndefined();
  });

  it('refuses an invalid date', () => {
    expect(() => formatDeprecation(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('round-trips every date to the second', () => {
    fc.assert(
      fc.property(fc.date({ noInvalidDate: true }), (date) => {
        const seconds = Math.floor(date.getTime() / 1000);
        expect(parseDeprecation(formatDeprecation(date))?.getTime()).toBe(seconds * 1000);
      }),
    );
  });
});

describe('Sunset (rfc 8594 §3)', () => {
  it('writes and reads the RFC example', () => {
    // RFC 8594 §3: "Sunset: Sat, 31 Dec 2018 23:59:59 GMT".
    // (31 Dec 2018 was a Monday: the day name is forgiven when reading, right when writing.)
    const date = new Date('2018-12-31T23:59:59Z');
    expect(parseSunset('Sat, 31 Dec 2018 23:59:59 GMT')).toEqual(date);
    expect(formatSunset(date)).toBe('Mon, 31 Dec 2018 23:59:59 GMT');
  });

  it.each([
    '',
    'tomorrow',
    '2018-12-31T23:59:59Z',
    'Mon, 31 Feb 2018 23:59:59 GMT',
    'Mon, 31 Dec 2018 24:00:00 GMT',
    'Monday, 31-Dec-18 23:59:59 GMT',
    '@1688169599',
  ])('reads %j as no date', (value) => {
    expect(parseSunset(value)).toBeUndefined();
  });

  it('round-trips every date of years 1000–9999 to the second', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const seconds = Math.floor(date.getTime() / 1000);
          expect(parseSunset(formatSunset(date))?.getTime()).toBe(seconds * 1000);
        },
      ),
    );
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        parseSunset(text);
        parseDeprecation(text);
      }),
    );
  });
});
