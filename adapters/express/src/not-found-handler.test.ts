import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { PROBLEM_JSON } from '@fielding/problem-errors';
import { expectProblem, sendRaw } from '../../../test-utils/hostile-http.js';
import { httpErrorHandler, IMPLEMENTED_METHODS, notFoundHandler } from './index.js';
import { close, EXPRESS_VERSIONS, listen } from '../test/_servers.js';

const request = (head: string): string =>
  `${head} HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n`;

describe.each(EXPRESS_VERSIONS)('not-found and error handlers on %s', (_name, express) => {
  const servers: Server[] = [];
  const start = async (app: ReturnType<typeof express>): Promise<string> => {
    const { origin, server } = await listen(app);
    servers.push(server);
    return origin;
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(close));
  });

  it.each([
    ['GET /blogs/8', 404, 'No resource matches /blogs/8.'],
    ['DELETE /blogs/7?force=1', 404, 'No resource matches /blogs/7.'],
    ['PROPFIND /blogs/7', 501, 'The method PROPFIND is not implemented by this server.'],
    ['TRACE /blogs/7', 501, 'The method TRACE is not implemented by this server.'],
  ])('answers %s with %i', async (head, status, detail) => {
    const app = express();
    app.get('/blogs/7', (_req, res) => {
      res.json({ id: 7 });
    });
    app.use(notFoundHandler());
    const reply = await sendRaw(await start(app), request(head));
    expectProblem(reply, [status], head);
    expect(JSON.parse(reply.body)).toMatchObject({
      status,
      detail,
      instance: head.split(' ')[1]!.split('?')[0],
    });
  });

  it('takes the methods the server implements from options', async () => {
    const app = express();
    app.use(notFoundHandler({ methods: [...IMPLEMENTED_METHODS, 'PROPFIND'] }));
    const origin = await start(app);
    expectProblem(await sendRaw(origin, request('PROPFIND /x')), [404], 'PROPFIND');
    expectProblem(await sendRaw(origin, request('TRACE /x')), [501], 'TRACE');
    const options = await sendRaw(origin, request('OPTIONS *'));
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe(
      'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, PROPFIND',
    );
  });

  it('leaves requests a route answers alone', async () => {
    const app = express();
    app.get('/blogs/7', (_req, res) => {
      res.json({ id: 7 });
    });
    app.use(notFoundHandler());
    const reply = await sendRaw(await start(app), request('GET /blogs/7'));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ id: 7 });
  });

  it('cuts the connection when a route fails after its head went out', async () => {
    const app = express();
    app.get('/half', (_req, res, next) => {
      res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '100' });
      res.write('half of it');
      next(new Error('secret'));
    });
    app.use(httpErrorHandler());
    const reply = await sendRaw(await start(app), request('GET /half'));
    // Cut before or after the head reached the client; never completed, never a second answer.
    expect([0, 200]).toContain(reply.status);
    expect(reply.body.length).toBeLessThan(100);
    expect(reply.body).not.toMatch(/secret|problem|html/i);
  });

  it('answers an error with a problem for HEAD without a body', async () => {
    const app = express();
    app.get('/boom', () => {
      throw new Error('secret');
    });
    app.use(httpErrorHandler());
    const reply = await sendRaw(await start(app), request('HEAD /boom'));
    expect(reply.status).toBe(500);
    expect(reply.headers.get('content-type')).toBe(PROBLEM_JSON);
    expect(reply.body).toBe('');
  });
});
