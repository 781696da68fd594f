import { compose } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

const respond =
  (init: ResponseInit = {}) =>
  (): Response =>
    new Response('{}', init);

describe('securityHeaders', () => {
  it('sets nosniff and a framing policy, and removes fingerprints', async () => {
    const fetch = compose(securityHeaders())(
      respond({ headers: { Server: 'x/1.0', 'X-Powered-By': 'Express' } }),
    );
    const response = await fetch(new Request('https://api.test/'));
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Content-Security-Policy')).toBe("frame-ancestors 'none'");
    expect(response.headers.has('Server')).toBe(false);
    expect(response.headers.has('X-Powered-By')).toBe(false);
    expect(response.headers.has('Cache-Control')).toBe(false);
  });

  it.each([
    ['Authorization', { Authorization: 'Bearer t' }],
    ['Cookie', { Cookie: 'session=1' }],
  ])('keeps a response to a request with %s out of every cache', async (_, headers) => {
    const fetch = compose(securityHeaders())(respond());
    const response = await fetch(new Request('https://api.test/me', { headers }));
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('keeps the Cache-Control and CSP a handler declared', async () => {
    const fetch = compose(securityHeaders())(
      respond({
        headers: {
          'Cache-Control': 'private, max-age=60',
          'Content-Security-Policy': "default-src 'self'",
        },
      }),
    );
    const response = await fetch(
      new Request('https://api.test/me', { headers: { Authorization: 'Bearer t' } }),
    );
    expect(response.headers.get('Cache-Control')).toBe('private, max-age=60');
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
  });

  it('leaves the CSP out when told to, and works on immutable responses', async () => {
    const fetch = compose(securityHeaders({ contentSecurityPolicy: false }))(() =>
      Response.redirect('https://api.test/x', 302),
    );
    const response = await fetch(new Request('https://api.test/'));
    expect(response.headers.has('Content-Security-Policy')).toBe(false);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });
});
