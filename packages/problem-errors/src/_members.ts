// Checks of the RFC 9457 reserved members shared by HttpError and problem().
import { isUriReference } from './_uri-reference.js';

/** Throws unless `status` is an integer from 400 to 599. */
export function assertErrorStatus(status: number): void {
  if (!Number.isInteger(status) || status < 400 || status > 599) {
    throw new RangeError(
      `A problem status must be an integer from 400 to 599, got ${String(status)}`,
    );
  }
}

/** Throws unless `value` is absent or a URI reference. */
export function assertUriReference(member: string, value: string | undefined): void {
  if (value !== undefined && (typeof value !== 'string' || !isUriReference(value))) {
    throw new TypeError(
      `The problem ${member} must be a URI reference (RFC 3986), got ${JSON.stringify(String(value)).slice(0, 80)}`,
    );
  }
}
