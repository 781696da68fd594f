/**
 * RFC 9110 conditional requests for fetch handlers: strong and weak entity-tags, HTTP-dates,
 * the §13.2.2 precondition order with 304 / 412 / 428, deep ETags (validators known before the
 * body) and shallow ETags (a middleware that hashes the body), byte ranges with 206 / 416, and
 * `Cache-Control` helpers.
 *
 * @module @fielding/conditional-requests
 */
export {
  createEntityTag,
  strongMatch,
  weakMatch,
  type CreateEntityTagOptions,
} from './entity-tag.js';
export { formatHttpDate, parseHttpDate, toHttpDatePrecision } from './http-date.js';
export {
  UNSAFE_METHODS,
  evaluatePreconditions,
  preconditionResponse,
  respondToPreconditions,
  type DecisionValidators,
  type IgnoreRangeDecision,
  type NotModifiedDecision,
  type PreconditionDecision,
  type PreconditionFailedDecision,
  type PreconditionOptions,
  type PreconditionRequirement,
  type PreconditionRequiredDecision,
  type PreconditionResponseOptions,
  type ProceedDecision,
} from './preconditions.js';
export { NOT_MODIFIED_HEADERS, notModified } from './not-modified.js';
export {
  SHALLOW_ETAG_MAX_SIZE,
  hashEntityTag,
  shallowEtag,
  type HashEntityTagOptions,
  type ShallowEtagOptions,
} from './shallow-etag.js';
export { encodedEntityTag, weakenEntityTag } from './encoding.js';
export { MAX_RANGES, parseRange, rangeResponse, type ByteRange } from './range.js';
export { formatCacheControl, parseCacheControl, type CacheControl } from './cache-control.js';
