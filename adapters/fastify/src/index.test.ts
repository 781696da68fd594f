// The entry point: the verbs every Fielding adapter has, plus the Fastify server options — and
// nothing that changes the runtime as a side effect of being used.
import { describe, expect, it } from 'vitest';
import * as entry from './index.js';
import { send } from '../test/adapter-suite.js';
import { FASTIFY_VERSIONS, startApps } from '../test/_servers.js';

describe('the @fielding/fastify entry point', () => {
  it('exports exactly the adapter verbs and the server options', () => {
    expect(Object.keys(entry).sort()).toEqual([
      'fastifyMiddleware',
      'httpErrorHandler',
      'mountFielding',
      'notFoundHandler',
      'problemServerOptions',
    ]);
  });
});

describe.each(FASTIFY_VERSIONS)('the entry point on %s', (_name, fastify) => {
  const start = startApps();

  it('never replaces the global Response, mounting, wrapping or answering errors', async () => {
    const before = globalThis.Response;
    const app = fastify(entry.problemServerOptions());
    app.setErrorHandler(entry.httpErrorHandler());
    app.setNotFoundHandler(entry.notFoundHandler());
    await app.register(entry.fastifyMiddleware((request, next) => next(request)));
    await app.register(
      entry.mountFielding(() => Response.json({ ok: true })),
      { prefix: '/api' },
    );
    const origin = await start(app);
    const reply = await send(`${origin}/api/x`);
    expect(JSON.parse(reply.body.toString())).toEqual({ ok: true });
    expect((await send(`${origin}/nowhere`)).status).toBe(404);
    expect(globalThis.Response).toBe(before);
  });
});
