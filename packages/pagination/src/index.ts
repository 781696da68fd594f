/**
 * Paged collections for REST APIs: offset/limit, page index/size and signed cursor styles with
 * one result shape; validated query parsing (400 problem details on bad input); totals;
 * first / prev / next / last links as an RFC 8288 `Link` header and HAL `_links`; keyset
 * helpers; and the collection queries that go with paging (`fields`, `sort`, and filters with
 * operators, as data for a store or as an in-memory predicate).
 *
 * @module @fielding/pagination
 */
export {
  PAGE_INDEX_PARAMETERS,
  PAGE_SIZE_PARAMETERS,
  parseOffsetQuery,
  parsePageQuery,
  type OffsetQuery,
  type OffsetQueryOptions,
  type PageQuery,
  type PageQueryOptions,
} from './page-query.js';
export {
  UNBOUND_PARAMETERS,
  createCursorCodec,
  parseCursorQuery,
  type CursorCodec,
  type CursorCodecOptions,
  type CursorQuery,
  type CursorQueryOptions,
} from './cursor.js';
export {
  keyset,
  type CursorPosition,
  type Keyset,
  type KeysetColumn,
  type KeysetCondition,
  type OrderTerm,
} from './keyset.js';
export {
  createCursorPage,
  createPage,
  pageBody,
  pageResponse,
  setPageHeaders,
  type CursorPageOptions,
  type CursorPageResult,
  type Page,
  type PageBody,
  type PageHeaderOptions,
  type PageResult,
} from './page.js';
export { halLinks, type PageLinks } from './page-links.js';
export { publicUrl, type PublicUrlOptions } from './public-url.js';
export { parseSort, sortValues, type SortField, type SortOptions, type SortTerm } from './sort.js';
export { parseFields, project, type FieldsOptions } from './fields.js';
export {
  createFilterParser,
  type FilterCondition,
  type FilterOperator,
  type FilterParser,
  type FilterParserOptions,
  type FilterSchema,
  type FilterValues,
  type ScalarFilterSchema,
} from './filters.js';
export { filterPredicate } from './filter-predicate.js';
