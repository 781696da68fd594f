// RFC 6570 URI Templates, parsed once into a compiled form and expanded without re-parsing.
// One pass checks a template against the §2 grammar and compiles it: literals are encoded once
// (§3.1: non-ASCII as UTF-8 octets), each expression keeps its operator's row of the Appendix A
// table. Expansion passes pct-encoded triplets through reserved expansion (§3.2.3: "{+id}" with
// "admin%2F" is "admin%2F"), counts prefixes in Unicode characters (§2.4.1) and encodes
// characters outside the BMP as UTF-8 (§1.6). `uri-template` did the parsing before issue 22; its
// PEG parser accepted `{var:0}`, `{x..y}`, `{%2x}` and a stray `}`, and cost most of a HAL build.

/** A problem found in a template, with the index of the offending character. */
export interface TemplateIssue {
  index: number;
  message: string;
}

// One row of the RFC 6570 Appendix A table of operator behaviours.
interface OperatorRules {
  first: string;
  separator: string;
  named: boolean;
  ifEmpty: string;
  allowReserved: boolean;
}

const rules = (
  first: string,
  separator: string,
  named: boolean,
  ifEmpty: string,
  allowReserved: boolean,
): OperatorRules => ({ first, separator, named, ifEmpty, allowReserved });

const SIMPLE = rules('', ',', false, '', false);
const RULES: Readonly<Record<string, OperatorRules>> = {
  '+': rules('', ',', false, '', true),
  '.': rules('.', '.', false, '', false),
  '/': rules('/', '/', false, '', false),
  ';': rules(';', ';', true, '', false),
  '?': rules('?', '&', true, '=', false),
  '&': rules('&', '&', true, '=', false),
  '#': rules('#', ',', false, '', true),
};

interface Variable {
  readonly name: string;
  readonly explode: boolean;
  /** The prefix length (§2.4.1), or 0 for none. */
  readonly prefix: number;
}

interface Expression {
  readonly rules: OperatorRules;
  readonly variables: readonly Variable[];
}

/** A template parsed once: literals already encoded, expressions ready to expand. */
export interface CompiledTemplate {
  /** Encoded literals (strings) and expressions, in order. */
  readonly parts: readonly (string | Expression)[];
  /** The variable names in order of appearance, without duplicates. */
  readonly variables: readonly string[];
}

// ASCII classes: 1 = unreserved (ALPHA / DIGIT / "-" / "." / "_" / "~"), 2 = reserved
// (gen-delims / sub-delims), 4 = forbidden in a literal (§2.1: CTL, SP, '"<>\^`{|}'; "'" is a
// sub-delim and, as in the RFC's own examples, accepted), 8 = varchar (ALPHA / DIGIT / "_").
const CLASS = new Uint8Array(128);
for (let code = 0; code <= 0x20; code++) CLASS[code] = 4;
CLASS[0x7f] = 4;
for (const character of '"<>\\^`{|}') CLASS[character.charCodeAt(0)] = 4;
for (const character of ":/?#[]@!$&'()*+,;=") CLASS[character.charCodeAt(0)] = 2;
for (const character of '-.~') CLASS[character.charCodeAt(0)] = 1;
for (const character of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz') {
  CLASS[character.charCodeAt(0)] = 1 | 8;
}

const isHexCode = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x66);

const isPctTriplet = (text: string, index: number): boolean =>
  isHexCode(text.charCodeAt(index + 1)) && isHexCode(text.charCodeAt(index + 2));

const isUcsOrPrivate = (codePoint: number): boolean =>
  codePoint >= 0xa0 &&
  !(codePoint >= 0xd800 && codePoint <= 0xdfff) &&
  !(codePoint >= 0xfdd0 && codePoint <= 0xfdef) &&
  (codePoint & 0xfffe) !== 0xfffe;

// §2.2: reserved for future extensions, so a template using them is invalid today.
const RESERVED_OPERATORS = '=,!@|';

/**
 * Checks `template` against the RFC 6570 §2 grammar without allocating anything.
 * Returns the first issue, or `undefined` when the template is valid.
 */
export const findTemplateIssue = (template: string): TemplateIssue | undefined =>
  scan(template, undefined);

/**
 * Checks `template` against the RFC 6570 §2 grammar and compiles it, in one pass.
 * Returns the compiled template, or the first issue when the template is invalid.
 */
export function compileTemplate(template: string): CompiledTemplate | TemplateIssue {
  const parts: (string | Expression)[] = [];
  const issue = scan(template, parts);
  if (issue) return issue;
  const variables: string[] = [];
  for (const part of parts) {
    if (typeof part === 'string') continue;
    for (const { name } of part.variables) if (!variables.includes(name)) variables.push(name);
  }
  return { parts, variables };
}

// The one pass over the grammar; with `parts`, it also collects the compiled template there.
function scan(
  template: string,
  parts: (string | Expression)[] | undefined,
): TemplateIssue | undefined {
  let literalStart = 0;
  let index = 0;
  while (index < template.length) {
    const code = template.charCodeAt(index);
    if (code === 0x7b) {
      const end = template.indexOf('}', index + 1);
      if (end === -1) return { index, message: 'unclosed expression' };
      const variables: Variable[] | undefined = parts && [];
      const issue = scanExpression(template, index + 1, end, variables);
      if (issue) return issue;
      if (parts && variables) {
        if (literalStart < index) parts.push(encodeLiteral(template.slice(literalStart, index)));
        parts.push({ rules: RULES[template[index + 1] as string] ?? SIMPLE, variables });
      }
      index = end + 1;
      literalStart = index;
    } else if (code === 0x25) {
      if (!isPctTriplet(template, index)) {
        return { index, message: "'%' not followed by two hex digits" };
      }
      index += 3;
    } else if (code < 0x80) {
      if ((CLASS[code] as number) & 4) {
        return {
          index,
          message: `character ${JSON.stringify(template[index])} is not allowed in a literal`,
        };
      }
      index += 1;
    } else {
      const codePoint = template.codePointAt(index) as number;
      if (!isUcsOrPrivate(codePoint)) {
        return { index, message: 'character is not allowed in a literal' };
      }
      index += codePoint > 0xffff ? 2 : 1;
    }
  }
  if (parts && literalStart < template.length) {
    parts.push(encodeLiteral(template.slice(literalStart)));
  }
  return undefined;
}

// The expression body is template[start, end): `operator? varspec *( "," varspec )`. With
// `variables`, each varspec is collected there.
function scanExpression(
  template: string,
  start: number,
  end: number,
  variables: Variable[] | undefined,
): TemplateIssue | undefined {
  if (start === end) return { index: start, message: 'empty expression' };
  const first = template[start] as string;
  if (RESERVED_OPERATORS.includes(first)) {
    return { index: start, message: `operator ${JSON.stringify(first)} is reserved` };
  }
  let index = RULES[first] === undefined ? start : start + 1;
  for (;;) {
    // varname = varchar *( ["."] varchar ); varchar = ALPHA / DIGIT / "_" / pct-encoded
    const nameStart = index;
    let previousDot = true;
    while (index < end) {
      const code = template.charCodeAt(index);
      if (code === 0x25) {
        if (!isPctTriplet(template, index) || index + 2 >= end) {
          return { index, message: "'%' not followed by two hex digits" };
        }
        index += 3;
      } else if (code < 0x80 && (CLASS[code] as number) & 8) {
        index += 1;
      } else if (code === 0x2e && !previousDot) {
        index += 1;
        previousDot = true;
        continue;
      } else {
        break;
      }
      previousDot = false;
    }
    if (index === nameStart) return { index, message: 'expected a variable name' };
    if (previousDot) return { index: index - 1, message: "variable name ends with '.'" };
    const nameEnd = index;
    let explode = false;
    let prefix = 0;
    const modifier = template.charCodeAt(index);
    if (modifier === 0x2a && index < end) {
      explode = true;
      index += 1;
    } else if (modifier === 0x3a && index < end) {
      // max-length = %x31-39 0*3DIGIT: 1 to 9999, no leading zero
      const digitsStart = index + 1;
      index = digitsStart;
      while (
        index < end &&
        template.charCodeAt(index) >= 0x30 &&
        template.charCodeAt(index) <= 0x39
      ) {
        prefix = prefix * 10 + template.charCodeAt(index) - 0x30;
        index += 1;
      }
      const digits = index - digitsStart;
      if (digits === 0 || digits > 4 || template.charCodeAt(digitsStart) === 0x30) {
        return { index: digitsStart, message: 'prefix length must be 1 to 9999' };
      }
    }
    variables?.push({ name: template.slice(nameStart, nameEnd), explode, prefix });
    if (index === end) return undefined;
    if (template.charCodeAt(index) !== 0x2c) {
      return { index, message: `unexpected ${JSON.stringify(template[index])} in expression` };
    }
    index += 1;
  }
}

const HEX_DIGITS = '0123456789ABCDEF';
// A character that is not unreserved; with reserved ones, not allowed in a URI as it is ("%"
// included: the slow path checks that it starts a pct-encoded triplet).
const NOT_UNRESERVED = /[^\w.~-]/;
const NOT_URI_CHARACTER = /[^\w!#$&'()*+,./:;=?@[\]~-]/;

const pct = (byte: number): string => `%${HEX_DIGITS[byte >> 4]}${HEX_DIGITS[byte & 15]}`;

// The UTF-8 octets of one code point, pct-encoded; a lone surrogate becomes U+FFFD.
function pctEncodeCodePoint(codePoint: number): string {
  if (codePoint < 0x80) return pct(codePoint);
  if (codePoint < 0x800) return pct(0xc0 | (codePoint >> 6)) + pct(0x80 | (codePoint & 63));
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return '%EF%BF%BD';
  if (codePoint < 0x10000) {
    return (
      pct(0xe0 | (codePoint >> 12)) +
      pct(0x80 | ((codePoint >> 6) & 63)) +
      pct(0x80 | (codePoint & 63))
    );
  }
  return (
    pct(0xf0 | (codePoint >> 18)) +
    pct(0x80 | ((codePoint >> 12) & 63)) +
    pct(0x80 | ((codePoint >> 6) & 63)) +
    pct(0x80 | (codePoint & 63))
  );
}

/**
 * Encodes `text` for an expansion: unreserved characters stay; with `allowReserved`, reserved
 * characters and pct-encoded triplets stay too (§3.2.1). Lone surrogates become U+FFFD.
 */
export function encodeValue(text: string, allowReserved: boolean): string {
  // Most values need no encoding at all; a regular expression finds that out fastest.
  if (!(allowReserved ? NOT_URI_CHARACTER : NOT_UNRESERVED).test(text)) return text;
  const keep = allowReserved ? 3 : 1;
  let index = 0;
  let out = '';
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code < 0x80 && (CLASS[code] as number) & keep) {
      out += text[index];
      index += 1;
    } else if (allowReserved && code === 0x25 && isPctTriplet(text, index)) {
      out += text.slice(index, index + 3);
      index += 3;
    } else {
      const codePoint = text.codePointAt(index) as number;
      out += pctEncodeCodePoint(codePoint);
      index += codePoint > 0xffff ? 2 : 1;
    }
  }
  return out;
}

/** §3.1: literals allowed anywhere in a URI are copied, the rest are UTF-8 pct-encoded. */
export const encodeLiteral = (text: string): string => encodeValue(text, true);

/** Thrown when a value cannot be expanded (a prefix on a list, §2.4.1). */
export class ExpansionError extends TypeError {
  override name = 'ExpansionError' as const;
}

// The first `length` Unicode characters of `text` (§2.4.1 counts characters, not UTF-16 units).
function prefixOf(text: string, length: number): string {
  if (text.length <= length) return text;
  let index = 0;
  for (let count = 0; count < length && index < text.length; count++) {
    const code = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    index += code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
  }
  return text.slice(0, index);
}

const isScalar = (value: unknown): value is string | number | boolean =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

// A named pair: `name=value`, or `name` plus the operator's ifEmpty for an empty value.
const pair = (name: string, text: string, rules: OperatorRules): string =>
  text === '' ? name + rules.ifEmpty : `${name}=${encodeValue(text, rules.allowReserved)}`;

function expandComposite(
  variable: Variable,
  value: object,
  rules: OperatorRules,
): string | undefined {
  const { name, explode } = variable;
  const { allowReserved, named } = rules;
  // Members join with "," unexploded, with the operator's separator exploded (§3.2.1).
  const separator = explode ? rules.separator : ',';
  let out = '';
  let count = 0;
  if (Array.isArray(value)) {
    for (const member of value as readonly unknown[]) {
      if (!isScalar(member)) continue;
      const text = String(member);
      if (count++ > 0) out += separator;
      out += explode && named ? pair(name, text, rules) : encodeValue(text, allowReserved);
    }
  } else {
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (!isScalar(member)) continue;
      const text = String(member);
      if (count++ > 0) out += separator;
      const encodedKey = encodeValue(key, allowReserved);
      if (!explode) out += `${encodedKey},${encodeValue(text, allowReserved)}`;
      else if (named) out += pair(encodedKey, text, rules);
      else out += `${encodedKey}=${encodeValue(text, allowReserved)}`;
    }
  }
  // §2.3: an empty list or an associative array with no defined members counts as undefined.
  if (count === 0) return undefined;
  if (variable.prefix > 0) {
    throw new ExpansionError(`prefix modifier on composite variable ${name} (RFC 6570 §2.4.1)`);
  }
  return named && !explode ? `${name}=${out}` : out;
}

function expandExpression(
  expression: Expression,
  values: Readonly<Record<string, unknown>>,
): string {
  const { rules } = expression;
  let out = '';
  let any = false;
  for (const variable of expression.variables) {
    const value = Object.hasOwn(values, variable.name) ? values[variable.name] : undefined;
    let expanded: string | undefined;
    if (isScalar(value)) {
      const text = variable.prefix > 0 ? prefixOf(String(value), variable.prefix) : String(value);
      expanded = rules.named
        ? pair(variable.name, text, rules)
        : encodeValue(text, rules.allowReserved);
    } else if (typeof value === 'object' && value !== null) {
      expanded = expandComposite(variable, value, rules);
      if (expanded === undefined) continue;
    } else {
      continue;
    }
    out += any ? rules.separator + expanded : rules.first + expanded;
    any = true;
  }
  return out;
}

/** Expands a compiled template with `values` per RFC 6570 Appendix A. */
export function expandTemplate(
  compiled: CompiledTemplate,
  values: Readonly<Record<string, unknown>>,
): string {
  let out = '';
  for (const part of compiled.parts) {
    out += typeof part === 'string' ? part : expandExpression(part, values);
  }
  return out;
}
