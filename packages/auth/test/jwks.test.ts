// A JSON Web Key Set served by a real local HTTP server (node:http, test harness only), so the
// verifier fetches, caches and refetches keys the way it will against an identity provider.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { compose } from '@fielding/core';
import { SignJWT, exportJWK, generateKeyPair, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerAuth, claimsOf, createJwtVerifier } from '../src/index.js';

const now = (): number => Math.floor(Date.now() / 1000);

async function signer(alg: 'RS256' | 'ES256', kid: string) {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  const sign = (claims: JWTPayload, header: { kid?: string } = { kid }) =>
    new SignJWT(claims).setProtectedHeader({ alg, ...header }).sign(privateKey);
  return { jwk, sign };
}

describe('bearerAuth with a JWKS URL', () => {
  let served: JWK[] = [];
  let status = 200;
  let body: string | undefined;
  let fetches = 0;
  let origin = '';
  const server = createServer((_req, res) => {
    fetches++;
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(body ?? JSON.stringify({ keys: served }));
  });
  const keys = {} as Record<'k1' | 'k2' | 'k3' | 'ec', Awaited<ReturnType<typeof signer>>>;

  beforeAll(async () => {
    [keys.k1, keys.k2, keys.k3, keys.ec] = await Promise.all([
      signer('RS256', 'k1'),
      signer('RS256', 'k2'),
      signer('RS256', 'k3'),
      signer('ES256', 'ec'),
    ]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const app = () =>
    compose(
      bearerAuth({
        jwksUrl: `${origin}/.well-known/jwks.json`,
        issuer: 'https://id.test',
        jwks: { cooldownDuration: 0 },
      }),
    )((request) => Response.json({ sub: claimsOf(request)?.sub ?? null }));
  const call = async (fetch: ReturnType<typeof app>, token: string) => {
    const response = await fetch(
      new Request('https://api.test/blogs', { headers: { Authorization: `Bearer ${token}` } }),
    );
    return { status: response.status, challenge: response.headers.get('www-authenticate') };
  };
  const claims = (sub: string) => ({ sub, iss: 'https://id.test', exp: now() + 60 });

  it('fetches the key set once, then fetches the new kid after a rotation', async () => {
    served = [keys.k1.jwk, keys.ec.jwk];
    fetches = 0;
    const fetch = app();
    for (let index = 0; index < 5; index++) {
      expect(await call(fetch, await keys.k1.sign(claims('ada')))).toEqual({
        status: 200,
        challenge: null,
      });
    }
    expect(await call(fetch, await keys.ec.sign(claims('ec')))).toMatchObject({ status: 200 });
    expect(fetches).toBe(1);

    served = [keys.k1.jwk, keys.k2.jwk]; // the provider rotates in k2
    expect(await call(fetch, await keys.k2.sign(claims('bob')))).toEqual({
      status: 200,
      challenge: null,
    });
    expect(fetches).toBe(2);

    served = [keys.k2.jwk]; // … and retires k1: tokens from the cached set still verify
    expect(await call(fetch, await keys.k1.sign(claims('ada')))).toMatchObject({ status: 200 });
    expect(fetches).toBe(2);
  });

  it.each([
    [
      'an unknown kid',
      async () => keys.k3.sign(claims('eve')),
      'The access token is signed with a key this API does not know.',
    ],
    [
      'a known kid and a foreign key',
      async () => keys.k3.sign(claims('eve'), { kid: 'k2' }),
      'The access token signature does not verify.',
    ],
    [
      'HS256 with the public key as the secret',
      async () =>
        new SignJWT(claims('eve'))
          .setProtectedHeader({ alg: 'HS256', kid: 'k2' })
          .sign(new TextEncoder().encode(JSON.stringify(keys.k2.jwk))),
      'The access token is signed with an algorithm this API refuses.',
    ],
    [
      'a wrong issuer',
      async () => keys.k2.sign({ ...claims('eve'), iss: 'https://evil.test' }),
      'The access token was issued by an issuer this API does not trust.',
    ],
  ])('answers 401 invalid_token for %s', async (_name, token, description) => {
    served = [keys.k1.jwk, keys.k2.jwk];
    expect(await call(app(), await token())).toEqual({
      status: 401,
      challenge: `Bearer realm="api", error="invalid_token", error_description="${description}"`,
    });
  });

  it.each([
    ['answers 500', 500, undefined],
    ['is not JSON', 200, '<html>'],
    ['is JSON but no key set', 200, '{"keys":"none"}'],
  ])('answers 503, not 401, when the key set %s', async (_name, code, text) => {
    status = code;
    body = text;
    try {
      const token = await keys.k1.sign(claims('ada'));
      const response = await app()(
        new Request('https://api.test/', { headers: { Authorization: `Bearer ${token}` } }),
      );
      expect(response.status).toBe(503);
      expect(response.headers.get('www-authenticate')).toBeNull();
      expect(await response.json()).toMatchObject({
        status: 503,
        detail: 'The keys to verify access tokens are unavailable.',
      });
    } finally {
      status = 200;
      body = undefined;
    }
  });

  it('answers 503 when the key set cannot be reached at all', async () => {
    const verify = createJwtVerifier({
      jwksUrl: 'http://127.0.0.1:9/jwks',
      jwks: { timeoutDuration: 1000 },
    });
    expect(await verify(await keys.k1.sign(claims('ada')))).toEqual({
      valid: false,
      reason: 'key-set-unavailable',
      description: 'The keys to verify access tokens are unavailable.',
    });
  });
});
