// The two lifecycle fields, written and read exactly as their RFCs define them: `Deprecation`
// is a Structured Field Date (RFC 9745 §2.1, `@` and integer seconds), `Sunset` an HTTP-date
// (RFC 8594 §3, the IMF-fixdate form every sender must use).

const SF_DATE = /^@(-?\d{1,15})$/;
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function assertValid(date: Date, field: string): void {
  if (Number.isNaN(date.getTime())) throw new RangeError(`${field} needs a valid date.`);
}

/**
 * The `Deprecation` field value for a date: a Structured Field Date, `@` and the Unix time in
 * whole seconds (RFC 9745 §2.1). The date may be in the future: the resource will be
 * deprecated then.
 *
 * @throws RangeError for an invalid date
 *
 * @example
 * ```ts
 * import { formatDeprecation } from '@fielding/versioning';
 *
 * formatDeprecation(new Date('2023-06-30T23:59:59Z')); // '@1688169599'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9745#section-2.1
 */
export function formatDeprecation(date: Date): string {
  assertValid(date, 'Deprecation');
  return `@${Math.floor(date.getTime() / 1000)}`;
}

/**
 * Reads a `Deprecation` field value (a Structured Field Date); `undefined` when it is not one.
 *
 * @example
 * ```ts
 * import { parseDeprecation } from '@fielding/versioning';
 *
 * parseDeprecation('@1688169599')?.toISOString(); // '2023-06-30T23:59:59.000Z'
 * parseDeprecation('true'); // undefined (the draft's old form)
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9745#section-2.1
 */
export function parseDeprecation(value: string | null | undefined): Date | undefined {
  const match = SF_DATE.exec(value?.trim() ?? '');
  if (match === null) return undefined;
  const date = new Date(Number(match[1]) * 1000);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The `Sunset` field value for a date: an HTTP-date in IMF-fixdate form (RFC 8594 §3,
 * RFC 9110 §5.6.7).
 *
 * @throws RangeError for an invalid date
 *
 * @example
 * ```ts
 * import { formatSunset } from '@fielding/versioning';
 *
 * formatSunset(new Date('2027-01-01T00:00:00Z')); // 'Fri, 01 Jan 2027 00:00:00 GMT'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8594#section-3
 */
export function formatSunset(date: Date): string {
  assertValid(date, 'Sunset');
  return date.toUTCString();
}

/**
 * Reads a `Sunset` field value (an IMF-fixdate); `undefined` when it is not one or names a day
 * that does not exist. A wrong day name is forgiven, as RFC 9110 §5.6.7 lets a recipient be.
 *
 * @example
 * ```ts
 * import { parseSunset } from '@fielding/versioning';
 *
 * parseSunset('Fri, 01 Jan 2027 00:00:00 GMT')?.toISOString(); // '2027-01-01T00:00:00.000Z'
 * parseSunset('tomorrow'); // undefined
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8594#section-3
 */
export function parseSunset(value: string | null | undefined): Date | undefined {
  const match = IMF_FIXDATE.exec(value?.trim() ?? '');
  if (match === null) return undefined;
  const [, day, month, year, hour, minute, second] = match as unknown as string[];
  const time = Date.UTC(
    Number(year),
    MONTHS.indexOf(month as string),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
  );
  const date = new Date(time);
  // Date.UTC rolls 31 Feb over into March; a date that rolled over was never a date. The day
  // name is not checked: RFC 8594's own example calls 31 Dec 2018 a Saturday.
  const exact =
    date.getUTCDate() === Number(day) &&
    date.getUTCHours() === Number(hour) &&
    date.getUTCMinutes() === Number(minute) &&
    date.getUTCSeconds() === Number(second);
  return exact ? date : undefined;
}
