// A forged X-Forwarded-Host never reaches a link (issue 16): links built with hal-links from
// the Request both sides of the adapter hand over, with Express's own `trust proxy` switched on
// to show it is not what the adapter believes. Only the adapter's `trustProxy` lets the proxy's
// host in, counted from the end, so what a client put before it is never read.
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProxyTrustOptions } from '@fielding/core';
import { createLinker } from '@fielding/hal-links';
import { expressMiddleware, mountFielding } from '../src/index.js';
import { send } from './adapter-suite.js';
import { close, EXPRESS_VERSIONS, listen } from './_servers.js';

const FORGED = { 'X-Forwarded-Host': 'evil.test', 'X-Forwarded-Proto': 'https' };
const APPENDED = {
  'X-Forwarded-Host': 'evil.test, api.example.com',
  'X-Forwarded-Proto': 'http, https',
};

const linkTo = (request: Request): string =>
  `<${createLinker(request, { absolute: true }).href('/blogs/:id', { id: 7 })}>; rel="self"`;

const ROWS: ReadonlyArray<
  readonly [string, ProxyTrustOptions, Record<string, string>, string | undefined]
> = [
  ['no trust, forged host', {}, FORGED, undefined],
  ['no trust, appended host', {}, APPENDED, undefined],
  [
    'trusted x-forwarded, forged first value',
    { trustProxy: 'x-forwarded' },
    APPENDED,
    'https://api.example.com',
  ],
  ['trusted forwarded, x-forwarded ignored', { trustProxy: 'forwarded' }, FORGED, undefined],
];

describe.each(EXPRESS_VERSIONS)(
  'links behind a proxy on %s',
  { timeout: 20_000 },
  (_name, express) => {
    const servers: Server[] = [];
    const start = async (app: ReturnType<typeof express>): Promise<string> => {
      const { origin, server } = await listen(app);
      servers.push(server);
      return origin;
    };
    afterEach(async () => {
      await Promise.all(servers.splice(0).map(close));
    });

    describe.each(ROWS)('%s', (_row, trust, headers, proxied) => {
      it('mountFielding: the handler links to the host the adapter trusts', async () => {
        const app = express();
        app.set('trust proxy', true);
        app.use(
          '/api',
          mountFielding(
            (request) => new Response(null, { headers: { Link: linkTo(request) } }),
            trust,
          ),
        );
        const origin = await start(app);
        const reply = await send(`${origin}/api/x`, { headers });
        expect(reply.headers.link).toBe(`<${proxied ?? origin}/blogs/7>; rel="self"`);
        expect(reply.headers.link).not.toContain('evil.test');
      });

      it('expressMiddleware: the middleware links to the host the adapter trusts', async () => {
        const app = express();
        app.set('trust proxy', true);
        app.use(
          expressMiddleware(async (request, next) => {
            const response = await next(request);
            response.headers.set('Link', linkTo(request));
            return response;
          }, trust),
        );
        app.get('/x', (req, res) => {
          // Express's own view, under its `trust proxy`, is the client's first value: not used.
          res.send(req.hostname);
        });
        const origin = await start(app);
        const reply = await send(`${origin}/x`, { headers });
        expect(reply.body.toString()).toBe('evil.test');
        expect(reply.headers.link).toBe(`<${proxied ?? origin}/blogs/7>; rel="self"`);
        expect(reply.headers.link).not.toContain('evil.test');
      });
    });
  },
);
