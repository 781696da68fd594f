import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHttpDate, parseHttpDate, toHttpDatePrecision } from './http-date.js';

const NOV_6_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);

// RFC 9110 §5.6.7: the three forms of the same instant.
describe('rfc 9110 §5.6.7 http-date', () => {
  it.each([
    ['imf-fixdate', 'Sun, 06 Nov 1994 08:49:37 GMT'],
    ['obsolete rfc 850 form', 'Sunday, 06-Nov-94 08:49:37 GMT'],
    ['obsolete asctime form', 'Sun Nov  6 08:49:37 1994'],
  ])('parses the %s', (_form, value) => {
    expect(parseHttpDate(value, Date.UTC(2024, 0, 1))?.getTime()).toBe(NOV_6_1994);
  });

  it('parses a two-digit asctime day', () => {
    expect(parseHttpDate('Wed Nov 16 08:49:37 1994')?.getTime()).toBe(
      Date.UTC(1994, 10, 16, 8, 49, 37),
    );
  });

  it('reads a two-digit year more than 50 years ahead as the past century', () => {
    const now = Date.UTC(2024, 5, 1);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', now)?.getUTCFullYear()).toBe(1994);
    expect(parseHttpDate('Monday, 06-Nov-73 08:49:37 GMT', now)?.getUTCFullYear()).toBe(2073);
    expect(parseHttpDate('Tuesday, 06-Nov-75 08:49:37 GMT', now)?.getUTCFullYear()).toBe(1975);
  });

  it('parses the leap second 60 as the next minute', () => {
    expect(parseHttpDate('Sat, 31 Dec 2016 23:59:60 GMT')?.getTime()).toBe(Date.UTC(2017, 0, 1));
  });

  it.each([
    '',
    'yesterday',
    '1994-11-06T08:49:37Z',
    'Sun, 06 Nov 1994 08:49:37 UTC',
    'Sun, 06 Nov 1994 08:49:37 gmt',
    'Sun, 6 Nov 1994 08:49:37 GMT',
    'Sun, 31 Feb 1994 08:49:37 GMT',
    'Sun, 06 Nov 1994 24:00:00 GMT',
    'Sun, 06 Nov 1994 08:60:00 GMT',
    'Sun, 06 Nov 1994 08:49:61 GMT',
    'Sun, 06 Foo 1994 08:49:37 GMT',
    'Xyz, 06 Nov 1994 08:49:37 GMT',
    'Sun, 06 Nov 19x4 08:49:37 GMT',
    'Sun,06 Nov 1994 08:49:37 GMT ',
    'Sun, 06 Nov 1994 08-49-37 GMT',
    'Sunday, 06 Nov 94 08:49:37 GMT',
    'Sunday, 06-Nov-94 08:49:37 GMT, Monday, 07-Nov-94 08:49:37 GMT',
    'Funday, 06-Nov-94 08:49:37 GMT',
    'Sunday, 06-Nov-9x 08:49:37 GMT',
    'Sun Nov  6 08:49:37 19x4',
    'Sun Nov x6 08:49:37 1994',
    'Sun Nov  6 08:49:37  994',
    'Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 08:49:37 GMT',
  ])('rejects %j', (value) => {
    expect(parseHttpDate(value)).toBeUndefined();
  });

  it('rejects non-strings', () => {
    expect(parseHttpDate(null)).toBeUndefined();
    expect(parseHttpDate(undefined)).toBeUndefined();
  });

  it('formats imf-fixdate and drops milliseconds', () => {
    expect(formatHttpDate(NOV_6_1994 + 999)).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
    expect(formatHttpDate(new Date(NOV_6_1994))).toBe('Sun, 06 Nov 1994 08:49:37 GMT');
  });

  it.each([Number.NaN, Date.UTC(10_000, 0, 1), Date.UTC(-1, 0, 1)])(
    'refuses to format %s',
    (time) => {
      expect(() => formatHttpDate(time)).toThrow(RangeError);
    },
  );

  it('truncates to whole seconds', () => {
    expect(toHttpDatePrecision(1_999)).toBe(1_000);
    expect(toHttpDatePrecision(new Date(2_000))).toBe(2_000);
  });
});

const times = fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59) });

describe('http-date properties', () => {
  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(() => parseHttpDate(value)).not.toThrow();
      }),
    );
  });

  it('gives undefined or a valid date of years 0–9999, and reads no more than 40 characters', () => {
    const shaped = fc
      .array(fc.constantFrom(...'SunMonWednesday, 0123456789-:NovDecGMT '.split('')), {
        maxLength: 45,
      })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), shaped),
        fc.integer({ min: 0, max: 8e15 }),
        (value, now) => {
          const date = parseHttpDate(value, now);
          if (value.length > 40) expect(date).toBeUndefined();
          if (date === undefined) return;
          const year = date.getUTCFullYear();
          expect(Number.isNaN(date.getTime())).toBe(false);
          expect(year).toBeGreaterThanOrEqual(0);
          // 9999-12-31T23:59:60 rolls over into the first second of 10000.
          expect(date.getTime()).toBeLessThanOrEqual(Date.UTC(10000, 0, 1));
        },
      ),
    );
  });

  it('never throws on strings shaped like dates', () => {
    const shaped = fc
      .array(fc.constantFrom(...'SunMonday, 0123456789-:NovGMT '.split('')), { maxLength: 40 })
      .map((chars) => chars.join(''));
    fc.assert(
      fc.property(shaped, (value) => {
        const date = parseHttpDate(value);
        if (date !== undefined) expect(Number.isNaN(date.getTime())).toBe(false);
      }),
    );
  });

  it('round-trips formatHttpDate → parseHttpDate at one-second precision', () => {
    fc.assert(
      fc.property(times, (time) => {
        const text = formatHttpDate(time);
        expect(text).toHaveLength(29);
        expect(parseHttpDate(text)?.getTime()).toBe(toHttpDatePrecision(time));
      }),
    );
  });

  it('round-trips the asctime form', () => {
    fc.assert(
      fc.property(times, (time) => {
        const date = new Date(toHttpDatePrecision(time));
        const [day, , month, year, clock] = date.toUTCString().replace(',', '').split(' ');
        const asctime = `${day} ${month} ${String(date.getUTCDate()).padStart(2, ' ')} ${clock} ${year}`;
        expect(parseHttpDate(asctime)?.getTime()).toBe(date.getTime());
      }),
    );
  });
});

describe('formatHttpDate remembers the last second it formatted', () => {
  it('gives what a fresh format gives, for any sequence of times', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -62_167_219_200_000, max: 253_402_300_799_999 }), {
          maxLength: 20,
        }),
        (times) => {
          for (const time of [...times, ...times.reverse()]) {
            expect(formatHttpDate(time)).toBe(new Date(time).toUTCString());
          }
        },
      ),
    );
  });
});
