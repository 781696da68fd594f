/**
 * OpenAPI for Fielding: {@link openApiDocument} builds an API's OpenAPI 3.1 document from its
 * routes and declared resources, {@link lintRoutes} checks a router's routes against REST
 * naming rules (kebab-case, plural collections, no verbs, camelCase parameters, shallow nesting),
 * and {@link lintOpenApi} checks any OpenAPI 3.x document against those rules and more.
 *
 * @module @fielding/openapi
 */
export {
  IRREGULAR_PLURALS,
  lintRoutes,
  ROUTE_VERBS,
  type LintRoutesOptions,
  type RouteFinding,
  type RouteRule,
} from './route-lint.js';
export {
  lintOpenApi,
  OPENAPI_RULES,
  PAGING_PARAMETERS,
  type LintOpenApiOptions,
  type OpenApiFinding,
  type OpenApiRule,
  type OpenApiSeverity,
} from './openapi-lint.js';
export {
  openApiDocument,
  type OpenApiDocumentOptions,
  type ProblemTypeDescription,
  type ResourceDescription,
  type RouteDescription,
} from './openapi-document.js';
export { bearerSecurityScheme, type BearerSecuritySchemeOptions } from './security.js';
export {
  collectionQueryParameters,
  type CollectionQueryDescription,
  type FilterParserDescription,
  type JsonSchema,
  type PagingDescription,
} from './collection-query-parameters.js';
