import { describe, expect, it } from 'vitest';
import { HttpError, PROBLEM_JSON } from '@fielding/problem-errors';
import { httpErrorHandler, mountFielding, notFoundHandler } from './index.js';
import { send } from '../test/adapter-suite.js';
import { FASTIFY_VERSIONS, startApps } from '../test/_servers.js';

describe.each(FASTIFY_VERSIONS)('http errors on %s', (_name, fastify) => {
  const start = startApps();

  it('answers errors of fastify routes and hooks with problem+json', async () => {
    const app = fastify();
    app.setErrorHandler(httpErrorHandler());
    app.get('/teapot', async () => {
      throw new HttpError(418, {
        detail: 'Short and stout.',
        headers: { 'Retry-After': '60' },
      });
    });
    app.get('/sync', () => {
      throw new HttpError(410, { detail: 'Gone for good.' });
    });
    app.get(
      '/hook',
      {
        preHandler: async () => {
          throw new HttpError(403, { detail: 'Not yours.' });
        },
      },
      async () => 'never',
    );
    app.get('/other', async () => {
      throw new Error('plain');
    });
    const origin = await start(app);
    const teapot = await send(`${origin}/teapot`);
    expect(teapot.status).toBe(418);
    expect(teapot.headers['content-type']).toBe(PROBLEM_JSON);
    expect(teapot.headers['retry-after']).toBe('60');
    expect(JSON.parse(teapot.body.toString())).toMatchObject({
      status: 418,
      detail: 'Short and stout.',
    });
    expect((await send(`${origin}/sync`)).status).toBe(410);
    const hook = await send(`${origin}/hook`);
    expect(hook.status).toBe(403);
    expect(hook.headers['content-type']).toBe(PROBLEM_JSON);
    // Anything else is a problem too, one that says nothing about the error.
    const other = await send(`${origin}/other`);
    expect(other.status).toBe(500);
    expect(other.headers['content-type']).toBe(PROBLEM_JSON);
    expect(JSON.parse(other.body.toString())).toMatchObject({
      status: 500,
      detail: 'The server could not complete the request.',
    });
    expect(other.body.toString()).not.toContain('plain');
  });

  it('leaves fastify 404 alone unless notFoundHandler is set', async () => {
    const plain = fastify();
    plain.setErrorHandler(httpErrorHandler());
    const before = await send(`${await start(plain)}/nowhere`);
    expect(before.status).toBe(404);
    expect(JSON.parse(before.body.toString())).toMatchObject({ statusCode: 404 });

    const asked = fastify();
    asked.setNotFoundHandler(notFoundHandler());
    await asked.register(
      mountFielding(() => new Response('here'), { method: 'GET', url: '/here' }),
    );
    const origin = await start(asked);
    const after = await send(`${origin}/nowhere?x=1`, { method: 'DELETE' });
    expect(after.status).toBe(404);
    expect(after.headers['content-type']).toBe(PROBLEM_JSON);
    expect(JSON.parse(after.body.toString())).toMatchObject({
      status: 404,
      detail: 'No resource at DELETE /nowhere?x=1.',
    });
    expect((await send(`${origin}/here`)).body.toString()).toBe('here');
  });
});
