import { compose, createRouter } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { cors, CORS_REQUEST_HEADERS, CORS_RESPONSE_HEADERS, type CorsOptions } from './cors.js';

const router = createRouter()
  .get('/blogs/:id', () => Response.json({ id: 7 }, { headers: { ETag: '"1"' } }))
  .put('/blogs/:id', () => new Response(null, { status: 204 }))
  .get('/moved', () => Response.redirect('https://api.test/blogs/7', 301));

const app = (options: CorsOptions) => compose(cors(options))(router.fetch);
const allowed = { origins: ['https://app.test'] } as const;

const preflight = (origin: string, method = 'PUT', url = 'https://api.test/blogs/7') =>
  new Request(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'if-match, content-type',
    },
  });

describe('cors (fetch standard §3.2)', () => {
  it('answers a preflight from the router’s Allow, with the toolkit’s request headers', async () => {
    const response = await app(allowed)(preflight('https://app.test'));
    expect(response.status).toBe(204);
    expect(Object.fromEntries(response.headers)).toEqual({
      allow: 'GET, HEAD, PUT, OPTIONS',
      'access-control-allow-origin': 'https://app.test',
      'access-control-allow-methods': 'GET, HEAD, PUT, OPTIONS',
      'access-control-allow-headers': CORS_REQUEST_HEADERS.join(', '),
      'access-control-max-age': '600',
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    });
    for (const name of [
      'If-Match',
      'If-None-Match',
      'Prefer',
      'Idempotency-Key',
      'Authorization',
    ]) {
      expect(CORS_REQUEST_HEADERS).toContain(name);
    }
  });

  it('refuses a preflight from an origin it does not know with a 403 problem', async () => {
    const response = await app(allowed)(preflight('https://evil.test'));
    expect(response.status).toBe(403);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.headers.has('Access-Control-Allow-Origin')).toBe(false);
    expect(response.headers.get('Vary')).toBe('Origin');
  });

  it('passes the router’s 404 through for a preflight to a URL that does not exist', async () => {
    const response = await app(allowed)(
      preflight('https://app.test', 'GET', 'https://api.test/nope'),
    );
    expect(response.status).toBe(404);
    expect(response.headers.has('Access-Control-Allow-Origin')).toBe(false);
  });

  it('lets an actual request from an allowed origin read the toolkit’s headers', async () => {
    const response = await app({ ...allowed, credentials: true })(
      new Request('https://api.test/blogs/7', { headers: { Origin: 'https://app.test' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://app.test');
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBe('true');
    expect(response.headers.get('Access-Control-Expose-Headers')).toBe(
      CORS_RESPONSE_HEADERS.join(', '),
    );
    for (const name of [
      'ETag',
      'Location',
      'Link',
      'RateLimit',
      'RateLimit-Policy',
      'Retry-After',
      'Deprecation',
      'Sunset',
      'Preference-Applied',
    ]) {
      expect(CORS_RESPONSE_HEADERS).toContain(name);
    }
    expect(response.headers.get('Vary')).toBe('Origin');
  });

  it.each([
    ['another origin', { Origin: 'https://evil.test' }],
    ['no Origin', {}],
    ['Origin: null', { Origin: 'null' }],
  ])('answers a request with %s without CORS headers, varying on Origin', async (_, headers) => {
    const response = await app(allowed)(new Request('https://api.test/blogs/7', { headers }));
    expect(response.status).toBe(200);
    expect(response.headers.has('Access-Control-Allow-Origin')).toBe(false);
    expect(response.headers.get('Vary')).toBe('Origin');
  });

  it('answers any origin with * and does not vary on it', async () => {
    const response = await app({ origins: '*' })(
      new Request('https://api.test/blogs/7', { headers: { Origin: 'null' } }),
    );
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(response.headers.has('Vary')).toBe(false);
  });

  it('takes a predicate and extra headers', async () => {
    const response = await app({
      origins: (origin) => origin.endsWith('.app.test'),
      requestHeaders: ['X-Trace'],
      responseHeaders: ['X-Request-Id'],
    })(preflight('https://eu.app.test'));
    expect(response.headers.get('Access-Control-Allow-Headers')).toContain('X-Trace');
  });

  it('adds its headers to a response whose headers are immutable', async () => {
    const response = await app(allowed)(
      new Request('https://api.test/moved', { headers: { Origin: 'https://app.test' } }),
    );
    expect(response.status).toBe(301);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe('https://app.test');
  });

  it.each([
    [{ origins: '*', credentials: true }, 'credentials'],
    [{ origins: ['https://app.test/'] }, 'serialized origin'],
    [{ origins: ['app.test'] }, 'serialized origin'],
    [{ origins: ['https://app.test'], requestHeaders: ['bad header'] }, 'header name'],
    [{ origins: ['https://app.test'], maxAge: -1 }, 'maxAge'],
  ] as const)('refuses the setup %o', (options, message) => {
    expect(() => cors(options as CorsOptions)).toThrow(message);
  });
});
