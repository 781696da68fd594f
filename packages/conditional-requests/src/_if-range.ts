import type { EntityTag } from '@fielding/core';
import { strongMatch } from './entity-tag.js';
import { parseHttpDate } from './http-date.js';

/**
 * Evaluates `If-Range` (RFC 9110 §13.1.5): an entity-tag compares strongly; a date must equal a
 * `Last-Modified` that is strong, i.e. at least a second older than now (§8.8.2.2). Anything
 * else — a weak tag, an invalid value — is false, so the `Range` is ignored.
 *
 * @param value - the `If-Range` field value
 * @param current - the current entity-tag, if known
 * @param modified - the current modification time in whole seconds, if known
 * @param now - the current time
 * @returns whether the range may be served
 */
export const evaluateIfRange = (
  value: string,
  current: EntityTag | undefined,
  modified: number | undefined,
  now: number,
): boolean => {
  const text = value.trim();
  if (text.startsWith('"') || text.startsWith('W/')) return strongMatch(text, current);
  const date = parseHttpDate(text, now);
  return (
    date !== undefined &&
    modified !== undefined &&
    date.getTime() === modified &&
    modified + 1000 <= now
  );
};
