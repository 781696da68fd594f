// The files of a consumer project for scripts/registry/round-trip.mjs: what a user writes after
// installing the packages. Each takes the list of package names and `spec`, which turns a bare
// specifier into the runtime's (identity for Node and Bun, `npm:…` for Deno).

import { existsSync, readFileSync } from 'node:fs';

const id = (name) => name;

/**
 * The name an adapter exports its mount under. The adapters are moving to one name,
 * `mountFielding`; builds from before use `toExpress` (Express) and `fielding` (Fastify), with
 * the same signature. Read from the built declarations, so the consumer follows the build.
 */
function mountName(adapter, older) {
  const types = new URL(`../../adapters/${adapter}/dist/index.d.ts`, import.meta.url);
  const text = existsSync(types) ? readFileSync(types, 'utf8') : '';
  return /^export \{[^}]*\bmountFielding\b/m.test(text) ? 'mountFielding' : older;
}

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

/** The frameworks a server file is written for; `runtime` is the runtime's own server. */
export const FRAMEWORKS = ['runtime', 'express', 'fastify', 'hono'];

/**
 * `server-<framework>.mjs`: one Fielding handler (router, problem details, shallow ETags)
 * served by the runtime (node:http through @fielding/node on Node, Bun.serve, Deno.serve), in
 * Express, in Fastify or in Hono — one framework per process, as an app would. Prints
 * `{"port": N}` once it listens.
 */
export function server(framework, spec = id) {
  const lines = [
    `import { compose, createRouter } from '${spec('@fielding/core')}';`,
    `import { notFound, problemDetails } from '${spec('@fielding/problem-errors')}';`,
    `import { shallowEtag } from '${spec('@fielding/conditional-requests')}';`,
  ];
  const listen = `(server) =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });`;
  const serveFetch = `(fetch) => {
  if (globalThis.Bun) return Bun.serve({ port: 0, hostname: '127.0.0.1', fetch }).port;
  if (globalThis.Deno) {
    return new Promise((resolve) => {
      Deno.serve({ port: 0, hostname: '127.0.0.1', onListen: ({ port }) => resolve(port) }, fetch);
    });
  }
  return listen(createServer(toNodeListener(fetch)));
};`;
  const start = {
    runtime: `const listen = ${listen}
const serveFetch = ${serveFetch}
const port = await serveFetch(handler);`,
    express: `const listen = ${listen}
const app = express();
app.use(mountExpress(handler));
const port = await listen(createServer(app));`,
    fastify: `const app = Fastify();
await app.register(mountFastify(handler));
await app.listen({ port: 0, host: '127.0.0.1' });
const port = app.server.address().port;`,
    hono: `const listen = ${listen}
const serveFetch = ${serveFetch}
const app = new Hono();
mountFielding(app, '/', handler);
const port = await serveFetch(app.fetch);`,
  }[framework];
  if (framework === 'runtime' || framework === 'hono' || framework === 'express') {
    lines.push(`import { createServer } from 'node:http';`);
  }
  if (framework === 'runtime' || framework === 'hono') {
    lines.push(`import { toNodeListener } from '${spec('@fielding/node')}';`);
  }
  if (framework === 'express') {
    lines.push(
      `import { ${mountName('express', 'toExpress')} as mountExpress } from '${spec('@fielding/express')}';`,
      `import express from '${spec('express')}';`,
    );
  }
  if (framework === 'fastify') {
    lines.push(
      `import { ${mountName('fastify', 'fielding')} as mountFastify } from '${spec('@fielding/fastify')}';`,
      `import Fastify from '${spec('fastify')}';`,
    );
  }
  if (framework === 'hono') {
    lines.push(
      `import { mountFielding } from '${spec('@fielding/hono')}';`,
      `import { Hono } from '${spec('hono')}';`,
    );
  }
  return `${lines.join('\n')}

const router = createRouter().get('/items/:id', (_request, { params }) => {
  if (params.id !== '1') throw notFound({ detail: \`There is no item \${params.id}.\` });
  return Response.json({ id: 1, name: 'one' });
});
const handler = compose(problemDetails(), shallowEtag())(router.fetch);

${start}
console.log(JSON.stringify({ port }));
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
import { ${mountName('express', 'toExpress')} as mountExpress } from '${spec('@fielding/express')}';
import { ${mountName('fastify', 'fielding')} as mountFastify } from '${spec('@fielding/fastify')}';
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
app.use(mountExpress(handler));
const fastify = Fastify();
void fastify.register(mountFastify(handler));
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

/**
 * deno.json: npm: imports installed into node_modules, where require() finds them too; and no
 * minimum dependency age (Deno 2.9 refuses versions published in the last 24 hours by default,
 * and every version here was published a minute ago).
 */
export function denoConfig() {
  return `${JSON.stringify({ nodeModulesDir: 'auto', minimumDependencyAge: 0 }, null, 2)}\n`;
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
