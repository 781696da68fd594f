import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { HttpError, PROBLEM_JSON, methodNotAllowed } from '@fielding/problem-errors';
import { httpErrorHandler, problemNotFound } from './index.js';

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

  it("answers hono's http exception with its own response", async () => {
    const app = new Hono();
    app.get('/x', () => {
      throw new HTTPException(401, { message: 'who are you' });
    });
    app.onError(httpErrorHandler());
    const response = await app.request('/x');
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('who are you');
  });

  it('answers other errors with a plain 500', async () => {
    const app = new Hono();
    app.get('/x', () => {
      throw new Error('secret internals');
    });
    app.onError(httpErrorHandler());
    const response = await app.request('/x');
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('Internal Server Error');
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
    app.onError(
      httpErrorHandler((error, c) => {
        seen.push(error.message);
        return c.json({ oops: true }, 503);
      }),
    );
    expect((await app.request('/x')).status).toBe(503);
    expect((await app.request('/y')).status).toBe(410);
    expect(seen).toEqual(['disk on fire']);
  });
});

describe('problemNotFound', () => {
  it('answers unmatched requests with a problem+json 404', async () => {
    const app = new Hono();
    app.get('/blogs', (c) => c.json([]));
    app.notFound(problemNotFound());
    const response = await app.request('/blogz?x=1', { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(await response.json()).toMatchObject({
      status: 404,
      title: 'Not Found',
      detail: 'No resource at DELETE /blogz.',
    });
  });
});
