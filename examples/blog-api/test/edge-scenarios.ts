// The edge (issue 20) over real HTTP, run against every server entry point like scenarios.ts:
// bearer tokens for writes, Idempotency-Key on POST, RateLimit fields and 429, CORS and security
// headers. Each test names its client with its own X-Forwarded-For, so rate-limit counters never
// leak from one test into another (TRUST_PROXY=x-forwarded).
import {
  formatIdempotencyKey,
  postgresStore as idempotencyPostgresStore,
  requestFingerprint,
  type IdempotencyStore,
} from '@fielding/idempotency';
import { memoryStore } from '@fielding/rate-limit';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { RunningServer, StartServer } from '../src/servers/types.js';
import { openStore, type Store } from '../src/storage/store.js';

const SECRET = 'a test secret that is longer than 32 bytes';
const ORIGIN = 'https://app.example';
const LIMIT = 40;
const PROBLEM = 'application/problem+json';

/** An HS256 token; `secret` and `expires` (seconds from now) vary for the bad cases. */
export async function mintToken(
  claims: { scope?: string; sub?: string } = {},
  options: { secret?: string; expires?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: claims.scope ?? 'write' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub ?? 'tester')
    .setIssuedAt(now - 120)
    .setExpirationTime(now + (options.expires ?? 600))
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

let clients = 0;
/** A new client address: its own rate-limit counter. */
const newClient = (): string => `198.51.100.${(clients += 1) % 250}`;

export function runEdgeScenarios(name: string, start: StartServer): void {
  describe(`the edge of the blog API on ${name}`, () => {
    let store: Store;
    let server: RunningServer;
    let idempotencyStore: IdempotencyStore;
    let write: string;

    beforeAll(async () => {
      store = await openStore({ dataDir: 'memory://' });
      // The store the app uses by default: a table in its own database (here PGlite).
      idempotencyStore = idempotencyPostgresStore({
        pool: { query: (text, values) => store.db.query(text, values ?? []) },
      });
      server = await start(
        createApp({
          store,
          edge: {
            auth: { secret: SECRET },
            idempotencyStore,
            rateLimit: {
              store: memoryStore(),
              limit: LIMIT,
              window: 60,
              trustProxy: 'x-forwarded',
            },
            corsOrigins: [ORIGIN],
          },
        }),
        0,
      );
      write = await mintToken();
    });
    afterAll(async () => {
      await server.close();
      await store.close();
    });

    /** A request from a fresh client (its own rate-limit counter) unless `client` is given. */
    const send = (path: string, init: RequestInit = {}, client = newClient()) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: { 'X-Forwarded-For': client, ...(init.headers as Record<string, string>) },
      });
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      send(path, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', ...headers },
      });

    it('keeps reads public', async () => {
      const response = await send('/api/v1/blogs/1');
      expect(response.status).toBe(200);
    });

    const refusals = [
      { case: 'no token', token: async () => undefined, status: 401, error: undefined },
      {
        case: 'a token signed with another secret',
        token: () => mintToken({}, { secret: 'another secret that is longer than 32 bytes' }),
        status: 401,
        error: 'invalid_token',
      },
      {
        case: 'an expired token',
        token: () => mintToken({}, { expires: -60 }),
        status: 401,
        error: 'invalid_token',
      },
      {
        case: 'a token without the write scope',
        token: () => mintToken({ scope: 'read' }),
        status: 403,
        error: 'insufficient_scope',
      },
      {
        case: 'two bearer tokens',
        token: async () => 'a, Bearer b',
        status: 400,
        error: 'invalid_request',
      },
    ];
    it.each(refusals)('refuses a write with $case → $status', async (row) => {
      const token = await row.token();
      const response = await post(
        '/api/v1/blogs',
        { title: 'Refused', description: '' },
        token === undefined ? {} : { Authorization: `Bearer ${token}` },
      );
      expect(response.status).toBe(row.status);
      expect(response.headers.get('content-type')).toBe(PROBLEM);
      const challenge = response.headers.get('www-authenticate') ?? '';
      expect(challenge).toMatch(/^Bearer realm="api"/);
      if (row.error) expect(challenge).toContain(`error="${row.error}"`);
      else expect(challenge).not.toContain('error=');
      if (row.status === 403) expect(challenge).toContain('scope="write"');
      const body = (await response.json()) as { status: number; detail?: string };
      expect(body.status).toBe(row.status);
      expect(JSON.stringify(body)).not.toMatch(/ {4}at |\.ts:|SELECT/);
    });

    it.each(['PUT', 'PATCH', 'DELETE'])('asks for a token on %s too', async (method) => {
      const response = await send('/api/v1/blogs/1', { method });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    });

    it('lets a write with a write-scoped token through', async () => {
      const response = await post(
        '/api/v1/blogs',
        { title: 'Authorised', description: '' },
        { Authorization: `Bearer ${write}` },
      );
      expect(response.status).toBe(201);
    });

    it('replays a retried POST with the same Idempotency-Key, and creates one row', async () => {
      const key = formatIdempotencyKey(crypto.randomUUID());
      const headers = { Authorization: `Bearer ${write}`, 'Idempotency-Key': key };
      const before = (await (await send('/api/v1/blogs')).json()) as { total: number };
      const first = await post('/api/v1/blogs', { title: 'Once', description: 'd' }, headers);
      const firstBody = await first.text();
      const retry = await post('/api/v1/blogs', { title: 'Once', description: 'd' }, headers);
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      for (const field of ['location', 'etag', 'content-type']) {
        expect(retry.headers.get(field), field).toBe(first.headers.get(field));
      }
      expect(await retry.text()).toBe(firstBody);
      const after = (await (await send('/api/v1/blogs')).json()) as { total: number };
      expect(after.total).toBe(before.total + 1);
    });

    it('answers 422 for the same key with another payload', async () => {
      const key = formatIdempotencyKey(crypto.randomUUID());
      const headers = { Authorization: `Bearer ${write}`, 'Idempotency-Key': key };
      expect((await post('/api/v1/blogs', { title: 'A', description: '' }, headers)).status).toBe(
        201,
      );
      const other = await post('/api/v1/blogs', { title: 'B', description: '' }, headers);
      expect(other.status).toBe(422);
      expect(other.headers.get('content-type')).toBe(PROBLEM);
    });

    it('answers 409 with Retry-After while the first request with the key still runs', async () => {
      const key = crypto.randomUUID();
      const body = JSON.stringify({ title: 'Slow', description: '' });
      const request = new Request(`${server.url}/api/v1/blogs`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      // The first request is "running": its claim is held in the store the server uses.
      await idempotencyStore.claim({
        key: `6:tester:${key}`,
        fingerprint: await requestFingerprint(request, new TextEncoder().encode(body)),
        lockTtl: 60_000,
      });
      const response = await post('/api/v1/blogs', JSON.parse(body), {
        Authorization: `Bearer ${write}`,
        'Idempotency-Key': formatIdempotencyKey(key),
      });
      expect(response.status).toBe(409);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.headers.get('content-type')).toBe(PROBLEM);
    });

    it('answers 400 problem+json for a malformed Idempotency-Key', async () => {
      const response = await post(
        '/api/v1/blogs',
        { title: 'A', description: '' },
        { Authorization: `Bearer ${write}`, 'Idempotency-Key': 'not-a-string' },
      );
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe(PROBLEM);
    });

    it.each([
      ['the root', '/api/v1', 200],
      ['a collection', '/api/v1/blogs', 200],
      ['a missing resource', '/api/v1/blogs/999999', 404],
      ['a refused write', '/api/v1/blogs/1', 401, 'DELETE'],
    ])('sends RateLimit fields on %s (%s → %i)', async (_, path, status, method = 'GET') => {
      const response = await send(path, { method });
      expect(response.status).toBe(status);
      expect(response.headers.get('ratelimit-policy')).toBe(`"default";q=${LIMIT};w=60`);
      expect(response.headers.get('ratelimit')).toMatch(
        new RegExp(`^"default";r=${LIMIT - 1};t=\\d+$`),
      );
    });

    it('limits only the API, not /health', async () => {
      const response = await send('/health');
      expect(response.headers.get('ratelimit')).toBeNull();
    });

    it(`answers 429 problem+json with Retry-After after ${LIMIT} requests`, async () => {
      const client = newClient();
      for (let index = 0; index < LIMIT; index += 1) {
        const response = await send('/api/v1', {}, client);
        await response.arrayBuffer();
        expect(response.status).toBe(200);
      }
      const refused = await send('/api/v1', {}, client);
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toBe(PROBLEM);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
      const problem = (await refused.json()) as { status: number; type: string };
      expect(problem.status).toBe(429);
      expect(problem.type).toContain('quota-exceeded');
    });

    it("answers a CORS preflight with the router's Allow", async () => {
      const plain = await send('/api/v1/blogs/1', { method: 'OPTIONS' });
      const preflight = await send('/api/v1/blogs/1', {
        method: 'OPTIONS',
        headers: {
          Origin: ORIGIN,
          'Access-Control-Request-Method': 'PUT',
          'Access-Control-Request-Headers': 'authorization, if-match, content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(preflight.headers.get('access-control-allow-methods')).toBe(
        plain.headers.get('allow'),
      );
      const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const header of ['authorization', 'if-match', 'idempotency-key']) {
        expect(allowed).toContain(header);
      }
    });

    it('refuses a preflight from another origin with 403 problem+json', async () => {
      const response = await send('/api/v1/blogs/1', {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'DELETE' },
      });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe(PROBLEM);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('exposes ETag, Link and the RateLimit fields to the allowed origin', async () => {
      const response = await send('/api/v1/blogs/1', { headers: { Origin: ORIGIN } });
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      const exposed = (response.headers.get('access-control-expose-headers') ?? '').toLowerCase();
      for (const header of ['etag', 'location', 'ratelimit', 'retry-after']) {
        expect(exposed).toContain(header);
      }
      expect(response.headers.get('vary')?.toLowerCase()).toContain('origin');
    });

    it.each(['/api/v1/blogs/1', '/api/v1/nowhere', '/health'])(
      'sends security headers on %s',
      async (path) => {
        const response = await send(path);
        expect(response.headers.get('x-content-type-options')).toBe('nosniff');
        expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
        expect(response.headers.get('x-powered-by')).toBeNull();
      },
    );
  });
}
