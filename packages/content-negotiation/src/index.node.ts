/**
 * The Node build of @fielding/content-negotiation, chosen by the `node` export condition: the
 * same API, with a `compression` middleware that compresses bodies Node already holds whole in
 * one node:zlib call instead of through `CompressionStream`.
 *
 * @module @fielding/content-negotiation
 */
export * from './index.js';
export { compression } from './compression.node.js';
