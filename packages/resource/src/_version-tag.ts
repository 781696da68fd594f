// Strong entity-tags per version *and* representation (RFC 9110 §8.8.3: two representations of
// one state are different bytes, so they need different strong tags): `"v3-m1a2b3c-hal"`.
// The modification time rides along, so an id deleted and created again at version 1 never
// repeats an old tag. BELONGS IN @fielding/conditional-requests: accepting, for an unsafe
// method, any representation's tag of the current version (If-Match pins the version, not the
// format the client read); kept private behind this module until conditional-requests has it.
import { formatEntityTag, parseEntityTagList } from '@fielding/core';
import type { Validator } from './store.js';

/** The opaque part that names one version: `v3-m1a2b3c`. */
export function versionStamp(validator: Validator): string {
  return `v${validator.version}-${validator.modified.getTime().toString(36)}`;
}

/** The strong entity-tag of one version in one representation. */
export function versionTag(validator: Validator, variant: string): string {
  return `"${versionStamp(validator)}-${variant}"`;
}

/**
 * The tag to evaluate `If-Match` against for an unsafe method: a tag the request names for the
 * current version in any representation, when there is one (so a client that read JSON may
 * write with the HAL default), else the tag of the negotiated representation.
 */
export function pinnedTag(request: Request, validator: Validator, variant: string): string {
  const field = request.headers.get('if-match');
  const own = versionTag(validator, variant);
  // The usual case, the tag the client was sent: nothing to parse.
  if (field === null || field === own) return own;
  const tags = parseEntityTagList(field);
  if (tags === '*') return own;
  const stamp = `${versionStamp(validator)}-`;
  for (const tag of tags) {
    if (!tag.weak && tag.opaque.startsWith(stamp)) return formatEntityTag(tag);
  }
  return own;
}
