import type { SecuritySchemeObject } from 'openapi3-ts/oas31';

/**
 * Options of {@link bearerSecurityScheme}.
 *
 * @example
 * ```ts
 * import type { BearerSecuritySchemeOptions } from '@fielding/openapi';
 *
 * const options: BearerSecuritySchemeOptions = { description: 'A token from /oauth/token.' };
 * ```
 */
export interface BearerSecuritySchemeOptions {
  /** What the token is and where to get one. Default: a sentence on bearer JWTs with scopes. */
  description?: string;
  /** A hint at the token's format. Default: `'JWT'`. */
  bearerFormat?: string;
}

/**
 * A Security Scheme Object for bearer tokens (RFC 6750), JWTs by default — what `bearerAuth` of
 * `@fielding/auth` checks. Put it in `securitySchemes` and name it in `security` requirements.
 *
 * @param options - the description and the token format
 * @returns `{ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description }`
 *
 * @example
 * ```ts
 * import { bearerSecurityScheme, openApiDocument } from '@fielding/openapi';
 *
 * const document = openApiDocument({
 *   info: { title: 'Tasks', version: '1.0.0' },
 *   securitySchemes: { bearer: bearerSecurityScheme() },
 *   routes: [{ method: 'POST', pattern: '/tasks', security: [{ bearer: ['write'] }] }],
 * });
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1
 */
export function bearerSecurityScheme(
  options: BearerSecuritySchemeOptions = {},
): SecuritySchemeObject {
  return {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: options.bearerFormat ?? 'JWT',
    description:
      options.description ??
      'A bearer token in `Authorization: Bearer <token>` (RFC 6750); its `scope` claim grants the scopes an operation requires.',
  };
}
