// The issue's own examples, with the real Fielding middleware around ordinary Express routes:
// the shallow-ETag middleware answering 304 and the problem middleware rendering errors.
import { afterAll, describe, expect, it } from 'vitest';
import { shallowEtag } from '@fielding/conditional-requests';
import { notFound, problemDetails, PROBLEM_JSON } from '@fielding/problem-errors';
import { expressMiddleware } from '../src/index.js';
import { send } from './adapter-suite.js';
import { close, EXPRESS_VERSIONS, listen } from './_servers.js';
import type { Server } from 'node:http';

describe.each(EXPRESS_VERSIONS)(
  'fielding middleware around %s routes',
  { timeout: 20_000 },
  (_name, express) => {
    const servers: Server[] = [];
    afterAll(async () => {
      await Promise.all(servers.map(close));
    });

    it('gets 304 from shallowEtag for a res.json route', async () => {
      const app = express();
      app.set('etag', false);
      app.use(expressMiddleware(shallowEtag()));
      app.get('/blogs/7', (_req, res) => {
        res.json({ id: 7, title: 'Hello' });
      });
      const { origin, server } = await listen(app);
      servers.push(server);
      const first = await send(`${origin}/blogs/7`);
      expect(first.status).toBe(200);
      expect(first.headers.etag).toBeDefined();
      const second = await send(`${origin}/blogs/7`, {
        headers: { 'If-None-Match': first.headers.etag! },
      });
      expect(second.status).toBe(304);
      expect(second.body.byteLength).toBe(0);
    });

    it('gets problem+json from problemDetails for errors of express handlers', async () => {
      const app = express();
      app.use(
        expressMiddleware(problemDetails(), {
          handlers: [
            (req, _res, next) => {
              if (req.url === '/blogs/9') throw notFound({ detail: 'No blog 9.' });
              next();
            },
            () => {
              throw new Error('secret internals');
            },
          ],
        }),
      );
      const { origin, server } = await listen(app);
      servers.push(server);
      const missing = await send(`${origin}/blogs/9`);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toBe(PROBLEM_JSON);
      expect(JSON.parse(missing.body.toString())).toMatchObject({
        status: 404,
        detail: 'No blog 9.',
        instance: '/blogs/9',
      });
      const broken = await send(`${origin}/blogs/1`);
      expect(broken.status).toBe(500);
      expect(broken.body.toString()).not.toContain('secret internals');
    });
  },
);
