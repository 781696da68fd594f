/**
 * Partial updates done right: RFC 6902 JSON Patch (atomic, never mutating its input, with
 * structural sharing, limits and a policy layer), RFC 6901 JSON Pointer, RFC 7396 merge patch,
 * diffs that produce both, and RFC 5789 `PATCH` handling by `Content-Type`.
 *
 * @module @fielding/json-patch
 */
export type { JsonObject, JsonValue } from './json-value.js';
export {
  JsonPointer,
  escapePointerToken,
  formatPointer,
  parsePointer,
  tryParsePointer,
} from './json-pointer.js';
export type {
  AddOperation,
  CopyOperation,
  MoveOperation,
  Operation,
  OperationType,
  Patch,
  RemoveOperation,
  ReplaceOperation,
  TestOperation,
} from './operation.js';
export {
  DEFAULT_PATCH_LIMITS,
  PATCH_DOCUMENT_SCHEMA,
  validatePatch,
  type PatchLimits,
} from './patch-document.js';
export type { PatchPolicy, PointerRules } from './patch-policy.js';
export {
  applyPatch,
  applyPatchWithInverse,
  type ApplyPatchOptions,
  type PatchResult,
} from './apply-patch.js';
export { applyMergePatch, createMergePatch, type MergePatchOptions } from './merge-patch.js';
export { createPatch } from './create-patch.js';
export {
  ACCEPT_PATCH,
  JSON_PATCH,
  MERGE_PATCH,
  acceptPatch,
  applyPatchRequest,
  patchResource,
  type AcceptPatchOptions,
  type PatchMediaType,
  type PatchRequestOptions,
  type PatchResourceOptions,
} from './patch-request.js';
