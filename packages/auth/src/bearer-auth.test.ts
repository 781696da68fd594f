import { compose, createRouter } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { SECRET, hs256, now, unsecured } from './_test-tokens.js';
import { bearerAuth } from './bearer-auth.js';
import { claimsOf } from './claims.js';

const ISSUER = 'https://id.test';
const AUDIENCE = 'blog-api';
const auth = bearerAuth({
  secret: SECRET,
  issuer: ISSUER,
  audience: AUDIENCE,
  realm: 'blog',
  scopes: { 'POST /blogs': ['write'], 'DELETE /blogs/:blogId': ['write', 'admin'] },
});
const echo = compose(auth)((request) => Response.json({ claims: claimsOf(request) ?? null }));

const good = { iss: ISSUER, aud: AUDIENCE, sub: 'ada', scope: 'read write' };
const valid = await hs256({ ...good, exp: now() + 60 });
const [header, payload, signature] = valid.split('.') as [string, string, string];
const flipped = `${signature.slice(0, -2)}${signature.at(-2) === 'A' ? 'B' : 'A'}${signature.at(-1)}`;

const send = (headers: HeadersInit = {}, path = '/blogs', method = 'GET') =>
  echo(new Request(`https://api.test${path}`, { method, headers }));
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

const INVALID = (description: string) =>
  `Bearer realm="blog", error="invalid_token", error_description="${description}"`;
const INVALID_REQUEST = (description: string) =>
  `Bearer realm="blog", error="invalid_request", error_description="${description}"`;

describe('bearerAuth', () => {
  const table: [string, () => Promise<HeadersInit>, number, string | null][] = [
    ['a valid token', async () => bearer(valid), 200, null],
    ['lowercase "bearer"', async () => ({ Authorization: `bearer ${valid}` }), 200, null],
    ['no token', async () => ({}), 401, 'Bearer realm="blog"'],
    [
      'another scheme',
      async () => ({ Authorization: 'Basic YWRhOnNlY3JldA==' }),
      401,
      'Bearer realm="blog"',
    ],
    [
      'an expired token',
      async () => bearer(await hs256({ ...good, exp: now() - 10 })),
      401,
      INVALID('The access token expired.'),
    ],
    [
      'a token not yet valid',
      async () => bearer(await hs256({ ...good, nbf: now() + 600, exp: now() + 900 })),
      401,
      INVALID('The access token is not valid yet.'),
    ],
    [
      'a token without exp',
      async () => bearer(await hs256(good)),
      401,
      INVALID('The access token has no valid exp claim.'),
    ],
    [
      'a wrong issuer',
      async () => bearer(await hs256({ ...good, iss: 'https://evil.test', exp: now() + 60 })),
      401,
      INVALID('The access token was issued by an issuer this API does not trust.'),
    ],
    [
      'a wrong audience',
      async () => bearer(await hs256({ ...good, aud: 'other-api', exp: now() + 60 })),
      401,
      INVALID('The access token is meant for another audience.'),
    ],
    [
      'a wrong alg (HS512)',
      async () =>
        bearer(
          await hs256({ ...good, exp: now() + 60 }, { alg: 'HS512', secret: SECRET.repeat(2) }),
        ),
      401,
      INVALID('The access token is signed with an algorithm this API refuses.'),
    ],
    [
      'alg none',
      async () => bearer(unsecured({ ...good, exp: now() + 60 })),
      401,
      INVALID('The access token is signed with an algorithm this API refuses.'),
    ],
    [
      'a tampered signature',
      async () => bearer(`${header}.${payload}.${flipped}`),
      401,
      INVALID('The access token signature does not verify.'),
    ],
    [
      'a tampered payload',
      async () =>
        bearer(
          `${header}.${btoa(JSON.stringify({ ...good, scope: 'admin', exp: now() + 60 })).replaceAll('=', '')}.${signature}`,
        ),
      401,
      INVALID('The access token signature does not verify.'),
    ],
    [
      'a token signed with another secret',
      async () => bearer(await hs256({ ...good, exp: now() + 60 }, { secret: `${SECRET}!` })),
      401,
      INVALID('The access token signature does not verify.'),
    ],
    [
      'garbage',
      async () => bearer('garbage'),
      401,
      INVALID('The access token is not a well-formed signed JWT.'),
    ],
    [
      'garbage outside the b64token syntax',
      async () => ({ Authorization: 'Bearer <script>' }),
      400,
      INVALID_REQUEST('The bearer token has characters outside the b64token syntax.'),
    ],
    [
      'two Authorization headers',
      async () => {
        const headers = new Headers(bearer(valid));
        headers.append('Authorization', `Bearer ${valid}`);
        return headers;
      },
      400,
      INVALID_REQUEST('The request carries more than one set of credentials.'),
    ],
    [
      'an empty Authorization header',
      async () => ({ Authorization: '' }),
      400,
      INVALID_REQUEST('The Authorization field is empty.'),
    ],
  ];
  it.each(
    table.map(([name, headers, status, challenge]) => [name, status, challenge, headers] as const),
  )('%s → %i', async (_name, status, challenge, headers) => {
    const response = await send(await headers());
    expect(response.status).toBe(status);
    expect(response.headers.get('www-authenticate')).toBe(challenge);
    if (status === 200) {
      expect(await response.json()).toEqual({ claims: expect.objectContaining({ sub: 'ada' }) });
    } else {
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const body = (await response.json()) as { status: number; detail: string };
      expect(body.status).toBe(status);
      // The body says the same as the challenge, and never jose's own words.
      expect(challenge).toContain(
        status === 401 && body.detail.startsWith('This request') ? 'realm' : body.detail,
      );
      expect(body.detail).not.toMatch(/JWS|JWT Claims|"exp"|claim timestamp/);
    }
  });

  it('refuses a token in the query, even beside a valid header', async () => {
    for (const query of ['access_token=abc', 'x=1&access%5Ftoken=abc']) {
      const response = await send(bearer(valid), `/blogs?${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('www-authenticate')).toBe(
        INVALID_REQUEST('Send the access token in the Authorization header, not in the URI.'),
      );
    }
  });

  it('does not read a token from a form body', async () => {
    const response = await echo(
      new Request('https://api.test/blogs', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `access_token=${valid}`,
      }),
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="blog", scope="write"');
  });

  it.each([
    ['POST', '/blogs', 'read write', 200, null],
    ['POST', '/BLOGS/', 'read', 403, 'write'],
    ['POST', '/blogs', 'read', 403, 'write'],
    ['DELETE', '/blogs/7', 'write', 403, 'write admin'],
    ['DELETE', '/blogs/7', 'write admin', 200, null],
    ['GET', '/blogs/7', '', 200, null],
  ])('%s %s with scope %j → %i', async (method, path, scope, status, needed) => {
    const token = await hs256({ ...good, scope, exp: now() + 60 });
    const response = await send(bearer(token), path, method);
    expect(response.status).toBe(status);
    if (needed === null) {
      expect(response.headers.get('www-authenticate')).toBeNull();
    } else {
      const lacking = needed.split(' ').filter((s) => !scope.split(' ').includes(s));
      expect(response.headers.get('www-authenticate')).toBe(
        `Bearer realm="blog", error="insufficient_scope", error_description="The access token lacks the scope ${lacking.join(' ')}.", scope="${needed}"`,
      );
      expect(await response.json()).toMatchObject({ status: 403, title: 'Forbidden' });
    }
  });

  it('lets requests without a token through where optional and no scope is needed', async () => {
    const open = bearerAuth({
      secret: SECRET,
      optional: true,
      scopes: (request) => (['GET', 'HEAD'].includes(request.method) ? [] : ['write']),
    });
    const router = createRouter({ middleware: [open] })
      .get('/blogs', (request) => Response.json({ sub: claimsOf(request)?.sub ?? null }))
      .post('/blogs', (request) => Response.json({ sub: claimsOf(request)?.sub ?? null }));
    const read = await router.fetch(new Request('https://api.test/blogs'));
    expect(await read.json()).toEqual({ sub: null });
    const write = await router.fetch(new Request('https://api.test/blogs', { method: 'POST' }));
    expect(write.status).toBe(401);
    expect(write.headers.get('www-authenticate')).toBe('Bearer realm="api", scope="write"');
    const expired = await router.fetch(
      new Request('https://api.test/blogs', { headers: bearer(await hs256({ exp: now() - 1 })) }),
    );
    expect(expired.status).toBe(401);
    const written = await router.fetch(
      new Request('https://api.test/blogs', {
        method: 'POST',
        headers: bearer(await hs256({ sub: 'ada', scp: ['write'], exp: now() + 60 })),
      }),
    );
    expect(await written.json()).toEqual({ sub: 'ada' });
  });

  it('allows the clock tolerance on exp', async () => {
    const tolerant = compose(bearerAuth({ secret: SECRET, clockTolerance: 30 }))(
      () => new Response('ok'),
    );
    const token = await hs256({ exp: now() - 10 });
    const response = await tolerant(new Request('https://api.test/', { headers: bearer(token) }));
    expect(response.status).toBe(200);
  });

  it.each([
    ['no key source', {}],
    ['both key sources', { secret: SECRET, jwksUrl: 'https://id.test/jwks' }],
    ['a short secret', { secret: 'short' }],
    ['alg none', { secret: SECRET, algorithms: ['none'] }],
    ['an asymmetric alg for a secret', { secret: SECRET, algorithms: ['RS256'] }],
    ['a secret alg for a JWKS', { jwksUrl: 'https://id.test/jwks', algorithms: ['HS256'] }],
    ['no algorithms', { secret: SECRET, algorithms: [] }],
    ['a scope with a quote', { secret: SECRET, scopes: { 'GET /': ['a"b'] } }],
    ['a bad scope rule', { secret: SECRET, scopes: { 'get /': ['read'] } }],
    ['a realm with a newline', { secret: SECRET, realm: 'a\nb' }],
  ])('refuses a configuration with %s', (_name, options) => {
    expect(() => bearerAuth(options as Parameters<typeof bearerAuth>[0])).toThrow(TypeError);
  });
});
