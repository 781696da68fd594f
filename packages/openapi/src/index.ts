/**
 * API design lint for Fielding: {@link lintRoutes} checks a router's routes against REST naming
 * rules (kebab-case, plural collections, no verbs, camelCase parameters, shallow nesting).
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
