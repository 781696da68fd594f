// The problem+json text, written directly in member order (issue 22). It is what building the
// document with toJsonValue and calling JSON.stringify gives (problem-body.test.ts holds that
// construction as the oracle), at the cost of a hand-written JSON.stringify or less:
// - `type`, `title` and `status` repeat from answer to answer, so their text is kept once per
//   type (a bounded cache), which also spares re-checking a type URI already seen;
// - `instance` is written as it is once checked: a URI reference (RFC 3986) is printable ASCII
//   without `"` or `\`, so it needs no JSON escape;
// - extension members that are plain data (plain objects and arrays, no `toJSON`, no BigInt,
//   shallower than MAX_DEPTH) go to the engine's JSON.stringify as they are, and its text is
//   spliced in; anything else, or anything that throws there, is converted by _safe-json.ts. A
//   getter of plain data is read twice (checked, then written) — values are data, not actions.
import { assertErrorStatus, assertUriReference } from './_members.js';
import { MAX_DEPTH, setMember, toJsonValue, type JsonValue } from './_safe-json.js';
import { statusTitle, type ValidationIssue } from './http-error.js';

/** Whether an extension member is named like a reserved member, and so ignored (§3.2). */
function isReserved(key: string, hasErrors: boolean): boolean {
  return (
    key === 'type' ||
    key === 'title' ||
    key === 'status' ||
    key === 'detail' ||
    key === 'instance' ||
    (hasErrors && key === 'errors')
  );
}

/**
 * The longest `detail` sent, in UTF-16 code units; a longer one is cut and ends with `…`.
 * Keeps a huge message (a dumped payload, a stack) from bloating every error response.
 */
export const MAX_DETAIL_LENGTH = 4096;

function truncate(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const last = value.charCodeAt(end - 1);
  // Never split a surrogate pair: the body must stay well-formed UTF-16.
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${value.slice(0, end)}…`;
}

/** `{"type":…,"title":…,"status":…` for one type, title and status. */
interface Head {
  readonly title: string;
  readonly status: number;
  readonly text: string;
}

/** Heads by type URI; a type with many statuses (`about:blank`) keeps one per status. */
const heads = new Map<string, Head[]>();
let cached = 0;
/** Heads kept at most, and the longest kept: types or titles made per request cannot grow it. */
const MAX_HEADS = 256;
const MAX_HEAD_LENGTH = 512;

function head(status: number, type: string | undefined, title: string): string {
  const uri = type ?? 'about:blank';
  const known = heads.get(uri);
  if (known !== undefined) {
    for (const entry of known) {
      if (entry.status === status && entry.title === title) return entry.text;
    }
  }
  assertErrorStatus(status);
  assertUriReference('type', type);
  const text = `{"type":${JSON.stringify(uri)},"title":${JSON.stringify(title)},"status":${status}`;
  if (text.length <= MAX_HEAD_LENGTH) {
    if (cached >= MAX_HEADS) {
      heads.clear();
      cached = 0;
    }
    const entries = heads.get(uri);
    if (entries === undefined) heads.set(uri, [{ title, status, text }]);
    else entries.push({ title, status, text });
    cached++;
  }
  return text;
}

/** Objects the plain-data check may still visit in one body; past it, the safe path runs. */
let budget = 0;
const MAX_PLAIN_NODES = 256;

/**
 * Whether JSON.stringify gives for `value` exactly the JSON of toJsonValue: true for primitives
 * (a function, symbol or `undefined` is dropped, or `null` in an array, alike by both) but BigInt,
 * and for plain objects and arrays of such values nested less than MAX_DEPTH deep. A cycle runs
 * into the depth limit; a repeated wide structure into the budget.
 */
function isPlainData(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return typeof value !== 'bigint';
  if (depth >= MAX_DEPTH || --budget < 0) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Array.prototype) {
    const items = value as readonly unknown[];
    if (typeof (items as { toJSON?: unknown }).toJSON === 'function') return false;
    for (let index = 0; index < items.length; index++) {
      if (!isPlainData(items[index], depth + 1)) return false;
    }
    return true;
  }
  if (prototype !== Object.prototype && prototype !== null) return false;
  const record = value as Record<string, unknown>;
  if (typeof record['toJSON'] === 'function') return false;
  for (const key of Object.keys(record)) {
    if (!isPlainData(record[key], depth + 1)) return false;
  }
  return true;
}

/**
 * Whether the members of `source` can be written by JSON.stringify as they are: a plain object
 * of plain data (its members one level down, as toJsonValue counts) with no reserved names.
 */
function isPlainMembers(source: unknown, hasErrors: boolean): source is object {
  if (typeof source !== 'object' || source === null) return false;
  const prototype: unknown = Object.getPrototypeOf(source);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const record = source as Record<string, unknown>;
  if (typeof record['toJSON'] === 'function') return false;
  for (const key of Object.keys(record)) {
    if (isReserved(key, hasErrors) || !isPlainData(record[key], 1)) return false;
  }
  return true;
}

/** `,"a":1,"b":2` for the JSON object text `object`, or `''` for `{}`. */
function inner(object: string): string {
  return object.length <= 2 ? '' : `,${object.slice(1, -1)}`;
}

function isJsonObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The extension members as text to append: those of `own`, then those of `extra` that `own`
 * lacks, without reserved names.
 */
function extensionMembers(own: unknown, extra: unknown, hasErrors: boolean): string {
  try {
    budget = MAX_PLAIN_NODES;
    if (
      (own === undefined || isPlainMembers(own, hasErrors)) &&
      (extra === undefined || isPlainMembers(extra, hasErrors)) &&
      (own === undefined ||
        extra === undefined ||
        !Object.keys(extra).some((key) => Object.hasOwn(own, key)))
    ) {
      return (
        (own === undefined ? '' : inner(JSON.stringify(own))) +
        (extra === undefined ? '' : inner(JSON.stringify(extra)))
      );
    }
  } catch {
    // A getter, key list or prototype that throws: the safe conversion below copes.
  }
  const merged: Record<string, JsonValue> = {};
  for (const members of [toJsonValue(extra), toJsonValue(own)]) {
    if (!isJsonObject(members)) continue;
    for (const key of Object.keys(members)) {
      if (!isReserved(key, hasErrors)) setMember(merged, key, members[key]);
    }
  }
  return inner(JSON.stringify(merged));
}

/** The JSON text of the `errors` list, or `undefined` when `errors` is no list. */
function issueList(errors: unknown): string | undefined {
  try {
    budget = MAX_PLAIN_NODES;
    if (Array.isArray(errors) && isPlainData(errors, 0)) return JSON.stringify(errors);
  } catch {
    // A trap or getter that throws: converted below.
  }
  const converted = toJsonValue(errors);
  return Array.isArray(converted) ? JSON.stringify(converted) : undefined;
}

/**
 * The problem+json text of one problem, members in order: `type`, `title`, `status`, `detail`,
 * `instance`, `errors`, then the extension members.
 *
 * @throws RangeError when `status` is not an integer from 400 to 599; TypeError when `type` or
 *   `instance` is not a URI reference
 */
export function problemJson(
  status: number,
  type: string | undefined,
  title: unknown,
  detail: unknown,
  instance: string | undefined,
  errors: readonly ValidationIssue[] | undefined,
  extensions: unknown,
  extra: unknown,
): string {
  let text = head(status, type, typeof title === 'string' ? title : statusTitle(status));
  if (typeof detail === 'string') {
    text += `,"detail":${JSON.stringify(truncate(detail, MAX_DETAIL_LENGTH))}`;
  }
  if (instance !== undefined) {
    assertUriReference('instance', instance);
    text += `,"instance":"${instance}"`;
  }
  let hasErrors = false;
  if (errors !== undefined) {
    const list = issueList(errors);
    if (list !== undefined) {
      text += `,"errors":${list}`;
      hasErrors = true;
    }
  }
  if (extensions !== undefined || extra !== undefined) {
    text += extensionMembers(extensions, extra, hasErrors);
  }
  return `${text}}`;
}
