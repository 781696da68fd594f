import { compose } from '@fielding/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCsrfToken, csrfCookie, csrfGuard } from './csrf.js';

const secret = 'a test secret that is long enough for hmac';
const guarded = compose(csrfGuard({ secret, origins: ['https://app.test'] }))(
  async (request) => new Response(request.body === null ? 'ok' : await request.text()),
);
const token = await createCsrfToken({ secret });
const otherToken = await createCsrfToken({ secret: 'another secret that is long enough too' });

const send = (headers: Record<string, string>, init: RequestInit = {}) =>
  guarded(new Request('https://api.test/blogs/7', { method: 'DELETE', ...init, headers }));

describe('csrfGuard', () => {
  it.each([
    ['a safe method', { Cookie: 'session=1', Origin: 'https://evil.test' }, { method: 'GET' }, 200],
    ['no cookie (a bearer client)', { Origin: 'https://evil.test' }, {}, 200],
    [
      'the same origin and the token',
      { Cookie: `__Host-csrf=${token}`, Origin: 'https://api.test', 'X-CSRF-Token': token },
      {},
      200,
    ],
    [
      'a listed origin and the token',
      { Cookie: `__Host-csrf=${token}`, Origin: 'https://app.test', 'X-CSRF-Token': token },
      {},
      200,
    ],
    [
      'Sec-Fetch-Site: same-origin and the token',
      {
        Cookie: `a=b; __Host-csrf=${token}`,
        'Sec-Fetch-Site': 'same-origin',
        'X-CSRF-Token': token,
      },
      {},
      200,
    ],
    [
      'an old browser with the token',
      { Cookie: `__Host-csrf=${token}`, 'X-CSRF-Token': token },
      {},
      200,
    ],
    [
      'another origin',
      { Cookie: `__Host-csrf=${token}`, Origin: 'https://evil.test', 'X-CSRF-Token': token },
      {},
      403,
    ],
    [
      'Origin: null',
      { Cookie: `__Host-csrf=${token}`, Origin: 'null', 'X-CSRF-Token': token },
      {},
      403,
    ],
    [
      'Sec-Fetch-Site: cross-site',
      { Cookie: `__Host-csrf=${token}`, 'Sec-Fetch-Site': 'cross-site', 'X-CSRF-Token': token },
      {},
      403,
    ],
    ['no token', { Cookie: `__Host-csrf=${token}`, Origin: 'https://api.test' }, {}, 403],
    [
      'no cookie token',
      { Cookie: 'session=1', Origin: 'https://api.test', 'X-CSRF-Token': token },
      {},
      403,
    ],
    [
      'a token that differs from the cookie',
      { Cookie: `__Host-csrf=${token}`, Origin: 'https://api.test', 'X-CSRF-Token': `${token}x` },
      {},
      403,
    ],
    [
      'a token signed by another secret',
      {
        Cookie: `__Host-csrf=${otherToken}`,
        Origin: 'https://api.test',
        'X-CSRF-Token': otherToken,
      },
      {},
      403,
    ],
    [
      'an unsigned token',
      { Cookie: '__Host-csrf=abc', Origin: 'https://api.test', 'X-CSRF-Token': 'abc' },
      {},
      403,
    ],
  ] as const)('%s → %i', async (_, headers, init, status) => {
    const response = await send(headers, init);
    expect(response.status).toBe(status);
    if (status === 403)
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it('reads the token from a form and leaves the body for the handler', async () => {
    const body = `title=Hi&csrf=${encodeURIComponent(token)}`;
    const response = await send(
      {
        Cookie: `__Host-csrf=${token}`,
        'Sec-Fetch-Site': 'same-origin',
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(body.length),
      },
      { method: 'POST', body },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
  });

  it('does not read a form without a length or over 64 KiB', async () => {
    const body = `csrf=${encodeURIComponent(token)}&pad=${'x'.repeat(70_000)}`;
    const response = await send(
      {
        Cookie: `__Host-csrf=${token}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': String(body.length),
      },
      { method: 'POST', body },
    );
    expect(response.status).toBe(403);
  });

  it('writes a __Host- cookie', () => {
    expect(csrfCookie('a.b')).toBe('__Host-csrf=a.b; Path=/; Secure; SameSite=Strict');
  });

  it('refuses a short secret', async () => {
    expect(() => csrfGuard({ secret: 'short' })).toThrow('32 characters');
    await expect(createCsrfToken({ secret: 'short' })).rejects.toThrow('32 characters');
  });

  it('never accepts a token it did not sign', async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[\w-]{1,40}\.[\w-]{1,60}$/), async (forged) => {
        const response = await send({
          Cookie: `__Host-csrf=${forged}`,
          Origin: 'https://api.test',
          'X-CSRF-Token': forged,
        });
        expect(response.status).toBe(403);
      }),
      { numRuns: 200 },
    );
  });
});
