// RFC 3339 §5.6 `full-date` and `date-time`, checked field by field so that a range filter only
// ever hands a store a value it can compare as a point in time.
const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})t(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:z|([+-])(\d{2}):(\d{2}))$/i;

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`); unlike
// `Date.UTC` it reads years 0–99 as written and needs no `Date` at all.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** RFC 3339 `full-date`: `2024-05-01`. */
export function isDate(value: string): boolean {
  const match = FULL_DATE.exec(value);
  return match !== null && validDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * An RFC 3339 `date-time` (`2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.5+02:00`) as nanoseconds
 * since 1970 in UTC, exact to the nanosecond; `undefined` when it is not one. A leap second
 * counts as the first second of the next minute, as in POSIX time.
 */
export function instantOf(value: string): bigint | undefined {
  const match = DATE_TIME.exec(value);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [, , , , , , , fraction, sign, offsetHour = '0', offsetMinute = '0'] = match;
  const offset = (Number(offsetHour) * 60 + Number(offsetMinute)) * 60;
  if (
    !validDate(year, month, day) ||
    hour > 23 ||
    minute > 59 ||
    second > 60 || // a leap second
    Number(offsetHour) > 23 ||
    Number(offsetMinute) > 59
  ) {
    return undefined;
  }
  // `+02:00` is two hours ahead of UTC: subtract it to get UTC.
  const utc =
    daysFromCivil(year, month, day) * 86_400 +
    hour * 3600 +
    minute * 60 +
    second +
    (sign === '-' ? offset : -offset);
  return BigInt(utc) * 1_000_000_000n + BigInt((fraction ?? '').padEnd(9, '0'));
}

/** RFC 3339 `date-time`: `2024-05-01T10:00:00Z`, `2024-05-01T10:00:00.5+02:00`. */
export function isDateTime(value: string): boolean {
  return instantOf(value) !== undefined;
}
