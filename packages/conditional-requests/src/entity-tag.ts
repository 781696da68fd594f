import { formatEntityTag, parseEntityTag, type EntityTag } from '@fielding/core';

/** What {@link createEntityTag} builds. */
export interface CreateEntityTagOptions {
  /** Mark the tag weak (`W/"…"`): equal in meaning, not byte for byte. Default `false`. */
  weak?: boolean;
}

// etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3): no DQUOTE, no space, no controls.
const isOpaqueTag = (value: string): boolean => {
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code < 0x21 || code === 0x22 || code === 0x7f || code > 0xff) return false;
  }
  return true;
};

/**
 * Builds an entity-tag field value from a version, a revision counter or a hash.
 *
 * @param opaque - the tag's content without quotes, e.g. a version column
 * @param options - `weak` for a weak validator
 * @returns the quoted tag, e.g. `"7"` or `W/"7"`
 * @throws TypeError when the opaque part holds a character an entity-tag cannot carry
 *
 * @example
 * ```ts
 * createEntityTag(7); // '"7"'
 * createEntityTag('r12', { weak: true }); // 'W/"r12"'
 * ```
 * @see RFC 9110 §8.8.3
 */
export function createEntityTag(
  opaque: string | number,
  options: CreateEntityTagOptions = {},
): string {
  const value = String(opaque);
  if (!isOpaqueTag(value)) {
    throw new TypeError(`An entity-tag cannot contain ${JSON.stringify(value)}`);
  }
  return formatEntityTag({ weak: options.weak === true, opaque: value });
}

const toTag = (value: EntityTag | string | null | undefined): EntityTag | undefined =>
  value === null || value === undefined
    ? undefined
    : typeof value === 'string'
      ? parseEntityTag(value)
      : value;

/**
 * Strong comparison: both tags are strong and their opaque parts are identical. Used for
 * `If-Match` and `If-Range`, where the bytes must be the same.
 *
 * @param a - an entity-tag, parsed or as a field value (`"x"`)
 * @param b - the other entity-tag
 * @returns true when they match strongly; false when either is weak, missing or invalid
 *
 * @example
 * ```ts
 * strongMatch('"1"', '"1"'); // true
 * strongMatch('W/"1"', '"1"'); // false
 * ```
 * @see RFC 9110 §8.8.3.2
 */
export function strongMatch(
  a: EntityTag | string | null | undefined,
  b: EntityTag | string | null | undefined,
): boolean {
  const left = toTag(a);
  const right = toTag(b);
  return (
    left !== undefined &&
    right !== undefined &&
    !left.weak &&
    !right.weak &&
    left.opaque === right.opaque
  );
}

/**
 * Weak comparison: the opaque parts are identical, whether either tag is weak or not. Used for
 * `If-None-Match`, where an equivalent representation is good enough.
 *
 * @param a - an entity-tag, parsed or as a field value (`W/"x"`)
 * @param b - the other entity-tag
 * @returns true when they match weakly; false when either is missing or invalid
 *
 * @example
 * ```ts
 * weakMatch('W/"1"', '"1"'); // true
 * weakMatch('"1"', '"2"'); // false
 * ```
 * @see RFC 9110 §8.8.3.2
 */
export function weakMatch(
  a: EntityTag | string | null | undefined,
  b: EntityTag | string | null | undefined,
): boolean {
  const left = toTag(a);
  const right = toTag(b);
  return left !== undefined && right !== undefined && left.opaque === right.opaque;
}
