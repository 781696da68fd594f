import { isToken, quoteString } from '@fielding/core';
import { encodeLiteral } from './_rfc6570.js';
import type { HalLink } from './hal-types.js';

/** One link of a parsed RFC 8288 `Link` header. */
export interface WebLink {
  /** The target URI reference, as written between `<` and `>` (not resolved). */
  href: string;
  /** The relation types, lower-cased (§3.3); one link can carry several (`rel="next last"`). */
  rel: string[];
  /** The `anchor` parameter: the link context, when it is not the request URI (§3.2). */
  anchor?: string;
  /** The human-readable label: `title*` (RFC 8187-decoded) when present, else `title` (§3.4.1). */
  title?: string;
  /** The language tag of `title*`, when one was given. */
  titleLanguage?: string;
  /** The `hreflang` parameters (§3.4.1; the only one that may repeat). */
  hreflang?: string[];
  /** The `type` parameter: a media type hint. */
  type?: string;
  /** The `media` parameter. */
  media?: string;
  /** Every other parameter, names lower-cased, first occurrence kept, `name*` values decoded. */
  parameters: Record<string, string>;
}

/** A link to serialise with {@link formatLinkHeader}. */
export interface WebLinkInit {
  /** The target URI reference; characters not allowed in a URI are pct-encoded. */
  href: string;
  /**
   * One relation type or several (a list, or one string separated by spaces): registered names
   * such as `next`, or absolute URIs (RFC 8288 §2.1). Anything else is refused.
   */
  rel: string | readonly string[];
  /** The link context, when it is not the request URI. */
  anchor?: string;
  /** A label; non-ASCII titles are sent as `title*=UTF-8''…` (RFC 8187). */
  title?: string;
  /** The language tag for a `title*`. */
  titleLanguage?: string;
  /** One or more language tags of the target. */
  hreflang?: string | readonly string[];
  /** A media type hint. */
  type?: string;
  /** A media query. */
  media?: string;
  /** Extension parameters; a name ending in `*` is RFC 8187-encoded. */
  parameters?: Readonly<Record<string, string>>;
}

// What parseLinkHeader keeps of one header: links, parameters per link, characters read.
export const MAX_LINKS = 128;
export const MAX_LINK_PARAMETERS = 32;
export const MAX_LINK_HEADER_LENGTH = 32_768;

const isWhitespace = (code: number): boolean => code === 0x20 || code === 0x09;

const HEX_VALUE = (code: number): number => {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
};

/**
 * Decodes an RFC 8187 `ext-value` (`UTF-8'en'%E2%82%AC`); `undefined` when malformed.
 * Only UTF-8 and ISO-8859-1 are supported, as §3.2.1 requires of recipients.
 */
function decodeExtValue(value: string): { text: string; language: string } | undefined {
  const first = value.indexOf("'");
  const second = first === -1 ? -1 : value.indexOf("'", first + 1);
  if (second === -1) return undefined;
  const charset = value.slice(0, first).toLowerCase();
  if (charset !== 'utf-8' && charset !== 'iso-8859-1') return undefined;
  const bytes: number[] = [];
  for (let index = second + 1; index < value.length; index++) {
    const code = value.charCodeAt(index);
    if (code === 0x25) {
      const high = HEX_VALUE(value.charCodeAt(index + 1));
      const low = HEX_VALUE(value.charCodeAt(index + 2));
      if (high < 0 || low < 0) return undefined;
      bytes.push(high * 16 + low);
      index += 2;
    } else if (code < 0x80 && code > 0x20) {
      bytes.push(code);
    } else {
      return undefined;
    }
  }
  const language = value.slice(first + 1, second);
  if (charset === 'iso-8859-1') return { text: String.fromCharCode(...bytes), language };
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes)),
      language,
    };
  } catch {
    return undefined;
  }
}

function toWebLink(href: string, parameters: [string, string][]): WebLink | undefined {
  const link: WebLink = { href, rel: [], parameters: {} };
  let sawRel = false;
  let plainTitle: string | undefined;
  for (const [name, value] of parameters) {
    if (name === 'rel') {
      // §3.3: "MUST NOT appear more than once in a given link-value; occurrences after the
      // first MUST be ignored by parsers."
      if (sawRel) continue;
      sawRel = true;
      link.rel = value
        .split(/[ \t]+/)
        .filter((rel) => rel !== '')
        .map((rel) => rel.toLowerCase());
    } else if (name === 'anchor') {
      link.anchor ??= value;
    } else if (name === 'title') {
      plainTitle ??= value;
    } else if (name === 'title*') {
      const decoded = link.titleLanguage === undefined ? decodeExtValue(value) : undefined;
      if (decoded) {
        link.title = decoded.text;
        link.titleLanguage = decoded.language;
      }
    } else if (name === 'hreflang') {
      (link.hreflang ??= []).push(value);
    } else if (name === 'type') {
      link.type ??= value;
    } else if (name === 'media') {
      link.media ??= value;
    } else if (!Object.hasOwn(link.parameters, name)) {
      if (name.endsWith('*')) {
        const decoded = decodeExtValue(value);
        if (decoded) link.parameters[name] = decoded.text;
      } else {
        link.parameters[name] = value;
      }
    }
  }
  if (link.title === undefined && plainTitle !== undefined) link.title = plainTitle;
  return link.rel.length > 0 ? link : undefined;
}

/**
 * Parses an RFC 8288 `Link` header into links. Never throws; links without a `rel` and
 * malformed members are skipped; one pass over the input, keeping at most 128 links of 32
 * parameters from the first 32,768 characters.
 *
 * @param value - the field value (several `Link` lines joined with `, ` are fine)
 * @returns the links in header order
 * @example
 * ```ts
 * parseLinkHeader('</posts?page=2>; rel="next", </posts?page=9>; rel=last');
 * // [{ href: '/posts?page=2', rel: ['next'], parameters: {} }, …]
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8288#section-3
 * @see https://www.rfc-editor.org/rfc/rfc8288#appendix-B.2
 */
export function parseLinkHeader(value: string | null | undefined): WebLink[] {
  if (typeof value !== 'string') return [];
  const text =
    value.length > MAX_LINK_HEADER_LENGTH ? value.slice(0, MAX_LINK_HEADER_LENGTH) : value;
  const links: WebLink[] = [];
  let index = 0;
  const length = text.length;
  const skipWhitespace = (): void => {
    while (index < length && isWhitespace(text.charCodeAt(index))) index++;
  };
  // Skip to just after the next top-level comma, minding quoted strings.
  const skipToNextLink = (): void => {
    let quoted = false;
    while (index < length) {
      const code = text.charCodeAt(index++);
      if (quoted) {
        if (code === 0x5c) index++;
        else if (code === 0x22) quoted = false;
      } else if (code === 0x22) quoted = true;
      else if (code === 0x2c) return;
    }
  };

  while (index < length && links.length < MAX_LINKS) {
    skipWhitespace();
    if (text.charCodeAt(index) === 0x2c) {
      index++;
      continue;
    }
    if (index >= length) break;
    if (text.charCodeAt(index) !== 0x3c) {
      skipToNextLink();
      continue;
    }
    const close = text.indexOf('>', index + 1);
    if (close === -1) break;
    const href = text.slice(index + 1, close).trim();
    index = close + 1;
    const parameters: [string, string][] = [];
    let valid = true;
    for (;;) {
      skipWhitespace();
      const code = text.charCodeAt(index);
      if (index >= length || code === 0x2c) break;
      if (code !== 0x3b) {
        valid = false;
        break;
      }
      index++;
      skipWhitespace();
      const nameStart = index;
      while (index < length) {
        const c = text.charCodeAt(index);
        if (c === 0x3d || c === 0x3b || c === 0x2c || isWhitespace(c)) break;
        index++;
      }
      const name = text.slice(nameStart, index).toLowerCase();
      skipWhitespace();
      let parameterValue = '';
      if (text.charCodeAt(index) === 0x3d) {
        index++;
        skipWhitespace();
        if (text.charCodeAt(index) === 0x22) {
          index++;
          let chunkStart = index;
          let closed = false;
          while (index < length) {
            const c = text.charCodeAt(index);
            if (c === 0x22) {
              parameterValue += text.slice(chunkStart, index);
              index++;
              closed = true;
              break;
            }
            if (c === 0x5c) {
              parameterValue += text.slice(chunkStart, index);
              chunkStart = index + 1;
              index += 2;
              continue;
            }
            index++;
          }
          if (!closed) {
            valid = false;
            break;
          }
        } else {
          const valueStart = index;
          while (index < length) {
            const c = text.charCodeAt(index);
            if (c === 0x3b || c === 0x2c || isWhitespace(c)) break;
            index++;
          }
          parameterValue = text.slice(valueStart, index);
        }
      }
      if (name !== '' && parameters.length < MAX_LINK_PARAMETERS) {
        parameters.push([name, parameterValue]);
      }
    }
    if (!valid) {
      skipToNextLink();
      continue;
    }
    const link = toWebLink(href, parameters);
    if (link) links.push(link);
  }
  return links;
}

const HEX_DIGITS = '0123456789ABCDEF';
// RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
const ATTR_CHAR = /^[\w!#$&+.^`|~-]$/;
const encoder = new TextEncoder();

const encodeExtValue = (text: string, language = ''): string => {
  let out = `UTF-8'${language}'`;
  for (const byte of encoder.encode(text)) {
    const character = String.fromCharCode(byte);
    out +=
      byte < 0x80 && ATTR_CHAR.test(character)
        ? character
        : `%${HEX_DIGITS[byte >> 4]}${HEX_DIGITS[byte & 15]}`;
  }
  return out;
};

// Non-ASCII or control characters cannot go in a quoted-string; RFC 8187 is the way.
const needsExtValue = (text: string): boolean => {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code > 0x7e || (code < 0x20 && code !== 0x09)) return true;
  }
  return false;
};

const parameter = (name: string, value: string): string =>
  needsExtValue(value)
    ? `; ${name.endsWith('*') ? name : `${name}*`}=${encodeExtValue(value)}`
    : name.endsWith('*')
      ? `; ${name}=${encodeExtValue(value)}`
      : `; ${name}=${quoteString(value)}`;

// RFC 8288 §2.1: relation-type = reg-rel-type / ext-rel-type, where reg-rel-type = LOALPHA
// *( LOALPHA / DIGIT / "." / "-" ) (compared case-insensitively) and ext-rel-type = URI.
const REG_REL_TYPE = /^[a-z][\d.a-z-]*$/i;
const EXT_REL_TYPE = /^[a-z][\d+.a-z-]*:(?:[\w!#$&'()*+,./:;=?@[\]~-]|%[\da-f]{2})*$/i;
// RFC 5646 Language-Tag, loosely: alphanumeric subtags joined by "-".
const LANGUAGE_TAG = /^[\da-z]{1,8}(?:-[\da-z]{1,8})*$/i;

function relationType(rel: string): string {
  if (REG_REL_TYPE.test(rel) || EXT_REL_TYPE.test(rel)) return rel;
  throw new TypeError(
    `Invalid link relation type ${JSON.stringify(rel)}: a registered name or an absolute URI (RFC 8288 §2.1)`,
  );
}

// The value of `rel`, always quoted as the RFC 8288 §3.3 examples are.
function relationTypes(rel: string | readonly string[]): string {
  if (typeof rel === 'string' && REG_REL_TYPE.test(rel)) return rel;
  const list = typeof rel === 'string' ? rel.split(' ').filter((name) => name !== '') : rel;
  if (list.length === 0) throw new TypeError('A link needs at least one relation type');
  let out = relationType(list[0] as string);
  for (let index = 1; index < list.length; index++)
    out += ` ${relationType(list[index] as string)}`;
  return out;
}

const title = (text: string, language: string | undefined): string => {
  if (language !== undefined) {
    if (!LANGUAGE_TAG.test(language)) {
      throw new TypeError(`Invalid language tag ${JSON.stringify(language)} for title*`);
    }
    return `; title*=${encodeExtValue(text, language)}`;
  }
  return needsExtValue(text) ? `; title*=${encodeExtValue(text)}` : `; title=${quoteString(text)}`;
};

function formatWebLink(link: WebLinkInit): string {
  let out = `<${encodeLiteral(link.href)}>; rel="${relationTypes(link.rel)}"`;
  if (link.anchor !== undefined) out += `; anchor="${encodeLiteral(link.anchor)}"`;
  if (link.title !== undefined) out += title(link.title, link.titleLanguage);
  const { hreflang } = link;
  if (typeof hreflang === 'string') out += `; hreflang=${quoteString(hreflang)}`;
  else if (hreflang !== undefined)
    for (const tag of hreflang) out += `; hreflang=${quoteString(tag)}`;
  if (link.type !== undefined) out += `; type=${quoteString(link.type)}`;
  if (link.media !== undefined) out += `; media=${quoteString(link.media)}`;
  const { parameters } = link;
  if (parameters !== undefined) {
    for (const name of Object.keys(parameters)) {
      if (isToken(name.endsWith('*') ? name.slice(0, -1) : name)) {
        out += parameter(name, parameters[name] as string);
      }
    }
  }
  return out;
}

// A HAL Link Object under `rel`: its target attributes are RFC 8288's own (title, type,
// hreflang); name, profile and deprecation have no Link header counterpart and stay out.
function formatHalLink(link: string | HalLink, rel: string): string {
  if (typeof link === 'string') return `<${encodeLiteral(link)}>; rel="${relationTypes(rel)}"`;
  if (link.templated === true) {
    throw new TypeError(
      `The ${rel} link is templated: a Link header carries URIs, not URI Templates`,
    );
  }
  let out = `<${encodeLiteral(link.href)}>; rel="${relationTypes(rel)}"`;
  if (link.title !== undefined) out += title(link.title, undefined);
  if (link.hreflang !== undefined) out += `; hreflang=${quoteString(link.hreflang)}`;
  if (link.type !== undefined) out += `; type=${quoteString(link.type)}`;
  return out;
}

/**
 * Serialises links into an RFC 8288 `Link` header value. Give a list of links, one link, or links
 * by relation type as in HAL `_links` (an href or Link Object, or a list of them, per rel;
 * `undefined` skipped; an object with a string `href` is one link). Relation types must be
 * registered names or absolute URIs; `href` and `anchor` are pct-encoded where a URI may not
 * hold a character; non-ASCII titles and parameters become `name*=UTF-8''…` (RFC 8187).
 *
 * @param links - the links, in header order
 * @returns the field value; an empty string without links
 * @throws TypeError for an invalid relation type, language tag or media type, or a templated link
 * @example
 * ```ts
 * formatLinkHeader({ self: '/posts?page=1', next: { href: '/posts?page=2', title: 'Seite 2' } });
 * // '</posts?page=1>; rel="self", </posts?page=2>; rel="next"; title="Seite 2"'
 * formatLinkHeader([{ href: '/posts?page=9', rel: ['last', 'https://rels.test/end'] }]);
 * // '</posts?page=9>; rel="last https://rels.test/end"'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8288#section-3
 */
export function formatLinkHeader(
  links:
    | WebLinkInit
    | readonly WebLinkInit[]
    | Readonly<Record<string, string | HalLink | readonly (string | HalLink)[] | undefined>>,
): string {
  if (Array.isArray(links)) {
    const list = links as readonly WebLinkInit[];
    let out = '';
    for (let index = 0; index < list.length; index++) {
      out +=
        index === 0
          ? formatWebLink(list[index] as WebLinkInit)
          : `, ${formatWebLink(list[index] as WebLinkInit)}`;
    }
    return out;
  }
  if (typeof (links as WebLinkInit).href === 'string') return formatWebLink(links as WebLinkInit);
  const byRel = links as Readonly<
    Record<string, string | HalLink | readonly (string | HalLink)[] | undefined>
  >;
  let out = '';
  for (const rel of Object.keys(byRel)) {
    const value = byRel[rel];
    if (value === undefined) continue;
    if (typeof value === 'string' || !Array.isArray(value)) {
      out +=
        out === ''
          ? formatHalLink(value as string | HalLink, rel)
          : `, ${formatHalLink(value as string | HalLink, rel)}`;
    } else {
      for (const link of value as readonly (string | HalLink)[]) {
        out += out === '' ? formatHalLink(link, rel) : `, ${formatHalLink(link, rel)}`;
      }
    }
  }
  return out;
}
