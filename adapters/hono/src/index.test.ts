import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import * as hono from './index.js';

describe('@fielding/hono', () => {
  it('exports one name per verb, as every adapter names them', () => {
    expect(Object.keys(hono).sort()).toEqual([
      'honoMiddleware',
      'httpErrorHandler',
      'mountFielding',
      'notFoundHandler',
      'rejectMalformedTarget',
    ]);
  });

  it('never replaces the global Response or Request when mounting or answering', async () => {
    const { Response: response, Request: request } = globalThis;
    const app = new Hono();
    app.use(hono.rejectMalformedTarget());
    app.use(hono.honoMiddleware((req, next) => next(req)));
    hono.mountFielding(app, '/api', () => Response.json({ ok: true }));
    app.onError(hono.httpErrorHandler());
    app.notFound(hono.notFoundHandler(app));
    expect((await app.request('/api/x')).status).toBe(200);
    expect((await app.request('/elsewhere')).status).toBe(404);
    expect(globalThis.Response).toBe(response);
    expect(globalThis.Request).toBe(request);
  });
});
