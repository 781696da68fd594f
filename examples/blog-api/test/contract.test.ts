// Contract test (issue 18), over real HTTP on the four servers: walk the API from its root
// following every link (HAL `_links`, templated ones expanded with the ids seen), and check each
// response against /openapi.json — the operation exists, the status is documented, the media
// type is documented, required header fields are present and the body validates (Ajv, JSON
// Schema 2020-12 as OpenAPI 3.1 uses). The writes a GET walk cannot reach (POST, PUT, PATCH,
// DELETE) and the operational routes are exercised explicitly; in the end every documented
// operation must have been seen.
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createMetrics } from '../src/metrics.js';
import { startExpress } from '../src/servers/express.js';
import { startFastify } from '../src/servers/fastify.js';
import { startHono } from '../src/servers/hono.js';
import { startNode } from '../src/servers/node.js';
import type { RunningServer, StartServer } from '../src/servers/types.js';
import { openStore, type Store } from '../src/storage/store.js';

interface Operation {
  responses: Record<
    string,
    {
      content?: Record<string, { schema?: unknown }>;
      headers?: Record<string, { required?: boolean }>;
    }
  >;
}
type Document = { paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

const SERVERS: readonly (readonly [string, StartServer])[] = [
  ['node:http', startNode],
  ['Express', startExpress],
  ['Fastify', startFastify],
  ['Hono', startHono],
];

describe.each(SERVERS)('the %s server keeps the contract of /openapi.json', (_, start) => {
  let store: Store;
  let server: RunningServer;
  let document: Document;
  let ajv: InstanceType<typeof Ajv2020>;
  const templates: { path: string; pattern: RegExp }[] = [];
  const seen = new Set<string>();
  const violations: string[] = [];
  let validated = 0;

  beforeAll(async () => {
    store = await openStore({ dataDir: 'memory://' });
    server = await start(createApp({ store, metrics: createMetrics(), version: '1.0.0' }), 0);
    document = (await (await fetch(`${server.url}/openapi.json`)).json()) as Document;
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
    ajv.addSchema(document as object, 'openapi');
    for (const path of Object.keys(document.paths)) {
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^/]+');
      templates.push({ path, pattern: new RegExp(`^${source}$`) });
    }
  });
  afterAll(async () => {
    await server.close();
    await store.close();
  });

  /** Sends a request and checks its answer against the document; returns the response. */
  async function checked(method: string, target: string, init: RequestInit = {}) {
    const response = await fetch(`${server.url}${target}`, { ...init, method });
    const text = await response.text();
    const pathname = new URL(target, server.url).pathname;
    const where = `${method} ${target} → ${response.status}`;
    const path = templates.find((template) => template.pattern.test(pathname))?.path;
    const operation = path && document.paths[path]?.[method.toLowerCase()];
    if (!path || !operation) {
      violations.push(`${where}: no such operation in the document`);
      return { response, text };
    }
    seen.add(`${method} ${path}`);
    const status = String(response.status);
    const described = operation.responses[status] ?? operation.responses.default;
    if (!described) {
      violations.push(`${where}: status not documented`);
      return { response, text };
    }
    for (const [name, header] of Object.entries(described.headers ?? {})) {
      if (header.required && !response.headers.has(name))
        violations.push(`${where}: ${name} missing`);
    }
    const mediaType = response.headers.get('content-type')?.split(';')[0]?.trim();
    if (text.length > 0 && method !== 'HEAD') {
      const content = described.content ?? {};
      if (!mediaType || !(mediaType in content)) {
        violations.push(
          `${where}: ${mediaType} not documented (${Object.keys(content).join(', ')})`,
        );
      } else if (content[mediaType]?.schema !== undefined && /json/.test(mediaType)) {
        const pointer = ['paths', path, method.toLowerCase(), 'responses']
          .concat(operation.responses[status] ? status : 'default', 'content', mediaType, 'schema')
          .map(escapePointer)
          .join('/');
        const validate = ajv.getSchema(`openapi#/${pointer}`);
        validated += 1;
        if (!validate) violations.push(`${where}: no schema at ${pointer}`);
        else if (!validate(JSON.parse(text))) {
          violations.push(`${where}: body ${ajv.errorsText(validate.errors)}`);
        }
      }
    }
    return { response, text };
  }

  it('walks every link from the root, and each answer is documented', async () => {
    const queue = ['/api/v1'];
    const visited = new Set<string>();
    const ids: Record<string, string> = {
      blogId: '1',
      articleId: '1',
      commentId: '1',
      rel: 'blogs',
    };
    while (queue.length > 0 && visited.size < 60) {
      const target = queue.shift()!;
      if (visited.has(target)) continue;
      visited.add(target);
      const { response, text } = await checked('GET', target, {
        headers: { Accept: 'application/hal+json' },
      });
      if (!(response.headers.get('content-type') ?? '').includes('json')) continue;
      const links: { href: string; templated?: boolean }[] = [];
      const collect = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(collect);
        else if (value && typeof value === 'object') {
          const record = value as Record<string, unknown>;
          if (typeof record.href === 'string') {
            links.push(record as { href: string; templated?: boolean });
          }
          for (const [key, member] of Object.entries(record)) if (key !== 'href') collect(member);
        }
      };
      collect(JSON.parse(text));
      for (const link of links) {
        const href = link.templated
          ? link.href
              .replace(/\{\?[^}]*\}/g, '')
              .replace(/\{(\w+)\}/g, (_, name) => ids[name] ?? '1')
          : link.href;
        if (href.startsWith('/') && !visited.has(href)) queue.push(href);
      }
    }
    expect(violations).toEqual([]);
    expect(visited.size).toBeGreaterThan(5);
  });

  it('exercises the writes and operational routes a walk cannot reach', async () => {
    const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Accept: 'application/hal+json', ...headers },
    });
    const created = await checked('POST', '/api/v1/blogs', json({ title: 'Contract' }));
    const blog = created.response.headers.get('location')!;
    const post = async (path: string, body: unknown) =>
      (await checked('POST', path, json(body))).response.headers.get('location')!;
    const article = await post(`${blog}/articles`, { title: 'A', content: 'c' });
    const comment = await post(`${article}/comments`, { author: 'ann', body: 'b' });
    for (const item of [blog, article, comment]) {
      const etag = () => fetch(`${server.url}${item}`).then((read) => read.headers.get('etag')!);
      const body =
        item === comment
          ? { author: 'bob', body: 'c' }
          : item === article
            ? { title: 'B', content: '' }
            : { title: 'C' };
      await checked('PUT', item, json(body, { 'If-Match': await etag() }));
      await checked('PATCH', item, {
        body: JSON.stringify(item === comment ? { body: 'd' } : { title: 'D' }),
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': await etag() },
      });
    }
    for (const item of [comment, article, blog]) {
      const etag = (await fetch(`${server.url}${item}`)).headers.get('etag')!;
      await checked('DELETE', item, { headers: { 'If-Match': etag } });
    }
    for (const path of ['/health', '/version', '/metrics', '/openapi.json', '/docs/api']) {
      await checked('GET', path);
    }
    // Errors are part of the contract too.
    await checked('GET', '/api/v1/blogs/999999');
    await checked('POST', '/api/v1/blogs', json({ title: '' }));
    await checked('GET', '/api/v1/blogs?pageSize=0');
    expect(violations).toEqual([]);
  });

  it('validates bodies for real: a wrong item is refused by its schema', () => {
    const pointer = ['paths', '/api/v1/blogs/{blogId}', 'get', 'responses', '200', 'content']
      .concat('application/hal+json', 'schema')
      .map(escapePointer)
      .join('/');
    const validate = ajv.getSchema(`openapi#/${pointer}`)!;
    expect(validate({ id: 1, title: 'T', createdAt: 'x', updatedAt: 'x', _links: {} })).toBe(true);
    expect(validate({ id: 1, title: 7, _links: {} })).toBe(false);
    expect(validate({ id: 'one', title: 'T' })).toBe(false);
    expect(validated).toBeGreaterThan(20);
  });

  it('reached every documented operation', () => {
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => METHODS.includes(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.filter((operation) => !seen.has(operation))).toEqual([]);
  });

  it('counts an answer the document does not describe as a violation', async () => {
    const before = violations.length;
    await checked('GET', '/not-in-the-document');
    expect(violations.slice(before)).toEqual([
      'GET /not-in-the-document → 404: no such operation in the document',
    ]);
  });
});
