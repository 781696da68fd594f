/**
 * The Node build of @fielding/conditional-requests, chosen by the `node` export condition: the
 * same API, with shallow ETags hashed by the `etag` package on node:crypto.
 *
 * @module @fielding/conditional-requests
 */
export * from './index.js';
export { hashEntityTag, shallowEtag } from './shallow-etag.node.js';
