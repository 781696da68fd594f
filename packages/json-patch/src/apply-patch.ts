import { HttpError } from '@fielding/problem-errors';
import {
  copyWithout,
  deepClone,
  deepEqual,
  hasOwn,
  isContainer,
  setOwn,
  shallowCopy,
  type Container,
} from './_json.js';
import { formatPointer, NOT_FOUND, parseArrayIndex, resolveTokens } from './json-pointer.js';
import type { Operation, Patch } from './operation.js';
import { parsePatch, type ParsedOperation, type PatchLimits } from './patch-document.js';
import { enforcePolicy, type PatchPolicy } from './patch-policy.js';

/** How {@link applyPatch} runs. */
export interface ApplyPatchOptions {
  /**
   * Change `document` in place instead of returning a structurally shared copy. Still atomic: on
   * any error every change already made is rolled back from an undo log before the error is
   * thrown. Values taken from the patch are cloned so later edits never reach the patch. Always
   * use the return value: a patch on `""` replaces the root itself.
   *
   * Default: `false`.
   */
  mutate?: boolean;
  /**
   * What the patch may touch; checked on the pointers before any operation runs (403).
   *
   * Default: none (everything allowed).
   */
  policy?: PatchPolicy;
  /**
   * Bounds on operation count, depth and value size (413).
   *
   * Default: {@link DEFAULT_PATCH_LIMITS}.
   */
  limits?: PatchLimits;
}

/** What {@link applyPatchWithInverse} returns. */
export interface PatchResult<T> {
  /** The patched document. */
  document: T;
  /** A patch that turns `document` back into the input (undo, audit trails). */
  inverse: Operation[];
}

type Inverse = Operation[][] | undefined;

/** The edit a removal asks `parent` to fold into a copy. */
const REMOVE: unique symbol = Symbol('remove');

/** An edit `parent` may fold into the copy it makes: a removal, or an insertion of `value`. */
type Edit = typeof REMOVE | { readonly value: unknown };

/** An edit made while copying: the value removed or inserted, and its array index (-1: member). */
interface Folded {
  readonly value: unknown;
  readonly position: number;
}

function conflict(operation: ParsedOperation, member: 'path' | 'from', reason: string): HttpError {
  const pointer = formatPointer(member === 'path' ? operation.path : operation.from!);
  return new HttpError(409, {
    detail: `Operation ${operation.index} (${operation.op}) cannot apply: ${JSON.stringify(pointer)} ${reason}.`,
    errors: [{ pointer: `/${operation.index}/${member}`, detail: reason }],
  });
}

/**
 * One application of a patch. In the default immutable mode `fresh` holds the containers this
 * application created; only those are ever written, and each original container on a touched
 * spine is copied at most once however many operations touch it. In mutate mode `fresh` is
 * undefined, every container is written directly and `undo` records how to revert each write.
 */
class Application {
  root: unknown;
  readonly fresh: Set<object> | undefined;
  readonly undo: Array<() => void> | undefined;
  readonly inverse: Inverse;

  constructor(root: unknown, mutate: boolean, inverse: boolean) {
    this.root = root;
    this.fresh = mutate ? undefined : new Set();
    this.undo = mutate ? [] : undefined;
    this.inverse = inverse ? [] : undefined;
  }

  private own<C extends Container>(container: C): C {
    const fresh = this.fresh;
    if (fresh === undefined || fresh.has(container)) return container;
    const copy = shallowCopy(container);
    fresh.add(copy);
    return copy;
  }

  /** The edit {@link Application.ownTarget} made while copying, for the operation to skip. */
  private folded: Folded | undefined;

  /**
   * `own` for the container that holds an operation's target. A container not yet copied is
   * copied with the removal or array insertion already made: one allocation and one pass, where
   * copying and then splicing (or pushing onto a copy with no spare room) allocates twice — for
   * a long array that second copy is most of the cost (issue 22), and a `delete` on a fresh
   * object would turn it into a slow dictionary-mode object in V8.
   */
  private ownTarget<C extends Container>(container: C, token: string, edit: Edit | undefined): C {
    const fresh = this.fresh;
    if (edit === undefined || fresh === undefined || fresh.has(container)) {
      return this.own(container);
    }
    let copy: Container;
    if (Array.isArray(container)) {
      const length = container.length;
      if (edit === REMOVE) {
        const position = parseArrayIndex(token);
        if (position < 0 || position >= length) return this.own(container);
        copy = container.toSpliced(position, 1);
        this.folded = { value: container[position], position };
      } else {
        const position = token === '-' ? length : parseArrayIndex(token);
        if (position < 0 || position > length) return this.own(container);
        copy = container.toSpliced(position, 0, edit.value);
        this.folded = { value: edit.value, position };
      }
    } else {
      if (edit !== REMOVE || !hasOwn(container, token)) return this.own(container);
      copy = copyWithout(container, token);
      this.folded = { value: container[token], position: -1 };
    }
    fresh.add(copy);
    return copy as C;
  }

  /** The edit folded into the last copy, once. */
  private takeFolded(): Folded | undefined {
    const folded = this.folded;
    this.folded = undefined;
    return folded;
  }

  /** A value from the patch, made safe to place in the document. */
  private adopt(value: unknown): unknown {
    return this.fresh === undefined ? deepClone(value) : value;
  }

  /**
   * A value already in the document that is about to be referenced from a second place: written
   * containers must stay referenced once, so the written parts are copied (immutable mode) or the
   * whole value is (mutate mode).
   */
  private detach(value: unknown): unknown {
    if (!isContainer(value)) return value;
    const fresh = this.fresh;
    if (fresh === undefined) return deepClone(value);
    if (!fresh.has(value)) return value;
    // Iterative: a written spine can be as deep as the longest pointer the limits allow.
    const root = shallowCopy(value);
    const copies: Container[] = [root];
    while (copies.length > 0) {
      const copy = copies.pop()!;
      if (Array.isArray(copy)) {
        // By index: Object.keys would make a string for every element of a long array.
        for (let index = 0; index < copy.length; index++) {
          const child = copy[index];
          if (isContainer(child) && fresh.has(child)) {
            const childCopy = shallowCopy(child);
            copy[index] = childCopy;
            copies.push(childCopy);
          }
        }
        continue;
      }
      for (const key of Object.keys(copy)) {
        const child = copy[key];
        if (isContainer(child) && fresh.has(child)) {
          const childCopy = shallowCopy(child);
          setOwn(copy, key, childCopy);
          copies.push(childCopy);
        }
      }
    }
    return root;
  }

  /** RFC 6902 §4.1/§4.3: add or replace at `""` is the whole document; returns the inverse. */
  private replaceRoot(value: unknown): Operation[] {
    const old = this.root;
    this.setRoot(value);
    return [{ op: 'replace', path: '', value: old }];
  }

  private setRoot(value: unknown): void {
    const old = this.root;
    this.root = value;
    this.undo?.push(() => {
      this.root = old;
    });
  }

  /**
   * The writable container that holds the last token of `tokens`, copying the spine to it; an
   * `edit` may be folded into the copy of that container (see {@link Application.ownTarget}).
   */
  private parent(
    operation: ParsedOperation,
    member: 'path' | 'from',
    tokens: readonly string[],
    edit?: Edit,
  ): Container {
    let node = this.root;
    if (!isContainer(node)) throw conflict(operation, member, 'does not exist');
    const last = tokens.length - 1;
    node = this.root = last === 0 ? this.ownTarget(node, tokens[0]!, edit) : this.own(node);
    for (let index = 0; index < last; index++) {
      const token = tokens[index]!;
      const container = node as Container;
      let child: unknown;
      if (Array.isArray(container)) {
        const position = parseArrayIndex(token);
        if (position < 0 || position >= container.length)
          throw conflict(operation, member, 'does not exist');
        child = container[position];
        if (!isContainer(child)) throw conflict(operation, member, 'does not exist');
        const owned =
          index === last - 1 ? this.ownTarget(child, tokens[last]!, edit) : this.own(child);
        if (owned !== child) container[position] = owned;
        node = owned;
      } else {
        if (!hasOwn(container, token)) throw conflict(operation, member, 'does not exist');
        child = container[token];
        if (!isContainer(child)) throw conflict(operation, member, 'does not exist');
        const owned =
          index === last - 1 ? this.ownTarget(child, tokens[last]!, edit) : this.own(child);
        if (owned !== child) setOwn(container, token, owned);
        node = owned;
      }
    }
    return node as Container;
  }

  private get(
    operation: ParsedOperation,
    member: 'path' | 'from',
    tokens: readonly string[],
  ): unknown {
    const value = resolveTokens(this.root, tokens);
    if (value === NOT_FOUND) throw conflict(operation, member, 'does not exist');
    return value;
  }

  /** RFC 6902 §4.1; returns the inverse operations of this write. */
  private add(operation: ParsedOperation, tokens: readonly string[], value: unknown): Operation[] {
    if (tokens.length === 0) return this.replaceRoot(value);
    const parent = this.parent(operation, 'path', tokens, { value });
    const last = tokens[tokens.length - 1]!;
    if (Array.isArray(parent)) {
      let position = this.takeFolded()?.position;
      if (position === undefined) {
        const length = parent.length;
        const at = last === '-' ? length : parseArrayIndex(last);
        if (at < 0) throw conflict(operation, 'path', 'is not an array index');
        if (at > length) throw conflict(operation, 'path', 'is past the end of the array');
        if (at === length) parent.push(value);
        else parent.splice(at, 0, value);
        this.undo?.push(() => parent.splice(at, 1));
        position = at;
      }
      return this.inverse
        ? [{ op: 'remove', path: formatPointer([...tokens.slice(0, -1), position]) }]
        : [];
    }
    const had = hasOwn(parent, last);
    const old = had ? parent[last] : undefined;
    setOwn(parent, last, value);
    if (this.undo)
      this.undo.push(had ? () => setOwn(parent, last, old) : () => delete parent[last]);
    if (!this.inverse) return [];
    const path = formatPointer(tokens);
    return had ? [{ op: 'replace', path, value: old }] : [{ op: 'remove', path }];
  }

  /** RFC 6902 §4.2; returns the removed value and the resolved pointer. */
  private remove(
    operation: ParsedOperation,
    member: 'path' | 'from',
    tokens: readonly string[],
  ): { value: unknown; tokens: readonly (string | number)[] } {
    if (tokens.length === 0)
      throw conflict(operation, member, 'is the whole document, which cannot be removed');
    const parent = this.parent(operation, member, tokens, REMOVE);
    const folded = this.takeFolded();
    if (folded !== undefined) {
      const { value, position } = folded;
      return {
        value,
        tokens: this.inverse && position >= 0 ? [...tokens.slice(0, -1), position] : tokens,
      };
    }
    const last = tokens[tokens.length - 1]!;
    if (Array.isArray(parent)) {
      const position = parseArrayIndex(last);
      if (position < 0 || position >= parent.length)
        throw conflict(operation, member, 'does not exist');
      const value = position === parent.length - 1 ? parent.pop() : parent.splice(position, 1)[0];
      this.undo?.push(() => parent.splice(position, 0, value));
      return { value, tokens: this.inverse ? [...tokens.slice(0, -1), position] : tokens };
    }
    if (!hasOwn(parent, last)) throw conflict(operation, member, 'does not exist');
    const value = parent[last];
    delete parent[last];
    this.undo?.push(() => setOwn(parent, last, value));
    return { value, tokens };
  }

  /** RFC 6902 §4.3. */
  private replace(
    operation: ParsedOperation,
    tokens: readonly string[],
    value: unknown,
  ): Operation[] {
    if (tokens.length === 0) return this.replaceRoot(value);
    const parent = this.parent(operation, 'path', tokens);
    const last = tokens[tokens.length - 1]!;
    let old: unknown;
    if (Array.isArray(parent)) {
      const position = parseArrayIndex(last);
      if (position < 0 || position >= parent.length)
        throw conflict(operation, 'path', 'does not exist');
      old = parent[position];
      parent[position] = value;
      this.undo?.push(() => (parent[position] = old));
    } else {
      if (!hasOwn(parent, last)) throw conflict(operation, 'path', 'does not exist');
      old = parent[last];
      setOwn(parent, last, value);
      this.undo?.push(() => setOwn(parent, last, old));
    }
    return this.inverse ? [{ op: 'replace', path: formatPointer(tokens), value: old }] : [];
  }

  run(operation: ParsedOperation): void {
    const { path } = operation;
    let inverse: Operation[];
    switch (operation.op) {
      case 'add':
        inverse = this.add(operation, path, this.adopt(operation.value));
        break;
      case 'remove': {
        const removed = this.remove(operation, 'path', path);
        if (!this.inverse) return;
        inverse = [{ op: 'add', path: formatPointer(removed.tokens), value: removed.value }];
        break;
      }
      case 'replace':
        inverse = this.replace(operation, path, this.adopt(operation.value));
        break;
      case 'move': {
        const from = operation.from!;
        if (from.length === path.length && from.every((token, index) => token === path[index])) {
          this.get(operation, 'from', from);
          return;
        }
        const removed = this.remove(operation, 'from', from);
        const added = this.add(operation, path, removed.value);
        if (!this.inverse) return;
        const fromPointer = formatPointer(removed.tokens);
        const target = added[0]!;
        inverse =
          target.op === 'remove' && !fromPointer.startsWith(target.path + '/')
            ? [{ op: 'move', from: target.path, path: fromPointer }]
            : [...added, { op: 'add', path: fromPointer, value: removed.value }];
        break;
      }
      case 'copy':
        inverse = this.add(
          operation,
          path,
          this.detach(this.get(operation, 'from', operation.from!)),
        );
        break;
      case 'test':
        if (!deepEqual(this.get(operation, 'path', path), operation.value)) {
          throw new HttpError(409, {
            detail: `Operation ${operation.index} (test) failed: the value at ${JSON.stringify(formatPointer(path))} differs.`,
            errors: [
              { pointer: `/${operation.index}/value`, detail: 'does not equal the current value' },
            ],
          });
        }
        return;
    }
    this.inverse?.push(inverse);
  }

  rollback(): void {
    const undo = this.undo!;
    for (let index = undo.length - 1; index >= 0; index--) undo[index]!();
  }
}

function execute(
  document: unknown,
  patch: unknown,
  options: ApplyPatchOptions,
  inverse: boolean,
): Application {
  const operations = parsePatch(patch, options.limits);
  if (options.policy) enforcePolicy(options.policy, operations);
  const application = new Application(document, options.mutate === true, inverse);
  try {
    for (const operation of operations) application.run(operation);
  } catch (error) {
    if (application.undo) application.rollback();
    throw error;
  }
  return application;
}

/**
 * Applies an RFC 6902 JSON Patch. The patch is validated first (400), then checked against the
 * policy (403) and limits (413); a missing target or a failing `test` is a 409. Atomic: on any
 * error the input is unchanged. By default the input is never mutated: the result shares every
 * container the patch did not touch, and each touched container is copied once per call.
 *
 * @param document - the JSON document to patch
 * @param patch - the operations, applied in order
 * @param options - in-place mode, policy, limits
 * @returns the patched document
 * @throws HttpError 400, 403, 409 or 413
 *
 * @example
 * ```ts
 * import { applyPatch } from '@fielding/json-patch';
 *
 * const next = applyPatch({ title: 'Draft', tags: [] }, [
 *   { op: 'replace', path: '/title', value: 'Final' },
 *   { op: 'add', path: '/tags/-', value: 'rest' },
 * ]); // { title: 'Final', tags: ['rest'] }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6902#section-4
 */
export function applyPatch<T>(document: T, patch: Patch, options: ApplyPatchOptions = {}): T {
  return execute(document, patch, options, false).root as T;
}

/**
 * Applies a patch like {@link applyPatch} and also returns its inverse: applying `inverse` to the
 * result gives back a document deep-equal to the input.
 *
 * @param document - the JSON document to patch
 * @param patch - the operations, applied in order
 * @param options - in-place mode, policy, limits
 * @returns the patched document and the inverse patch
 * @throws HttpError 400, 403, 409 or 413
 *
 * @example
 * ```ts
 * import { applyPatch, applyPatchWithInverse } from '@fielding/json-patch';
 *
 * const before = { title: 'Draft' };
 * const { document, inverse } = applyPatchWithInverse(before, [{ op: 'remove', path: '/title' }]);
 * applyPatch(document, inverse); // { title: 'Draft' }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6902#section-4
 */
export function applyPatchWithInverse<T>(
  document: T,
  patch: Patch,
  options: ApplyPatchOptions = {},
): PatchResult<T> {
  const application = execute(document, patch, options, true);
  const inverse: Operation[] = [];
  const steps = application.inverse!;
  for (let index = steps.length - 1; index >= 0; index--) inverse.push(...steps[index]!);
  return { document: application.root as T, inverse };
}
