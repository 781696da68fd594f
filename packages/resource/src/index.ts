/**
 * Declare a REST resource once — its path, JSON Schema, store, collection, links, embeds and
 * actions — and serve every rule of the uniform interface through the Fielding packages: deep
 * ETags and 304s from the version alone, writes pinned by If-Match and done as atomic
 * compare-and-set, JSON Patch and merge patch, paged collections with totals and links,
 * negotiated representations (HAL, JSON, HAL-FORMS, CSV), and RFC 9457 problems.
 *
 * @module @fielding/resource
 */
export type {
  FromSchema,
  InputOf,
  ItemOf,
  JsonSchemaObject,
  JsonValue,
  SchemaTypeName,
  ValueOf,
} from './schema-types.js';
export type {
  CountMode,
  CreateInput,
  Entry,
  Filter,
  FilterScalar,
  ItemKey,
  ItemTrace,
  ListManyQuery,
  ListQuery,
  ListResult,
  MoveInput,
  MoveOutcome,
  RemoveInput,
  RemoveOutcome,
  ReplaceAllOutcome,
  ReplaceCheck,
  ReplaceInput,
  Store,
  Validator,
  WriteOutcome,
} from './store.js';
export { memoryStore, type MemoryStoreOptions } from './memory-store.js';
export {
  storeContract,
  type ContractItem,
  type StoreCheck,
  type StoreContractOptions,
  type StoreFactory,
} from './store-contract.js';
export {
  defineResource,
  type BulkOptions,
  type CollectionOptions,
  type EmbedDeclaration,
  type LinkContext,
  type LinksInit,
  type PrepareContext,
  type Resource,
  type ResourceBase,
  type ResourceDeclaration,
  type ResourceMethod,
  type ResourceSchema,
} from './define-resource.js';
export type {
  ActionContext,
  ActionKit,
  ActionOptions,
  ActionResult,
  ActionSpec,
  MemberOptions,
  ToggleOptions,
} from './actions.js';
export {
  defineEndpoint,
  type Endpoint,
  type EndpointContext,
  type EndpointDeclaration,
} from './endpoint.js';
export { createApi, type Api, type ApiOptions } from './api.js';
export {
  describeApi,
  type ApiDescription,
  type CollectionQueryDescription,
  type FilterDescription,
  type PagingDescription,
  type ResourceDescription,
  type RouteDescription,
  type SchemaDescription,
} from './describe-api.js';
