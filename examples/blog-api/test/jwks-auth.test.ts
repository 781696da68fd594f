// AUTH_JWKS_URL: tokens verified against a JSON Web Key Set fetched over HTTP (here a local
// server publishing an RS256 public key), as an identity provider would publish it. Started as
// `pnpm start` starts the app (src/start.ts reads the environment), in a child process.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

describe('writes with AUTH_JWKS_URL', () => {
  let keys: Server;
  let api: ServerProcess;
  let sign: (scope: string) => Promise<string>;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
    keys = createServer((_, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => keys.listen(0, '127.0.0.1', resolve));
    const { port } = keys.address() as AddressInfo;
    sign = (scope) =>
      new SignJWT({ scope })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setSubject('jwks-user')
        .setIssuer('https://id.test/')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);
    api = await startServerProcess('node', {
      AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
      AUTH_ISSUER: 'https://id.test/',
    });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    keys?.close();
  });

  const create = (headers: Record<string, string>) =>
    fetch(`${api.url}/api/v1/blogs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify({ title: 'Signed by the key set' }),
    });

  it.each([
    ['no token', undefined, 401],
    ['a token without the write scope', 'read', 403],
    ['a token with the write scope', 'write', 201],
  ] as const)('answers a POST with %s → %i', async (_, scope, status) => {
    const response = await create(
      scope === undefined ? {} : { Authorization: `Bearer ${await sign(scope)}` },
    );
    expect(response.status).toBe(status);
    if (status !== 201) {
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="api"/);
    }
  });

  it('keeps reads public', async () => {
    expect((await fetch(`${api.url}/api/v1/blogs/1`)).status).toBe(200);
  });
});
