import type { ValidationIssue } from '@fielding/problem-errors';
import { badRequest, searchParams, singleValue, toUrl } from './_query.js';

/** Options of {@link parseFields}. */
export interface FieldsOptions {
  /**
   * Every path a client may select, nested ones dotted (`author.name`). Selecting a parent
   * (`author`) selects all of it.
   */
  allowed: readonly string[];
  /** Paths always included, selected or not (for example `id`). */
  always?: readonly string[];
  /**
   * Name of the query parameter.
   * @defaultValue 'fields'
   */
  parameter?: string;
  /**
   * Most paths a client may list.
   * @defaultValue 64
   */
  maxFields?: number;
}

/**
 * Parses a sparse fieldset, `?fields=title,author.name`, against an allow-list. Unknown paths are
 * a 400 naming `fields`.
 *
 * @param url - the request, its URL, or a URL string
 * @param options - the allow-list and the paths always included
 * @returns the selected paths (with `always`), or `undefined` when the client selects nothing,
 *   meaning the whole item
 * @throws HttpError 400 for unknown or empty paths
 *
 * @example
 * ```ts
 * import { parseFields } from '@fielding/pagination';
 *
 * parseFields('https://api.test/articles?fields=title,author.name', {
 *   allowed: ['id', 'title', 'author', 'author.name'],
 *   always: ['id'],
 * }); // ['id', 'title', 'author.name']
 * ```
 */
export function parseFields(
  url: URL | string | Request,
  options: FieldsOptions,
): string[] | undefined {
  const name = options.parameter ?? 'fields';
  const issues: ValidationIssue[] = [];
  const raw = singleValue(searchParams(toUrl(url)), [name], issues);
  if (issues.length > 0) throw badRequest(issues);
  if (raw === undefined) return undefined;
  const max = options.maxFields ?? 64;
  const requested = raw.value.split(',', max + 1);
  if (requested.length > max) {
    throw badRequest([{ parameter: name, detail: `"${name}" lists more than ${max} fields.` }]);
  }
  const selected = new Set(options.always ?? []);
  for (const path of requested) {
    const known =
      path !== '' &&
      options.allowed.some((allowed) => allowed === path || allowed.startsWith(`${path}.`));
    if (known) selected.add(path);
    else {
      issues.push({
        parameter: name,
        detail: path === '' ? `"${name}" has an empty field.` : `Unknown field "${path}".`,
      });
    }
  }
  if (issues.length > 0) throw badRequest(issues);
  return [...selected];
}

type Tree = { [key: string]: Tree | true };

function buildTree(paths: readonly string[]): Tree {
  const tree: Tree = {};
  for (const path of paths) {
    const segments = path.split('.');
    let node = tree;
    for (const [index, segment] of segments.entries()) {
      const existing = Object.hasOwn(node, segment) ? node[segment] : undefined;
      if (existing === true) break;
      if (index === segments.length - 1) {
        node[segment] = true;
      } else {
        const child: Tree = existing ?? {};
        node[segment] = child;
        node = child;
      }
    }
  }
  return tree;
}

function applyTree(value: unknown, tree: Tree): unknown {
  if (Array.isArray(value)) return value.map((element) => applyTree(element, tree));
  if (typeof value !== 'object' || value === null) return value;
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(tree)) {
    if (!Object.hasOwn(source, key)) continue;
    const sub = tree[key]!;
    result[key] = sub === true ? source[key] : applyTree(source[key], sub);
  }
  return result;
}

/** A value of which only some (nested) properties may be present. */
export type DeepPartial<T> = T extends readonly (infer E)[]
  ? DeepPartial<E>[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * Keeps only the selected paths of an item (or of each item of an array). Arrays on the way
 * are projected element by element, so `tags.name` works on a list of tags.
 *
 * @param value - an item or a list of items
 * @param fields - paths from {@link parseFields}; `undefined` returns the value unchanged
 * @returns a new value with only those paths
 *
 * @example
 * ```ts
 * import { project } from '@fielding/pagination';
 *
 * project({ id: 1, title: 'REST', author: { name: 'Roy', email: 'r@x.test' } }, ['id', 'author.name']);
 * // { id: 1, author: { name: 'Roy' } }
 * ```
 */
export function project<T>(value: T, fields: readonly string[] | undefined): DeepPartial<T> {
  if (fields === undefined) return value as DeepPartial<T>;
  return applyTree(value, buildTree(fields)) as DeepPartial<T>;
}
