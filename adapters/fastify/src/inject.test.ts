import { expect, it } from 'vitest';
import { shallowEtag } from '@fielding/conditional-requests';
import { fastifyMiddleware, httpErrorHandler } from './index.js';
import { FASTIFY_VERSIONS } from '../test/_servers.js';
it.each(FASTIFY_VERSIONS)(
  'answers app.inject through a wrapping middleware on %s',
  async (_n, fastify) => {
    const app = fastify();
    app.setErrorHandler(httpErrorHandler());
    await app.register(fastifyMiddleware(shallowEtag()));
    app.get('/x', async () => ({ id: 7 }));
    const reply = await app.inject('/x');
    expect(reply.body).toBe('{"id":7}');
    expect(reply.headers.etag).toBeDefined();
    expect(
      (await app.inject({ url: '/x', headers: { 'if-none-match': String(reply.headers.etag) } }))
        .statusCode,
    ).toBe(304);
  },
);
