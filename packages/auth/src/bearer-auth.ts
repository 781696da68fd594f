// The resource server side of RFC 6750: find the bearer token, verify it, check its scopes,
// and answer the client in a way it can act on — a challenge in WWW-Authenticate (§3) and the
// same words in a problem+json body (RFC 9457).
import type { Middleware } from '@fielding/core';
import {
  badRequest,
  forbidden,
  problemFromError,
  serviceUnavailable,
  unauthorized,
} from '@fielding/problem-errors';
import { verifiedClaims } from './_claims-store.js';
import { scopeResolver, type ScopeRules } from './_scope-rules.js';
import { parseBearerAuthorization } from './bearer-authorization.js';
import { grantedScopes } from './claims.js';
import { createJwtVerifier, type JwtVerifierOptions } from './jwt-verifier.js';

export type { ScopeRules } from './_scope-rules.js';

/** The options of {@link bearerAuth}: a JWT key source and checks, plus what routes need. */
export type BearerAuthOptions = JwtVerifierOptions & {
  /** The protection space named in every challenge. Default: `'api'`. */
  readonly realm?: string;
  /**
   * The scopes a request needs, all of them: a table `{ 'POST /blogs': ['write'] }` (a
   * `:name` segment matches any one segment, a last `*` any rest; `HEAD` also uses `GET`
   * entries; every matching entry adds its scopes) or a function of the request.
   * Default: none.
   */
  readonly scopes?: ScopeRules;
  /**
   * Let requests without any token through (without claims) where no scope is needed; a
   * token that is sent is still verified. Default: `false`.
   */
  readonly optional?: boolean;
};

// RFC 6750 §3: auth-param values are quoted-strings; error_description and scope values are
// restricted to characters that need no escaping, realm is escaped all the same.
const quote = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`;
const challenge = (parameters: Readonly<Record<string, string | undefined>>): string =>
  `Bearer ${Object.entries(parameters)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${quote(value)}`)
    .join(', ')}`;

// A realm is sent to every client: printable ASCII, bounded.
const REALM = /^[\x20-\x7E]{1,256}$/;

/**
 * Bearer-token authentication (RFC 6750) for a route or a whole router. Reads the token from
 * `Authorization: Bearer …` only (a token in the URI query answers `400`; the form body is
 * never read), verifies it as a JWT with a shared secret or a JWKS URL, checks the scopes the
 * request needs, and passes the request on with its claims reachable through
 * {@link claimsOf}. Answers, each as problem+json with a `WWW-Authenticate: Bearer` challenge:
 * `401` without an error code when no token is sent, `400 invalid_request` for a malformed
 * field, `401 invalid_token` for a token that does not verify or expired, `403
 * insufficient_scope` with the `scope` needed. A key set that cannot be fetched answers `503`.
 *
 * @param options - the key source (`secret` or `jwksUrl`), `issuer`, `audience`,
 *   `clockTolerance`, `algorithms`, `realm`, `scopes` and `optional`
 * @returns the middleware
 * @throws TypeError for an unusable configuration
 *
 * @example
 * ```ts
 * import { bearerAuth, claimsOf } from '@fielding/auth';
 * import { compose } from '@fielding/core';
 *
 * const auth = bearerAuth({
 *   secret: process.env.AUTH_SECRET ?? 'a development secret of 32+ bytes!',
 *   issuer: 'https://id.example',
 *   scopes: { 'POST /blogs': ['write'], 'DELETE /blogs/:blogId': ['write'] },
 *   optional: true, // reads stay public
 * });
 * const fetch = compose(auth)((request) => Response.json({ sub: claimsOf(request)?.sub }));
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-3
 */
export function bearerAuth(options: BearerAuthOptions): Middleware {
  const verify = createJwtVerifier(options);
  const realm = options.realm ?? 'api';
  if (!REALM.test(realm)) throw new TypeError('bearerAuth: the realm must be printable ASCII.');
  const requiredScopes = scopeResolver(options.scopes);
  const optional = options.optional ?? false;

  const refuse = (
    status: 400 | 401 | 403,
    detail: string,
    parameters: Readonly<Record<string, string | undefined>>,
  ): Response => {
    const header = challenge({ realm, ...parameters });
    const init = { detail };
    const error =
      status === 401
        ? unauthorized(header, init)
        : status === 400
          ? badRequest({ ...init, headers: { 'WWW-Authenticate': header } })
          : forbidden({ ...init, headers: { 'WWW-Authenticate': header } });
    return problemFromError(error);
  };
  const missing = (needed: readonly string[]): Response =>
    refuse(401, 'This request needs an access token: Authorization: Bearer <token>.', {
      scope: needed.length === 0 ? undefined : needed.join(' '),
    });
  const invalidRequest = (description: string): Response =>
    refuse(400, description, { error: 'invalid_request', error_description: description });

  return async function bearerAuthentication(request, next) {
    // RFC 6750 §2.3 and §5.3: a token in the URI ends up in logs, histories and Referer.
    if (request.url.includes('access') && new URL(request.url).searchParams.has('access_token')) {
      return invalidRequest('Send the access token in the Authorization header, not in the URI.');
    }
    const authorization = parseBearerAuthorization(request.headers.get('authorization'));
    if (authorization.kind === 'malformed') return invalidRequest(authorization.reason);
    if (authorization.kind !== 'token') {
      const needed = requiredScopes(request);
      return optional && needed.length === 0 ? next(request) : missing(needed);
    }
    const result = await verify(authorization.token);
    if (!result.valid) {
      if (result.reason === 'key-set-unavailable') {
        return problemFromError(serviceUnavailable({ detail: result.description }));
      }
      return refuse(401, result.description, {
        error: 'invalid_token',
        error_description: result.description,
      });
    }
    const needed = requiredScopes(request);
    if (needed.length > 0) {
      const granted = new Set(grantedScopes(result.claims));
      const lacking = needed.filter((scope) => !granted.has(scope));
      if (lacking.length > 0) {
        const description = `The access token lacks the scope ${lacking.join(' ')}.`;
        return refuse(403, description, {
          error: 'insufficient_scope',
          error_description: description,
          scope: needed.join(' '),
        });
      }
    }
    verifiedClaims.set(request, result.claims);
    return next(request);
  };
}
