// The files of a consumer project for scripts/registry/round-trip.mjs: what a user writes after
// installing the packages. Each takes the list of package names and `spec`, which turns a bare
// specifier into the runtime's (identity for Node and Bun, `npm:…` for Deno).

const id = (name) => name;

/** Imports every package as ES modules; prints `{ name: [export names] }`. */
export function esmCheck(names, spec = id) {
  return [
    ...names.map((name, i) => `import * as m${i} from '${spec(name)}';`),
    `const namespaces = { ${names.map((name, i) => `'${name}': m${i}`).join(', ')} };`,
    'const exportNames = Object.fromEntries(',
    '  Object.entries(namespaces).map(([name, ns]) => [name, Object.keys(ns).sort()]),',
    ');',
    'console.log(JSON.stringify(exportNames));',
    '',
  ].join('\n');
}

/** `require()`s every package; prints `{ name: [export names] }`. */
export function cjsCheck(names) {
  return [
    "'use strict';",
    'const exportNames = {};',
    ...names.map((name) => `exportNames['${name}'] = Object.keys(require('${name}')).sort();`),
    'console.log(JSON.stringify(exportNames));',
    '',
  ].join('\n');
}

/**
 * One Fielding handler (router, problem details, shallow ETags) served four ways: by the
 * runtime (node:http through @fielding/node on Node, Bun.serve, Deno.serve), in Express, in
 * Fastify and in Hono. Prints `{ runtime, express, fastify, hono }`: a port, or `{ error }`.
 */
export function server(spec = id) {
  return `import { createServer } from 'node:http';
import { compose, createRouter } from '${spec('@fielding/core')}';
import { notFound, problemDetails } from '${spec('@fielding/problem-errors')}';
import { shallowEtag } from '${spec('@fielding/conditional-requests')}';
import { toNodeListener } from '${spec('@fielding/node')}';
import { toExpress } from '${spec('@fielding/express')}';
import { fielding } from '${spec('@fielding/fastify')}';
import { mountFielding } from '${spec('@fielding/hono')}';
import express from '${spec('express')}';
import Fastify from '${spec('fastify')}';
import { Hono } from '${spec('hono')}';

const router = createRouter().get('/items/:id', (_request, { params }) => {
  if (params.id !== '1') throw notFound({ detail: \`There is no item \${params.id}.\` });
  return Response.json({ id: 1, name: 'one' });
});
const handler = compose(problemDetails(), shallowEtag())(router.fetch);

const listen = (server) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });

function serveFetch(fetch) {
  if (globalThis.Bun) return Bun.serve({ port: 0, hostname: '127.0.0.1', fetch }).port;
  if (globalThis.Deno) {
    return new Promise((resolve) => {
      Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }) => resolve(port) }, fetch);
    });
  }
  return listen(createServer(toNodeListener(fetch)));
}

const servers = {
  runtime: () => serveFetch(handler),
  express: () => {
    const app = express();
    app.use(toExpress(handler));
    return listen(createServer(app));
  },
  fastify: async () => {
    const app = Fastify();
    await app.register(fielding(handler));
    await app.listen({ port: 0, host: '127.0.0.1' });
    return app.server.address().port;
  },
  hono: () => {
    const app = new Hono();
    mountFielding(app, '/', handler);
    return serveFetch(app.fetch);
  },
};

const ports = {};
for (const [name, start] of Object.entries(servers)) {
  try {
    ports[name] = await start();
  } catch (error) {
    ports[name] = { error: String(error?.stack ?? error) };
  }
}
console.log(JSON.stringify(ports));
`;
}

/** The type-check consumer (ESM): every package as a namespace, and the server above, typed. */
export function typedConsumer(names, spec = id) {
  return `${names.map((name, i) => `import * as m${i} from '${spec(name)}';`).join('\n')}
import { createServer } from 'node:http';
import { compose, createRouter, type FetchHandler } from '${spec('@fielding/core')}';
import { notFound, problemDetails } from '${spec('@fielding/problem-errors')}';
import { shallowEtag } from '${spec('@fielding/conditional-requests')}';
import { toNodeListener } from '${spec('@fielding/node')}';
import { toExpress } from '${spec('@fielding/express')}';
import { fielding } from '${spec('@fielding/fastify')}';
import { mountFielding } from '${spec('@fielding/hono')}';
import express from '${spec('express')}';
import Fastify from '${spec('fastify')}';
import { Hono } from '${spec('hono')}';

export const namespaces: readonly object[] = [${names.map((_, i) => `m${i}`).join(', ')}];

const router = createRouter().get('/items/:id', (_request, { params }) => {
  const id: string = params.id;
  if (id !== '1') throw notFound({ detail: \`There is no item \${id}.\` });
  return Response.json({ id: 1, name: 'one' });
});
export const handler: FetchHandler = compose(problemDetails(), shallowEtag())(router.fetch);

const app = express();
app.use(toExpress(handler));
const fastify = Fastify();
void fastify.register(fielding(handler));
const hono = new Hono();
mountFielding(hono, '/', handler);
export const servers = [createServer(toNodeListener(handler)), createServer(app), fastify, hono];
`;
}

/** The type-check consumer (CommonJS, .cts): every package as a namespace, through `require`. */
export function typedCjsConsumer(names) {
  return `${names.map((name, i) => `import * as m${i} from '${name}';`).join('\n')}

export const namespaces: readonly object[] = [${names.map((_, i) => `m${i}`).join(', ')}];
export const handler: m${names.indexOf('@fielding/core')}.FetchHandler = () => new Response('ok');
`;
}

/** tsconfig for one `moduleResolution`; strict, and every declaration file checked. */
export function tsconfig(resolution) {
  const module = resolution === 'Bundler' ? 'ESNext' : resolution;
  const files = resolution === 'Bundler' ? ['consumer.ts'] : ['consumer.ts', 'consumer.cts'];
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        module,
        moduleResolution: resolution,
        types: ['node'],
        strict: true,
        skipLibCheck: false,
        noEmit: true,
      },
      files,
    },
    null,
    2,
  )}\n`;
}
