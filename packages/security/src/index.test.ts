import { describe, expect, it } from 'vitest';
import * as security from './index.js';

describe('@fielding/security', () => {
  it('exports exactly its public runtime API', () => {
    expect(Object.keys(security).sort()).toEqual([
      'CORS_REQUEST_HEADERS',
      'CORS_RESPONSE_HEADERS',
      'cors',
      'createCsrfToken',
      'csrfCookie',
      'csrfGuard',
      'securityHeaders',
    ]);
  });
});
