import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import {
  HttpError,
  INTERNAL_ERROR_DETAIL,
  PROBLEM_JSON,
  methodNotAllowed,
} from '@fielding/problem-errors';
import { httpErrorHandler } from './index.js';

describe('httpErrorHandler', () => {
  it('answers an http error thrown in a hono handler as problem+json', async () => {
    const app = new Hono();
    app.get('/teapot', () => {
      throw new HttpError(418, { detail: 'Short and stout.' });
    });
    app.onError(httpErrorHandler());
    const response = await app.request('/teapot');
    expect(response.status).toBe(418);
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(await response.json()).toMatchObject({ status: 418, detail: 'Short and stout.' });
  });

  it('keeps the headers of the http error', async () => {
    const app = new Hono();
    app.use(async () => {
      throw methodNotAllowed(['GET', 'HEAD']);
    });
    app.onError(httpErrorHandler());
    const response = await app.request('/x', { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  // Every HTTPException a Hono app or middleware throws, and what the client gets.
  const exceptions: Array<
    [string, () => Error, number, string | undefined, Record<string, string>]
  > = [
    [
      'a 4xx with a message',
      () => new HTTPException(401, { message: 'Who are you?' }),
      401,
      'Who are you?',
      {},
    ],
    ['a 4xx without a message', () => new HTTPException(404), 404, undefined, {}],
    [
      'a 4xx whose message runs over lines',
      () => new HTTPException(400, { message: 'Bad field.\n    at parse (/work/app.ts:3:1)' }),
      400,
      'Bad field.',
      {},
    ],
    [
      'a 4xx with a plain-text response (its headers stay, its body does not)',
      () =>
        new HTTPException(401, {
          res: new Response('Unauthorized', { headers: { 'WWW-Authenticate': 'Basic realm="x"' } }),
        }),
      401,
      undefined,
      { 'www-authenticate': 'Basic realm="x"' },
    ],
    [
      'a 5xx (nothing of its message)',
      () => new HTTPException(503, { message: 'pool exhausted at /work/db.ts:9' }),
      503,
      undefined,
      {},
    ],
    [
      'a 5xx with a response and Retry-After',
      () =>
        new HTTPException(503, {
          message: 'secret',
          res: new Response('secret', { headers: { 'Retry-After': '60' } }),
        }),
      503,
      undefined,
      { 'retry-after': '60' },
    ],
    ['the default, 500', () => new HTTPException(), 500, undefined, {}],
  ];

  it.each(exceptions)(
    "answers hono's http exception, %s, as a problem",
    async (_name, make, status, detail, headers) => {
      const app = new Hono();
      app.get('/x', () => {
        throw make();
      });
      app.onError(httpErrorHandler());
      const response = await app.request('/x');
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
      const document = (await response.json()) as Record<string, unknown>;
      expect(document.status).toBe(status);
      expect(document.detail).toBe(detail);
      for (const [name, value] of Object.entries(headers)) {
        expect(response.headers.get(name)).toBe(value);
      }
    },
  );

  it('passes on an http exception whose response is a problem already', async () => {
    const app = new Hono();
    app.get('/x', () => {
      throw new HTTPException(409, {
        res: new Response('{"status":409,"title":"Conflict","x":1}', {
          headers: { 'Content-Type': PROBLEM_JSON },
        }),
      });
    });
    app.onError(httpErrorHandler());
    const response = await app.request('/x');
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({ status: 409, title: 'Conflict', x: 1 });
  });

  it('passes on an http exception that is not an error (a thrown redirect)', async () => {
    const app = new Hono();
    app.get('/x', () => {
      throw new HTTPException(302 as 400, {
        res: new Response(null, { headers: { Location: '/y' } }),
      });
    });
    app.onError(httpErrorHandler());
    const response = await app.request('/x');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/y');
  });

  it('answers an error with getResponse from another copy of hono the same way', async () => {
    class ForeignException extends Error {
      getResponse(): Response {
        return new Response('nope', { status: 403 });
      }
    }
    const app = new Hono();
    app.get('/x', () => {
      throw new ForeignException('Not yours.');
    });
    app.onError(httpErrorHandler());
    const response = await app.request('/x');
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ status: 403, detail: 'Not yours.' });
  });

  it('answers c.req.json() on a body that is not JSON with 400', async () => {
    const app = new Hono();
    app.post('/x', async (c) => c.json(await c.req.json()));
    app.onError(httpErrorHandler());
    const response = await app.request('/x', { method: 'POST', body: '{"a":' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(await response.json()).toMatchObject({
      status: 400,
      detail: 'The request body is not valid JSON.',
    });
  });

  it('answers a syntax error of the server with 500, even after the body was read', async () => {
    const app = new Hono();
    app.post('/x', async (c) => {
      await c.req.json();
      return c.json(JSON.parse('{corrupt config'));
    });
    app.get('/y', () => {
      throw new SyntaxError('Unexpected token');
    });
    app.onError(httpErrorHandler());
    const posted = await app.request('/x', { method: 'POST', body: '{"a":1}' });
    expect(posted.status).toBe(500);
    expect((await app.request('/y')).status).toBe(500);
  });

  it("answers bodyLimit's error on a streamed body with 413", async () => {
    const app = new Hono();
    app.post('/x', bodyLimit({ maxSize: 4 }), async (c) => c.text(await c.req.text()));
    app.onError(httpErrorHandler());
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('0123456789'));
        controller.close();
      },
    });
    const response = await app.request('/x', {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
  });

  it('answers other errors with a 500 problem that says nothing of them', async () => {
    const app = new Hono();
    app.get('/x', () => {
      throw new Error('secret internals');
    });
    app.onError(httpErrorHandler());
    const response = await app.request('/x');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: INTERNAL_ERROR_DETAIL,
    });
    expect(text).not.toContain('secret');
  });

  it('hands other errors to the fallback', async () => {
    const seen: string[] = [];
    const app = new Hono();
    app.get('/x', () => {
      throw new Error('disk on fire');
    });
    app.get('/y', () => {
      throw new HttpError(410);
    });
    app.get('/z', () => {
      throw new HTTPException(401);
    });
    app.onError(
      httpErrorHandler((error, c) => {
        seen.push(error.message);
        return c.json({ oops: true }, 503);
      }),
    );
    expect((await app.request('/x')).status).toBe(503);
    expect((await app.request('/y')).status).toBe(410);
    expect((await app.request('/z')).status).toBe(401);
    expect(seen).toEqual(['disk on fire']);
  });
});
