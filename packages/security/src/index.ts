/**
 * The browser-facing edge of a REST API: {@link cors} that knows the toolkit's headers and
 * answers preflights from the router's `Allow`, {@link securityHeaders} for every response,
 * and {@link csrfGuard} for APIs used with cookie sessions.
 *
 * @module @fielding/security
 */
export {
  CORS_REQUEST_HEADERS,
  CORS_RESPONSE_HEADERS,
  cors,
  type AllowedOrigins,
  type CorsOptions,
} from './cors.js';
export { securityHeaders, type SecurityHeadersOptions } from './security-headers.js';
export { createCsrfToken, csrfCookie, csrfGuard, type CsrfOptions } from './csrf.js';
