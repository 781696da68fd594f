/**
 * The one contract every Fielding package shares — {@link FetchHandler} and
 * {@link Middleware} over Web `Request`/`Response` — plus {@link compose}, the RFC 9110 header
 * grammar, `Vary` merging and a small router.
 *
 * @module @fielding/core
 */
export type { FetchHandler, Middleware } from './handler.js';
export { compose } from './compose.js';
export { MAX_LIST_MEMBERS, MAX_PARAMETERS } from './limits.js';
export { parseList } from './list.js';
export { isToken, parseQuotedString, quoteString } from './quoted-string.js';
export {
  parseParameterizedList,
  parseWeightedList,
  type ParameterizedValue,
  type WeightedValue,
} from './parameters.js';
export {
  formatEntityTag,
  parseEntityTag,
  parseEntityTagList,
  type EntityTag,
} from './entity-tag.js';
export { appendVary, mergeVary } from './vary.js';
export {
  createRouter,
  HTTP_METHODS,
  type RouteContext,
  type RouteEntry,
  type RouteHandler,
  type Router,
  type RouterOptions,
} from './router.js';
export { buildPath, type PathParams, type RouteParams } from './route-pattern.js';
export { BODY_SOURCE, bodySource } from './body-source.js';
export { requestInstance } from './request-instance.js';
export {
  proxyValue,
  requestOrigin,
  type ProxyField,
  type ProxyTrustOptions,
  type RequestLike,
} from './request-origin.js';
export {
  accepted,
  created,
  formatRetryAfter,
  movedPermanently,
  movedPermanentlyKeepingMethod,
  movedTemporarily,
  movedTemporarilyKeepingMethod,
  noContent,
  seeOther,
  type AcceptedOptions,
  type ResponseOptions,
} from './responses.js';
export { editableResponse } from './editable-response.js';
export { bufferAtMost, readAtMost } from './read-at-most.js';
export { parsePreferences, type Preference } from './preferences.js';
export { contractCheck, contractSame, StoreContractError } from './store-contract.js';
export { UnstorableValueError } from './unstorable-value.js';
