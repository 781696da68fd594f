// RFC 6570 pieces that `uri-template` gets wrong or leaves out. The package parses templates
// into an AST; this file (1) checks a template against the RFC 6570 §2 grammar first, because
// the package's grammar accepts `{var:0}`, `{x..y}`, `{%2x}` and a stray `}`, and (2) expands
// the AST per Appendix A with three fixes the RFC makes clear: pct-encoded triplets pass through
// reserved expansion (§3.2.3: "{+id}" with "admin%2F" is "admin%2F", not "admin%252F"), prefixes
// count Unicode characters, not UTF-16 units (§2.4.1), and characters outside the BMP and
// non-ASCII literals are encoded as UTF-8 octets (§1.6, §3.1).
import type { RuleToNode } from 'uri-template';

type Template = RuleToNode['template'];
type Expression = RuleToNode['expression'];
type Variable = RuleToNode['variable'];

/** A problem found in a template, with the index of the offending character. */
export interface TemplateIssue {
  index: number;
  message: string;
}

const HEX = /^[\dA-F]$/i;

const isHex = (character: string | undefined): boolean =>
  character !== undefined && HEX.test(character);

const isAlphaDigit = (code: number): boolean =>
  (code >= 0x30 && code <= 0x39) ||
  (code >= 0x41 && code <= 0x5a) ||
  (code >= 0x61 && code <= 0x7a);

// §2.1 literals: any character allowed in a URI, plus ucschar / iprivate, minus the ones listed.
// The ABNF leaves out "'" (a sub-delim, so legal in a URI); the RFC's own examples and the
// uritemplate-test suite use it as a literal, so it is accepted here.
const FORBIDDEN_LITERALS = new Set([...'"<>\\^`{|}']);

const isUcsOrPrivate = (codePoint: number): boolean =>
  codePoint >= 0xa0 &&
  !(codePoint >= 0xd800 && codePoint <= 0xdfff) &&
  !(codePoint >= 0xfdd0 && codePoint <= 0xfdef) &&
  (codePoint & 0xfffe) !== 0xfffe;

const OPERATORS = new Set([...'+#./;?&']);
// §2.2: reserved for future extensions, so a template using them is invalid today.
const RESERVED_OPERATORS = new Set([...'=,!@|']);

/**
 * Checks `template` against the RFC 6570 §2 grammar in one pass.
 * Returns the first issue, or `undefined` when the template is valid.
 */
export function findTemplateIssue(template: string): TemplateIssue | undefined {
  let index = 0;
  while (index < template.length) {
    const character = template[index] as string;
    if (character === '{') {
      const end = template.indexOf('}', index + 1);
      if (end === -1) return { index, message: 'unclosed expression' };
      const issue = findExpressionIssue(template.slice(index + 1, end), index + 1);
      if (issue) return issue;
      index = end + 1;
      continue;
    }
    if (character === '%') {
      if (!isHex(template[index + 1]) || !isHex(template[index + 2])) {
        return { index, message: "'%' not followed by two hex digits" };
      }
      index += 3;
      continue;
    }
    const codePoint = template.codePointAt(index) as number;
    if (codePoint <= 0x20 || codePoint === 0x7f || FORBIDDEN_LITERALS.has(character)) {
      return {
        index,
        message: `character ${JSON.stringify(character)} is not allowed in a literal`,
      };
    }
    if (codePoint >= 0x80 && !isUcsOrPrivate(codePoint)) {
      return { index, message: 'character is not allowed in a literal' };
    }
    index += codePoint > 0xffff ? 2 : 1;
  }
  return undefined;
}

function findExpressionIssue(body: string, offset: number): TemplateIssue | undefined {
  let index = 0;
  const first = body[0];
  if (first === undefined) return { index: offset, message: 'empty expression' };
  if (RESERVED_OPERATORS.has(first)) {
    return { index: offset, message: `operator ${JSON.stringify(first)} is reserved` };
  }
  if (OPERATORS.has(first)) index = 1;
  for (;;) {
    // varname = varchar *( ["."] varchar ); varchar = ALPHA / DIGIT / "_" / pct-encoded
    const start = index;
    let previousDot = true;
    while (index < body.length) {
      const character = body[index] as string;
      if (character === '%') {
        if (!isHex(body[index + 1]) || !isHex(body[index + 2])) {
          return { index: offset + index, message: "'%' not followed by two hex digits" };
        }
        index += 3;
      } else if (character === '_' || isAlphaDigit(character.charCodeAt(0))) {
        index += 1;
      } else if (character === '.' && !previousDot) {
        index += 1;
        previousDot = true;
        continue;
      } else {
        break;
      }
      previousDot = false;
    }
    if (index === start) return { index: offset + index, message: 'expected a variable name' };
    if (previousDot) return { index: offset + index - 1, message: "variable name ends with '.'" };
    const modifier = body[index];
    if (modifier === '*') {
      index += 1;
    } else if (modifier === ':') {
      // max-length = %x31-39 0*3DIGIT: 1 to 9999, no leading zero
      const digitsStart = index + 1;
      let end = digitsStart;
      while (end < body.length && body.charCodeAt(end) >= 0x30 && body.charCodeAt(end) <= 0x39) {
        end += 1;
      }
      const digits = body.slice(digitsStart, end);
      if (digits.length === 0 || digits.length > 4 || digits[0] === '0') {
        return { index: offset + digitsStart, message: 'prefix length must be 1 to 9999' };
      }
      index = end;
    }
    if (index === body.length) return undefined;
    if (body[index] !== ',') {
      return {
        index: offset + index,
        message: `unexpected ${JSON.stringify(body[index])} in expression`,
      };
    }
    index += 1;
  }
}

/** A value a template variable can take (RFC 6570 §2.3: string, list or associative array). */
export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly (string | number | boolean | null | undefined)[]
  | { readonly [key: string]: string | number | boolean | null | undefined };

const encoder = new TextEncoder();
const HEX_DIGITS = '0123456789ABCDEF';

// unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~"; reserved adds gen-delims and sub-delims.
const UNRESERVED = new Set([...'-._~']);
const RESERVED = new Set([...":/?#[]@!$&'()*+,;="]);

const pctEncode = (text: string): string => {
  let out = '';
  for (const byte of encoder.encode(text)) {
    out += `%${HEX_DIGITS[byte >> 4]}${HEX_DIGITS[byte & 15]}`;
  }
  return out;
};

/**
 * Encodes `text` for an expansion: unreserved characters stay; with `allowReserved`, reserved
 * characters and pct-encoded triplets stay too (§3.2.1). Lone surrogates become U+FFFD.
 */
export function encodeValue(text: string, allowReserved: boolean): string {
  let out = '';
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const character = text[index] as string;
    if (code < 0x80 && (isAlphaDigit(code) || UNRESERVED.has(character))) {
      out += character;
      index += 1;
    } else if (allowReserved && RESERVED.has(character)) {
      out += character;
      index += 1;
    } else if (
      allowReserved &&
      character === '%' &&
      isHex(text[index + 1]) &&
      isHex(text[index + 2])
    ) {
      out += text.slice(index, index + 3);
      index += 3;
    } else {
      const codePoint = text.codePointAt(index) as number;
      const width = codePoint > 0xffff ? 2 : 1;
      out += pctEncode(text.slice(index, index + width));
      index += width;
    }
  }
  return out;
}

/** §3.1: literals allowed anywhere in a URI are copied, the rest are UTF-8 pct-encoded. */
export const encodeLiteral = (text: string): string => encodeValue(text, true);

interface OperatorRules {
  first: string;
  separator: string;
  named: boolean;
  ifEmpty: string;
  allowReserved: boolean;
}

// RFC 6570 Appendix A, the table of operator behaviours.
const RULES: Record<string, OperatorRules> = {
  '': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: false },
  '+': { first: '', separator: ',', named: false, ifEmpty: '', allowReserved: true },
  '.': { first: '.', separator: '.', named: false, ifEmpty: '', allowReserved: false },
  '/': { first: '/', separator: '/', named: false, ifEmpty: '', allowReserved: false },
  ';': { first: ';', separator: ';', named: true, ifEmpty: '', allowReserved: false },
  '?': { first: '?', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
  '&': { first: '&', separator: '&', named: true, ifEmpty: '=', allowReserved: false },
  '#': { first: '#', separator: ',', named: false, ifEmpty: '', allowReserved: true },
};

type Scalar = string | number | boolean;

const isScalar = (value: unknown): value is Scalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

const definedMembers = (value: readonly unknown[]): string[] => value.filter(isScalar).map(String);

const definedPairs = (value: object): [string, string][] =>
  Object.entries(value)
    .filter((entry): entry is [string, Scalar] => isScalar(entry[1]))
    .map(([key, member]) => [key, String(member)]);

/** Thrown when a value cannot be expanded (a prefix on a list, §2.4.1). */
export class ExpansionError extends TypeError {
  override name = 'ExpansionError' as const;
}

function expandVariable(
  variable: Variable,
  value: unknown,
  rules: OperatorRules,
): string | undefined {
  const encode = (text: string): string => encodeValue(text, rules.allowReserved);
  const { name } = variable;
  if (isScalar(value)) {
    let text = String(value);
    if (variable.modifier?.type === 'substr') {
      text = Array.from(text).slice(0, variable.modifier.length).join('');
    }
    if (!rules.named) return encode(text);
    return text === '' ? name + rules.ifEmpty : `${name}=${encode(text)}`;
  }
  if (value === null || typeof value !== 'object') return undefined;
  // §2.3: an empty list or an associative array with no defined members counts as undefined.
  const members: string[] | [string, string][] = Array.isArray(value)
    ? definedMembers(value)
    : definedPairs(value);
  if (members.length === 0) return undefined;
  if (variable.modifier?.type === 'substr') {
    throw new ExpansionError(`prefix modifier on composite variable ${name} (RFC 6570 §2.4.1)`);
  }
  const isList = Array.isArray(value);
  if (variable.modifier?.type !== 'explode') {
    const joined = isList
      ? (members as string[]).map(encode).join(',')
      : (members as [string, string][]).map(([k, v]) => `${encode(k)},${encode(v)}`).join(',');
    return rules.named ? `${name}=${joined}` : joined;
  }
  const pair = (key: string, text: string): string =>
    text === '' ? key + rules.ifEmpty : `${key}=${encode(text)}`;
  if (isList) {
    return (members as string[])
      .map((member) => (rules.named ? pair(name, member) : encode(member)))
      .join(rules.separator);
  }
  return (members as [string, string][])
    .map(([key, member]) =>
      rules.named ? pair(encode(key), member) : `${encode(key)}=${encode(member)}`,
    )
    .join(rules.separator);
}

function expandExpression(
  expression: Expression,
  values: Readonly<Record<string, unknown>>,
): string {
  const rules = RULES[expression.operator] ?? (RULES[''] as OperatorRules);
  const parts: string[] = [];
  for (const variable of expression.variables) {
    const value = Object.hasOwn(values, variable.name) ? values[variable.name] : undefined;
    const expanded = expandVariable(variable, value, rules);
    if (expanded !== undefined) parts.push(expanded);
  }
  return parts.length === 0 ? '' : rules.first + parts.join(rules.separator);
}

/** Expands a parsed template with `values` per RFC 6570 Appendix A. */
export function expandAst(ast: Template, values: Readonly<Record<string, unknown>>): string {
  let out = '';
  for (const part of ast.parts) {
    out += part.type === 'literal' ? encodeLiteral(part.value) : expandExpression(part, values);
  }
  return out;
}
