import { COMMA, DQUOTE, isEtagc, isOws, trimOws } from './_chars.js';
import { MAX_LIST_MEMBERS } from './limits.js';

/** An entity tag: the opaque validator of a representation, strong or weak. */
export interface EntityTag {
  /** `true` for a weak tag (`W/"…"`), usable only for weak comparison. */
  weak: boolean;
  /** The opaque part without its quotes, e.g. `abc` for `W/"abc"`. */
  opaque: string;
}

const W = 0x57;
const SLASH = 0x2f;

// Reads one entity-tag starting at `start`; returns the index just past its closing quote and
// fills `out`, or returns -1. etagc has no escapes: a backslash is an ordinary character.
function scanEntityTag(value: string, start: number, out: EntityTag): number {
  let index = start;
  let weak = false;
  if (value.charCodeAt(index) === W && value.charCodeAt(index + 1) === SLASH) {
    weak = true;
    index += 2;
  }
  if (value.charCodeAt(index) !== DQUOTE) return -1;
  const open = index + 1;
  for (index = open; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === DQUOTE) {
      out.weak = weak;
      out.opaque = value.slice(open, index);
      return index + 1;
    }
    if (!isEtagc(code)) return -1;
  }
  return -1;
}

/**
 * Parses one entity tag, as found in `ETag` or a member of `If-Match`. The `W/` prefix is
 * case-sensitive, as the grammar says. Never throws.
 *
 * @param value - e.g. `W/"xyzzy"`; whitespace around it is ignored
 * @returns the tag, or `undefined` when `value` is not exactly one entity-tag
 *
 * @example
 * ```ts
 * import { parseEntityTag } from '@fielding/core';
 *
 * parseEntityTag('W/"xyzzy"'); // { weak: true, opaque: 'xyzzy' }
 * parseEntityTag('xyzzy'); // undefined
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3
 */
export function parseEntityTag(value: string): EntityTag | undefined {
  if (typeof value !== 'string') return undefined;
  const text = trimOws(value);
  const tag: EntityTag = { weak: false, opaque: '' };
  return scanEntityTag(text, 0, tag) === text.length ? tag : undefined;
}

/**
 * Parses `If-Match` / `If-None-Match`: `*`, or a comma-separated list of entity tags (a comma
 * inside a tag does not split). Invalid members are skipped — including a `*` mixed with tags,
 * which the grammar does not allow. Never throws; keeps at most {@link MAX_LIST_MEMBERS} tags.
 *
 * @param value - the field value; `null`/`undefined` (absent) give `[]`
 * @returns `'*'` when the value is exactly `*`, otherwise the valid tags in order
 *
 * @example
 * ```ts
 * import { parseEntityTagList } from '@fielding/core';
 *
 * parseEntityTagList('"a,b", W/"c", junk'); // [{ weak: false, opaque: 'a,b' }, { weak: true, opaque: 'c' }]
 * parseEntityTagList('*'); // '*'
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-13.1.1
 */
export function parseEntityTagList(value: string | null | undefined): EntityTag[] | '*' {
  const tags: EntityTag[] = [];
  if (typeof value !== 'string') return tags;
  if (trimOws(value) === '*') return '*';
  const length = value.length;
  let index = 0;
  while (index < length && tags.length < MAX_LIST_MEMBERS) {
    const code = value.charCodeAt(index);
    if (code === COMMA || isOws(code)) {
      index++;
      continue;
    }
    const tag: EntityTag = { weak: false, opaque: '' };
    let end = scanEntityTag(value, index, tag);
    if (end !== -1) {
      while (end < length && isOws(value.charCodeAt(end))) end++;
      if (end === length || value.charCodeAt(end) === COMMA) {
        tags.push(tag);
        index = end;
        continue;
      }
    }
    // Not a tag: skip to the next comma outside double quotes, so junk such as `x"a,b"` is
    // dropped whole rather than split into pieces that could parse.
    let inQuotes = false;
    while (index < length) {
      const char = value.charCodeAt(index);
      if (char === DQUOTE) inQuotes = !inQuotes;
      else if (char === COMMA && !inQuotes) break;
      index++;
    }
  }
  return tags;
}

/**
 * Serialises an entity tag for `ETag` (or a member of `If-Match`).
 *
 * @param tag - the tag; its `opaque` must consist of etagc characters (no `"`, no controls)
 * @returns `W/"opaque"` for a weak tag, `"opaque"` for a strong one
 * @throws TypeError when `opaque` holds a character an entity tag cannot carry
 *
 * @example
 * ```ts
 * import { formatEntityTag } from '@fielding/core';
 *
 * formatEntityTag({ weak: true, opaque: 'v7' }); // 'W/"v7"'
 * ```
 *
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-8.8.3
 */
export function formatEntityTag(tag: EntityTag): string {
  const { opaque } = tag;
  for (let index = 0; index < opaque.length; index++) {
    if (!isEtagc(opaque.charCodeAt(index))) {
      throw new TypeError(
        `formatEntityTag: character at index ${index} of ${JSON.stringify(opaque)} cannot appear in an entity tag`,
      );
    }
  }
  return tag.weak ? `W/"${opaque}"` : `"${opaque}"`;
}
