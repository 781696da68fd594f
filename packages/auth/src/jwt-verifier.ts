// JWT verification with jose, reduced to a decision the middleware can answer from: valid with
// its claims, or rejected with a reason and a description written here (jose's own messages
// can quote claim values and internals, so they never reach the client).
import {
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JWTVerifyGetKey,
  type JWTVerifyOptions,
} from 'jose';

/** The algorithms accepted with a shared `secret` unless `algorithms` says otherwise. */
export const SECRET_ALGORITHMS: readonly string[] = ['HS256'];
/** The algorithms accepted with a `jwksUrl` unless `algorithms` says otherwise. */
export const JWKS_ALGORITHMS: readonly string[] = ['RS256', 'PS256', 'ES256', 'EdDSA'];

const HMAC: Readonly<Record<string, { hash: string; bytes: number }>> = {
  HS256: { hash: 'SHA-256', bytes: 32 },
  HS384: { hash: 'SHA-384', bytes: 48 },
  HS512: { hash: 'SHA-512', bytes: 64 },
};
const ASYMMETRIC = new Set([
  ...['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
  ...['ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'],
]);

/**
 * The claims of a verified access token: the registered JWT claims plus `scope` (a
 * space-separated list, RFC 8693 §4.2 / RFC 9068 §2.2.3) or `scp` (a list, as some providers
 * send it).
 */
export interface BearerClaims {
  // The registered claims (RFC 7519 §4.1), written here rather than taken from jose's
  // JWTPayload: the package's types then import nothing from jose, an ES-module-only package a
  // CommonJS consumer under Node16 resolution could not load.
  /** Issuer. */
  readonly iss?: string;
  /** Subject: whom the token is about. */
  readonly sub?: string;
  /** Audience: one recipient or several. */
  readonly aud?: string | readonly string[];
  /** Token id. */
  readonly jti?: string;
  /** Not before, in seconds since the epoch. */
  readonly nbf?: number;
  /** Expires at, in seconds since the epoch. */
  readonly exp?: number;
  /** Issued at, in seconds since the epoch. */
  readonly iat?: number;
  /** Any other claim. */
  readonly [claim: string]: unknown;
  /** Space-separated scopes granted to the token, e.g. `'read write'`. */
  readonly scope?: string;
  /** Scopes as a list (or one space-separated string), as some providers send them. */
  readonly scp?: readonly string[] | string;
}

/** Where the verification keys come from: a shared secret, or a JSON Web Key Set URL. */
export type JwtKeySource =
  | {
      /** The shared HMAC secret (at least as many bytes as the hash: 32 for HS256). */
      readonly secret: string | Uint8Array;
      readonly jwksUrl?: never;
    }
  | {
      /** The JWKS URL; keys are fetched once, cached, and fetched again for an unknown `kid`. */
      readonly jwksUrl: string | URL;
      readonly secret?: never;
    };

/** The options of {@link createJwtVerifier} besides the key source. */
export interface JwtVerifierSettings {
  /** The expected `iss` (one of them). Default: not checked. */
  readonly issuer?: string | readonly string[];
  /** The expected `aud` (one of them). Default: not checked. */
  readonly audience?: string | readonly string[];
  /** Seconds of clock skew allowed on `exp`, `nbf` and `iat`. Default: `0`. */
  readonly clockTolerance?: number;
  /**
   * The accepted `alg` values; `none` never is. Default: {@link SECRET_ALGORITHMS} with a
   * secret, {@link JWKS_ALGORITHMS} with a JWKS URL.
   */
  readonly algorithms?: readonly string[];
  /** Refuse tokens without `exp` (a token that never expires). Default: `true`. */
  readonly requireExpiration?: boolean;
  /** JWKS cache tuning in milliseconds (jose's defaults: 5 s, 30 s, 10 min). */
  readonly jwks?: {
    readonly timeoutDuration?: number;
    readonly cooldownDuration?: number;
    readonly cacheMaxAge?: number;
  };
}

/** The options of {@link createJwtVerifier}. */
export type JwtVerifierOptions = JwtKeySource & JwtVerifierSettings;

/** Why a token was refused. `key-set-unavailable` is the server's problem, not the token's. */
export type TokenRejectionReason =
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'unknown-key'
  | 'expired'
  | 'not-yet-valid'
  | 'issuer'
  | 'audience'
  | 'claim'
  | 'invalid'
  | 'key-set-unavailable';

/** The outcome of verifying one token. `description` is safe to send to the client. */
export type JwtVerification =
  | { readonly valid: true; readonly claims: BearerClaims }
  | {
      readonly valid: false;
      readonly reason: TokenRejectionReason;
      readonly description: string;
    };

/** Verifies one compact JWT; never rejects for anything the token contains. */
export type JwtVerifier = (token: string) => Promise<JwtVerification>;

const refusal = (reason: TokenRejectionReason, description: string): JwtVerification => ({
  valid: false,
  reason,
  description,
});

const CLAIM_REFUSALS: Readonly<Record<string, JwtVerification>> = {
  nbf: refusal('not-yet-valid', 'The access token is not valid yet.'),
  iss: refusal('issuer', 'The access token was issued by an issuer this API does not trust.'),
  aud: refusal('audience', 'The access token is meant for another audience.'),
  exp: refusal('claim', 'The access token has no valid exp claim.'),
};

function rejection(error: unknown): JwtVerification {
  if (error instanceof errors.JWTExpired) {
    return error.claim === 'exp'
      ? refusal('expired', 'The access token expired.')
      : refusal('claim', 'The access token is too old.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    // `claim` is one of jose's registered claim names, never a value from the token.
    return (
      CLAIM_REFUSALS[error.claim] ??
      refusal('claim', `The access token has no valid ${error.claim} claim.`)
    );
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return refusal('algorithm', 'The access token is signed with an algorithm this API refuses.');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return refusal('signature', 'The access token signature does not verify.');
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return refusal('malformed', 'The access token is not a well-formed signed JWT.');
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return refusal('unknown-key', 'The access token is signed with a key this API does not know.');
  }
  if (error instanceof KeySetUnavailable) {
    return refusal('key-set-unavailable', 'The keys to verify access tokens are unavailable.');
  }
  return refusal('invalid', 'The access token is not valid.');
}

// Thrown by the key lookup when the key set cannot be had (a timeout, a network error, a
// non-200 answer, JSON that is no key set): the token may well be fine, so it is no 401.
class KeySetUnavailable extends Error {
  override name = 'KeySetUnavailable' as const;
}

function remoteKeys(url: string | URL, settings: JwtVerifierSettings['jwks']): JWTVerifyGetKey {
  const keySet = createRemoteJWKSet(new URL(url), { ...settings });
  return async (header, token) => {
    try {
      return await keySet(header, token);
    } catch (error) {
      if (
        error instanceof errors.JWKSNoMatchingKey ||
        error instanceof errors.JWKSMultipleMatchingKeys ||
        error instanceof errors.JOSENotSupported
      ) {
        throw error; // about the token: its kid or alg
      }
      throw new KeySetUnavailable('key set unavailable', { cause: error });
    }
  };
}

function checkAlgorithms(algorithms: readonly string[], secret: boolean): void {
  if (algorithms.length === 0) throw new TypeError('jwt: algorithms must not be empty.');
  for (const algorithm of algorithms) {
    const allowed = secret ? HMAC[algorithm] !== undefined : ASYMMETRIC.has(algorithm);
    if (!allowed) {
      throw new TypeError(
        `jwt: ${algorithm} is not an algorithm for ${secret ? 'a shared secret' : 'a JWKS'}.`,
      );
    }
  }
}

function secretKeys(secret: string | Uint8Array, algorithms: readonly string[]): JWTVerifyGetKey {
  const bytes =
    typeof secret === 'string' ? new TextEncoder().encode(secret) : Uint8Array.from(secret);
  const keys = new Map<string, Promise<CryptoKey>>();
  for (const algorithm of algorithms) {
    const { hash, bytes: minimum } = HMAC[algorithm] ?? { hash: '', bytes: 0 };
    if (bytes.length < minimum) {
      throw new TypeError(`jwt: an ${algorithm} secret needs at least ${minimum} bytes.`);
    }
    // Imported once: jose would otherwise import the raw secret again on every request.
    const key = crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash }, false, ['verify']);
    key.catch(() => undefined); // surfaced by the first verification that awaits it
    keys.set(algorithm, key);
  }
  return async (header) => {
    const key = keys.get(header.alg ?? '');
    if (key === undefined) throw new errors.JOSEAlgNotAllowed('alg not allowed');
    return key;
  };
}

/**
 * A JWT verifier for access tokens: the signature with a shared secret (HS256) or a JWKS URL
 * (fetched with jose's `createRemoteJWKSet`, cached, refetched for an unknown `kid`), the
 * algorithm pinned, `exp`/`nbf` with a clock tolerance, and `iss`/`aud` when given. The result
 * is a decision, never an exception, with a description safe to send to the client.
 *
 * @param options - the key source, expected issuer and audience, algorithms and tolerance
 * @returns a function that verifies one token
 * @throws TypeError for an unusable configuration (short secret, `none`, an alg for the wrong key)
 *
 * @example
 * ```ts
 * import { createJwtVerifier } from '@fielding/auth';
 *
 * const verify = createJwtVerifier({ secret: 'a development secret of 32+ bytes!', issuer: 'blog-dev' });
 * const result = await verify('not.a.jwt');
 * if (!result.valid) result.description; // 'The access token is not a well-formed signed JWT.'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8725
 */
export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const remote = options.jwksUrl !== undefined;
  if (remote === (options.secret !== undefined)) {
    throw new TypeError('jwt: give either a secret or a jwksUrl.');
  }
  const algorithms = options.algorithms ?? (remote ? JWKS_ALGORITHMS : SECRET_ALGORITHMS);
  checkAlgorithms(algorithms, !remote);
  const key: JWTVerifyGetKey =
    options.jwksUrl !== undefined
      ? remoteKeys(options.jwksUrl, options.jwks)
      : secretKeys(options.secret, algorithms);
  const verifyOptions: JWTVerifyOptions = {
    algorithms: [...algorithms],
    clockTolerance: options.clockTolerance ?? 0,
    requiredClaims: options.requireExpiration === false ? [] : ['exp'],
  };
  if (options.issuer !== undefined) verifyOptions.issuer = copy(options.issuer);
  if (options.audience !== undefined) verifyOptions.audience = copy(options.audience);
  return async function verifyJwt(token) {
    try {
      const { payload } = await jwtVerify<BearerClaims>(token, key, verifyOptions);
      return { valid: true, claims: payload };
    } catch (error) {
      return rejection(error);
    }
  };
}

const copy = (value: string | readonly string[]): string | string[] =>
  typeof value === 'string' ? value : [...value];
