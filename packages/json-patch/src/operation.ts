/** `add`: insert or set the value at `path` (RFC 6902 §4.1). */
export interface AddOperation {
  /** The operation name. */
  op: 'add';
  /** JSON Pointer to the target location. */
  path: string;
  /** The value to add. */
  value: unknown;
}

/** `remove`: delete the value at `path`, which must exist (RFC 6902 §4.2). */
export interface RemoveOperation {
  /** The operation name. */
  op: 'remove';
  /** JSON Pointer to the value to remove. */
  path: string;
}

/** `replace`: swap the existing value at `path` (RFC 6902 §4.3). */
export interface ReplaceOperation {
  /** The operation name. */
  op: 'replace';
  /** JSON Pointer to the value to replace. */
  path: string;
  /** The new value. */
  value: unknown;
}

/** `move`: remove from `from`, add at `path` (RFC 6902 §4.4). */
export interface MoveOperation {
  /** The operation name. */
  op: 'move';
  /** JSON Pointer to the value to move. */
  from: string;
  /** JSON Pointer to the target location; never inside `from`. */
  path: string;
}

/** `copy`: add a copy of the value at `from` to `path` (RFC 6902 §4.5). */
export interface CopyOperation {
  /** The operation name. */
  op: 'copy';
  /** JSON Pointer to the value to copy. */
  from: string;
  /** JSON Pointer to the target location. */
  path: string;
}

/** `test`: the value at `path` must deep-equal `value` (RFC 6902 §4.6). */
export interface TestOperation {
  /** The operation name. */
  op: 'test';
  /** JSON Pointer to the value to compare. */
  path: string;
  /** The expected value. */
  value: unknown;
}

/** One RFC 6902 operation. */
export type Operation =
  | AddOperation
  | RemoveOperation
  | ReplaceOperation
  | MoveOperation
  | CopyOperation
  | TestOperation;

/** The name of an operation: `add`, `remove`, `replace`, `move`, `copy` or `test`. */
export type OperationType = Operation['op'];

/** A JSON Patch document: an array of operations applied in order (RFC 6902 §3). */
export type Patch = readonly Operation[];
