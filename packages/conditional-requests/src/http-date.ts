// RFC 9110 §5.6.7: IMF-fixdate is what we send; recipients also accept the obsolete RFC 850
// and asctime forms. Parsed by position, so the cost is linear and nothing can backtrack.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Longest string {@link parseHttpDate} looks at; an RFC 850 date with `Wednesday` is 33. */
const MAX_DATE_LENGTH = 40;

const digits = (value: string, start: number, length: number): number => {
  let result = 0;
  for (let index = start; index < start + length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x30 || code > 0x39) return -1;
    result = result * 10 + (code - 0x30);
  }
  return result;
};

// "HH:MM:SS" at `start`; seconds in milliseconds since midnight, or -1.
const timeOfDay = (value: string, start: number): number => {
  if (value[start + 2] !== ':' || value[start + 5] !== ':') return -1;
  const hour = digits(value, start, 2);
  const minute = digits(value, start + 3, 2);
  const second = digits(value, start + 6, 2);
  // second 60 is in the grammar for leap seconds; Date has none, so it rolls over.
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return -1;
  return ((hour * 60 + minute) * 60 + second) * 1000;
};

const build = (year: number, month: number, day: number, time: number): Date | undefined => {
  if (month < 0 || day < 1 || time < 0) return undefined;
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 literally.
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  // February 30 silently becomes March 2: reject days the month does not have.
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month) return undefined;
  return new Date(date.getTime() + time);
};

// IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
const imfFixdate = (value: string): Date | undefined => {
  if (value.length !== 29 || !DAYS.includes(value.slice(0, 3))) return undefined;
  if (value[3] !== ',' || value[4] !== ' ' || value[7] !== ' ' || value[11] !== ' ') {
    return undefined;
  }
  if (value[16] !== ' ' || value.slice(25) !== ' GMT') return undefined;
  const year = digits(value, 12, 4);
  if (year < 0) return undefined;
  return build(year, MONTHS.indexOf(value.slice(8, 11)), digits(value, 5, 2), timeOfDay(value, 17));
};

// rfc850-date: "Sunday, 06-Nov-94 08:49:37 GMT"
const rfc850Date = (value: string, now: number): Date | undefined => {
  const comma = value.indexOf(',');
  if (comma < 6 || !LONG_DAYS.includes(value.slice(0, comma))) return undefined;
  const rest = value.slice(comma);
  if (rest.length !== 24 || rest[1] !== ' ' || rest[4] !== '-' || rest[8] !== '-') {
    return undefined;
  }
  if (rest[11] !== ' ' || rest.slice(20) !== ' GMT') return undefined;
  const twoDigitYear = digits(rest, 9, 2);
  if (twoDigitYear < 0) return undefined;
  // §5.6.7: a two-digit year more than 50 years in the future means the most recent past
  // year with the same last two digits.
  const thisYear = new Date(now).getUTCFullYear();
  let year = thisYear - (thisYear % 100) + twoDigitYear;
  if (year > thisYear + 50) year -= 100;
  return build(year, MONTHS.indexOf(rest.slice(5, 8)), digits(rest, 2, 2), timeOfDay(rest, 12));
};

// asctime-date: "Sun Nov  6 08:49:37 1994" (a one-digit day is padded with a space)
const asctimeDate = (value: string): Date | undefined => {
  if (value.length !== 24 || !DAYS.includes(value.slice(0, 3))) return undefined;
  if (value[3] !== ' ' || value[7] !== ' ' || value[10] !== ' ' || value[19] !== ' ') {
    return undefined;
  }
  const day = value[8] === ' ' ? digits(value, 9, 1) : digits(value, 8, 2);
  const year = digits(value, 20, 4);
  if (year < 0) return undefined;
  return build(year, MONTHS.indexOf(value.slice(4, 7)), day, timeOfDay(value, 11));
};

/**
 * Parses an HTTP-date in any of the three forms RFC 9110 lets a recipient receive:
 * IMF-fixdate, the obsolete RFC 850 form and C's asctime form. Never throws; looks at no more
 * than 40 characters.
 *
 * @param value - a field value such as `If-Modified-Since`
 * @param now - the current time, which places the two-digit years of RFC 850 dates
 * @returns the date, or `undefined` when the value is not a valid HTTP-date
 *
 * @example
 * ```ts
 * parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')?.toISOString(); // '1994-11-06T08:49:37.000Z'
 * parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT'); // the same instant
 * parseHttpDate('yesterday'); // undefined
 * ```
 * @see RFC 9110 §5.6.7
 */
export function parseHttpDate(
  value: string | null | undefined,
  now: number = Date.now(),
): Date | undefined {
  if (typeof value !== 'string' || value.length > MAX_DATE_LENGTH) return undefined;
  const date = value.length === 29 ? imfFixdate(value) : undefined;
  if (date) return date;
  return value.length === 24 ? asctimeDate(value) : rfc850Date(value, now);
}

// Most responses of a resource carry the same Last-Modified: remember the last one formatted.
let lastSecond = Number.NaN;
let lastFormatted = '';

/**
 * Formats a time as an IMF-fixdate, the only HTTP-date form a sender may generate. Milliseconds
 * are dropped, since HTTP-dates have one-second precision.
 *
 * @param date - a `Date` or milliseconds since the epoch, within the years 0–9999
 * @returns e.g. `Sun, 06 Nov 1994 08:49:37 GMT`
 * @throws RangeError for an invalid date or one outside the four-digit years
 *
 * @example
 * ```ts
 * formatHttpDate(new Date(Date.UTC(1994, 10, 6, 8, 49, 37))); // 'Sun, 06 Nov 1994 08:49:37 GMT'
 * ```
 * @see RFC 9110 §5.6.7
 */
export function formatHttpDate(date: Date | number): string {
  const time = typeof date === 'number' ? date : date.getTime();
  const second = Math.floor(time / 1000);
  if (second === lastSecond) return lastFormatted;
  const value = new Date(time);
  const year = value.getUTCFullYear();
  if (Number.isNaN(time) || year < 0 || year > 9999) {
    throw new RangeError(`Cannot format ${String(date)} as an HTTP-date`);
  }
  lastFormatted = value.toUTCString();
  lastSecond = second;
  return lastFormatted;
}

/**
 * Rounds a time down to the whole second, the precision of every HTTP-date comparison.
 *
 * @param date - a `Date` or milliseconds since the epoch
 * @returns milliseconds since the epoch, a multiple of 1000
 *
 * @example
 * ```ts
 * toHttpDatePrecision(1_500); // 1000
 * ```
 * @see RFC 9110 §8.8.2
 */
export function toHttpDatePrecision(date: Date | number): number {
  const time = typeof date === 'number' ? date : date.getTime();
  return Math.floor(time / 1000) * 1000;
}
