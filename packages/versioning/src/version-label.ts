// One spelling per version: `v2`, `V2`, `2`, `2.0` and `02` all name version 2, so every
// strategy (a path segment, a query parameter, a header, a media type) agrees on what a client
// asked for, and the declared versions can be written either way.

const VERSION = /^v?(\d{1,9})(?:\.(\d{1,9}))?$/i;

/**
 * The canonical label of a version as a client or a declaration writes it: `v2`, `2` and `2.0`
 * give `'2'`; `2.1` gives `'2.1'`; anything else gives `undefined`.
 *
 * @param text - the version as written (`v2`, `2.0`, …)
 * @returns the canonical label, or `undefined` when `text` is not a version
 *
 * @example
 * ```ts
 * import { normalizeVersion } from '@fielding/versioning';
 *
 * normalizeVersion('v2'); // '2'
 * normalizeVersion('2.0'); // '2'
 * normalizeVersion('2.1'); // '2.1'
 * normalizeVersion('two'); // undefined
 * ```
 */
export function normalizeVersion(text: string): string | undefined {
  const match = VERSION.exec(text);
  if (match === null) return undefined;
  const major = String(Number(match[1]));
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  return minor === 0 ? major : `${major}.${minor}`;
}
