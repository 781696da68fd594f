/**
 * Bearer-token authentication (RFC 6750) for REST APIs on Web `Request`/`Response`: a strict
 * parser for `Authorization: Bearer` ({@link parseBearerAuthorization}), JWTs verified with
 * jose against a shared secret or a JWKS URL ({@link createJwtVerifier}), and
 * {@link bearerAuth}, the middleware that checks scopes per route and method and answers
 * `401`/`403` with `WWW-Authenticate: Bearer` challenges as problem+json. Handlers read the
 * verified claims with {@link claimsOf}.
 *
 * @module @fielding/auth
 */
export {
  BEARER_TOKEN_MAX_LENGTH,
  parseBearerAuthorization,
  type BearerAuthorization,
} from './bearer-authorization.js';
export {
  JWKS_ALGORITHMS,
  SECRET_ALGORITHMS,
  createJwtVerifier,
  type BearerClaims,
  type JwtKeySource,
  type JwtVerification,
  type JwtVerifier,
  type JwtVerifierOptions,
  type JwtVerifierSettings,
  type TokenRejectionReason,
} from './jwt-verifier.js';
export { bearerAuth, type BearerAuthOptions, type ScopeRules } from './bearer-auth.js';
export { claimsOf, forwardClaims, grantedScopes } from './claims.js';
