import { describe, expect, it } from 'vitest';
import * as auth from './index.js';

describe('@fielding/auth', () => {
  it('exports exactly its public runtime API', () => {
    expect(Object.keys(auth).sort()).toEqual([
      'BEARER_TOKEN_MAX_LENGTH',
      'JWKS_ALGORITHMS',
      'SECRET_ALGORITHMS',
      'bearerAuth',
      'claimsOf',
      'createJwtVerifier',
      'forwardClaims',
      'grantedScopes',
      'parseBearerAuthorization',
    ]);
  });
});
