import type { RouteEntry } from '@fielding/core';
import {
  isAsciiLetter,
  isCamelCase,
  isDigit,
  isLower,
  toCamelCase,
  toKebabCase,
  words,
} from './_naming.js';

/** The rules {@link lintRoutes} applies; each finding names one. */
export type RouteRule =
  | 'kebab-case'
  | 'plural-collection'
  | 'no-verb'
  | 'camel-case-param'
  | 'max-depth';

/** One thing {@link lintRoutes} found wrong with a pattern. */
export interface RouteFinding {
  /** The pattern as given. */
  pattern: string;
  /** The rule it breaks. */
  rule: RouteRule;
  /** The offending segment or parameter name; the whole pattern for `max-depth`. */
  subject: string;
  /** What is wrong and what to do, in one sentence. */
  message: string;
  /** A replacement for `subject` that satisfies the rule, when one can be guessed. */
  suggestion?: string;
}

/** Options of {@link lintRoutes}. */
export interface LintRoutesOptions {
  /**
   * Verbs that may end a path as an action sub-resource right after a parameter, such as
   * `resend` in `/alerts/{alertId}/resend`. Anywhere else they are still verbs. Default: none.
   */
  actions?: readonly string[];
  /** Words accepted as plural collection nouns besides {@link IRREGULAR_PLURALS}. Default: none. */
  plurals?: readonly string[];
  /** Verbs that may not name a resource. Default: {@link ROUTE_VERBS}. */
  verbs?: readonly string[];
  /** How many collection levels a path may nest (`/a/{id}/b/{id}` is 2). Default: `2`. */
  maxDepth?: number;
  /** Rules to skip. Default: none. */
  disable?: readonly RouteRule[];
}

// prettier-ignore
/**
 * Verbs that make a path segment an operation rather than a resource (`/create-user`,
 * `/getBlogs`): the method says what to do, the path says to what. Extend it through the `verbs`
 * option of {@link lintRoutes}.
 *
 * @example
 * ```ts
 * import { lintRoutes, ROUTE_VERBS } from '@fielding/openapi';
 *
 * lintRoutes(['/blogs/:blogId/transmogrify'], { verbs: [...ROUTE_VERBS, 'transmogrify'] });
 * ```
 */
export const ROUTE_VERBS: readonly string[] = Object.freeze([
  'activate', 'add', 'approve', 'archive', 'assign', 'calculate', 'cancel', 'change', 'check',
  'clone', 'close', 'confirm', 'copy', 'create', 'deactivate', 'delete', 'deploy', 'disable',
  'do', 'download', 'duplicate', 'edit', 'enable', 'execute', 'fetch', 'find', 'generate', 'get',
  'insert', 'invite', 'list', 'lock', 'login', 'logout', 'make', 'merge', 'modify', 'move',
  'notify', 'patch', 'post', 'process', 'publish', 'put', 'read', 'reject', 'remove', 'rename',
  'resend', 'reset', 'restore', 'retrieve', 'run', 'save', 'search', 'send', 'set', 'start',
  'stop', 'submit', 'subscribe', 'sync', 'trigger', 'unassign', 'unlock', 'unpublish',
  'unsubscribe', 'update', 'upload', 'validate', 'verify', 'write',
]);

// prettier-ignore
/**
 * Plural (or uncountable) nouns that do not end in `s`, accepted as collection names. Add your
 * own through the `plurals` option of {@link lintRoutes}.
 *
 * @example
 * ```ts
 * import { IRREGULAR_PLURALS } from '@fielding/openapi';
 *
 * IRREGULAR_PLURALS.includes('people'); // true
 * ```
 */
export const IRREGULAR_PLURALS: readonly string[] = Object.freeze([
  'aircraft', 'alumni', 'cattle', 'children', 'criteria', 'data', 'deer', 'equipment', 'feedback',
  'feet', 'firmware', 'fish', 'geese', 'hardware', 'information', 'media', 'men', 'metadata',
  'mice', 'oxen', 'people', 'personnel', 'phenomena', 'sheep', 'software', 'staff', 'teeth',
  'women',
]);

interface Segment {
  /** The static text of the segment (parameters removed). */
  text: string;
  /** The parameter names in the segment. */
  params: string[];
}

// path-to-regexp reads an unquoted name as a JavaScript identifier; ASCII is enough here.
const isNameChar = (code: number): boolean =>
  isAsciiLetter(code) || isDigit(code) || code === 0x5f || code === 0x24;

// Splits a pattern into segments, reading both spellings: path-to-regexp (`:id`, `*rest`,
// `:"quoted"`, `{…}` optional groups, `\` escapes) and OpenAPI / RFC 6570 (`{id}`).
function parseSegments(pattern: string): Segment[] {
  const segments: Segment[] = [];
  let current: Segment = { text: '', params: [] };
  const flush = (): void => {
    if (current.text !== '' || current.params.length > 0) segments.push(current);
    current = { text: '', params: [] };
  };
  const length = pattern.length;
  let index = 0;
  while (index < length) {
    const char = pattern[index] as string;
    if (char === '?' || char === '#') break;
    if (char === '/') {
      flush();
      index++;
    } else if (char === '\\') {
      current.text += pattern[index + 1] ?? '';
      index += 2;
    } else if (char === '{') {
      // `{name}` is an OpenAPI parameter; any other brace is a path-to-regexp group, whose
      // contents count as if the braces were not there.
      let end = index + 1;
      while (end < length && /[\w$-]/.test(pattern[end] as string)) end++;
      if (end < length && pattern[end] === '}' && end > index + 1) {
        current.params.push(pattern.slice(index + 1, end));
        index = end + 1;
      } else {
        index++;
      }
    } else if (char === '}') {
      index++;
    } else if (char === ':' || char === '*') {
      let end = index + 1;
      let name: string;
      if (pattern[end] === '"') {
        const close = pattern.indexOf('"', end + 1);
        end = close === -1 ? length : close;
        name = pattern.slice(index + 2, end);
        end++;
      } else {
        while (end < length && isNameChar(pattern.charCodeAt(end))) end++;
        name = pattern.slice(index + 1, end);
      }
      current.params.push(name);
      index = end;
    } else {
      current.text += char;
      index++;
    }
  }
  flush();
  return segments;
}

// kebab-case: lower-case letters and digits in words joined by single hyphens, with an optional
// `.ext` (`openapi.json`).
function isKebabCase(text: string): boolean {
  if (text === '.well-known') return true;
  let previous = 0x2d; // pretend a hyphen came before, so a leading hyphen is rejected
  let dots = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x2d || code === 0x2e) {
      if (previous === 0x2d || previous === 0x2e) return false;
      if (code === 0x2e && ++dots > 1) return false;
    } else if (!isLower(code) && !isDigit(code)) {
      return false;
    }
    previous = code;
  }
  return previous !== 0x2d && previous !== 0x2e;
}

function isPlural(word: string, irregular: ReadonlySet<string>): boolean {
  if (irregular.has(word)) return true;
  return word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is');
}

function pluralize(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(?:[sxz]|[cs]h)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/**
 * Checks route patterns against the naming rules REST guides agree on: kebab-case path
 * segments, plural nouns for collections (a segment followed by a parameter), no verbs in
 * resource paths (unless opted in as an action sub-resource right after a parameter, as in
 * `/alerts/{alertId}/resend`), camelCase parameters, and nesting no deeper than
 * `/a/{id}/b/{id}`. Reads `:param` and `{param}` spellings alike. Never throws.
 *
 * @param patterns - patterns, or route entries such as `router.routes()`; repeats are checked once
 * @param options - action verbs, extra plurals, the verb list, the depth limit, rules to skip
 * @returns the findings, in pattern order; empty when all is well
 *
 * @example
 * ```ts
 * import { lintRoutes } from '@fielding/openapi';
 *
 * lintRoutes(['/blog/:blog_id', '/alerts/{alertId}/resend'], { actions: ['resend'] });
 * // plural-collection on 'blog' (suggests 'blogs'), camel-case-param on 'blog_id' ('blogId')
 * ```
 */
export function lintRoutes(
  patterns: Iterable<string | RouteEntry>,
  options: LintRoutesOptions = {},
): RouteFinding[] {
  const findings: RouteFinding[] = [];
  const actions = new Set((options.actions ?? []).map((word) => word.toLowerCase()));
  const verbs = new Set((options.verbs ?? ROUTE_VERBS).map((word) => word.toLowerCase()));
  const irregular = new Set(
    [...IRREGULAR_PLURALS, ...(options.plurals ?? [])].map((word) => word.toLowerCase()),
  );
  const maxDepth = options.maxDepth ?? 2;
  const disabled = new Set(options.disable ?? []);
  const seen = new Set<string>();

  for (const entry of patterns) {
    const pattern = typeof entry === 'string' ? entry : entry?.pattern;
    if (typeof pattern !== 'string' || seen.has(pattern)) continue;
    seen.add(pattern);
    const report = (
      rule: RouteRule,
      subject: string,
      message: string,
      suggestion?: string,
    ): void => {
      if (disabled.has(rule)) return;
      const finding: RouteFinding = { pattern, rule, subject, message };
      if (suggestion !== undefined && suggestion !== subject) finding.suggestion = suggestion;
      findings.push(finding);
    };

    const segments = parseSegments(pattern);
    let depth = 0;
    segments.forEach((segment, index) => {
      const next = segments[index + 1];
      const previous = segments[index - 1];
      if (segment.params.length > 0) {
        depth++;
        for (const name of segment.params) {
          if (name !== '' && !isCamelCase(name)) {
            report(
              'camel-case-param',
              name,
              `Parameter "${name}" should be camelCase.`,
              toCamelCase(name),
            );
          }
        }
        return;
      }
      const { text } = segment;
      if (!isKebabCase(text)) {
        report('kebab-case', text, `Segment "${text}" should be kebab-case.`, toKebabCase(text));
      }
      const parts = words(text);
      const first = parts[0] ?? '';
      const isAction =
        next === undefined &&
        previous !== undefined &&
        previous.params.length > 0 &&
        actions.has(text.toLowerCase());
      if (verbs.has(first) && !isAction) {
        report(
          'no-verb',
          text,
          actions.has(text.toLowerCase())
            ? `Action "${text}" may only end a path, right after a parameter.`
            : `Segment "${text}" is a verb; let the method say what to do, or opt it in with \`actions\` as an action sub-resource.`,
        );
        return;
      }
      if (isAction) return;
      // After a parameter, a trailing static segment is one more level of nesting.
      if (next === undefined && depth > 0) depth++;
      const last = parts.at(-1);
      if (
        next !== undefined &&
        next.params.length > 0 &&
        last !== undefined &&
        !isPlural(last, irregular)
      ) {
        const plural = [...parts.slice(0, -1), pluralize(last)].join('-');
        report('plural-collection', text, `Collection "${text}" should be a plural noun.`, plural);
      }
    });
    if (depth > maxDepth) {
      report(
        'max-depth',
        pattern,
        `Nests ${depth} levels; keep to ${maxDepth} (/a/{id}/b/{id}) and link to deeper resources instead.`,
      );
    }
  }
  return findings;
}
