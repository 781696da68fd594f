import SwaggerParser from '@apidevtools/swagger-parser';
import { createFilterParser } from '@fielding/pagination';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openApiDocument, type ResourceDescription } from './openapi-document.js';
import {
  lintOpenApi,
  OPENAPI_RULES,
  type OpenApiFinding,
  type OpenApiRule,
} from './openapi-lint.js';

type Json = Record<string, unknown>;

const ok = { '200': { description: 'OK' } };
const document = (paths: Json, components: Json = {}): Json => ({
  openapi: '3.1.0',
  info: { title: 'Test', version: '1.0.0' },
  paths,
  components,
});
const ifMatch = { name: 'If-Match', in: 'header', schema: { type: 'string' } };
const etag = { ETag: { schema: { type: 'string' } } };
const brief = (finding: OpenApiFinding): [OpenApiRule, string] => [finding.rule, finding.pointer];

// One small document per rule, each breaking that rule only.
const badDocuments: [OpenApiRule, Json, string][] = [
  ['kebab-case', document({ '/blogPosts': { get: { responses: ok } } }), '/paths/~1blogPosts'],
  [
    'plural-collection',
    document({ '/blog/{blogId}': { get: { responses: ok } } }),
    '/paths/~1blog~1{blogId}',
  ],
  ['no-verb', document({ '/get-blogs': { get: { responses: ok } } }), '/paths/~1get-blogs'],
  [
    'camel-case-param',
    document({ '/blogs/{blog_id}': { get: { responses: ok } } }),
    '/paths/~1blogs~1{blog_id}',
  ],
  [
    'max-depth',
    document({ '/authors/{authorId}/books/{bookId}/pages/{pageId}': { get: { responses: ok } } }),
    '/paths/~1authors~1{authorId}~1books~1{bookId}~1pages~1{pageId}',
  ],
  [
    'snake-case-query',
    document({
      '/blogs': { get: { parameters: [{ name: 'sortOrder', in: 'query' }], responses: ok } },
    }),
    '/paths/~1blogs/get/parameters/0',
  ],
  [
    'camel-case-member',
    document(
      {
        '/blogs': {
          post: {
            requestBody: {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Blog' } } },
            },
            responses: { '201': { description: 'Created' } },
          },
        },
      },
      {
        schemas: {
          Blog: {
            type: 'object',
            properties: { title: { type: 'string' }, created_at: { type: 'string' } },
          },
        },
      },
    ),
    '/components/schemas/Blog/properties/created_at',
  ],
  [
    'paged-total',
    document({
      '/blogs': {
        get: {
          parameters: [{ name: 'limit', in: 'query' }],
          responses: {
            '200': {
              description: 'A page',
              content: {
                'application/json': {
                  schema: { type: 'object', properties: { items: { type: 'array' } } },
                },
              },
            },
          },
        },
      },
    }),
    '/paths/~1blogs/get/responses/200/content/application~1json',
  ],
  [
    'problem-json',
    document({
      '/blogs': {
        get: {
          responses: {
            ...ok,
            '500': { description: 'Oops', content: { 'text/plain': {} } },
          },
        },
      },
    }),
    '/paths/~1blogs/get/responses/500',
  ],
  [
    'item-etag',
    document({
      '/blogs/{blogId}': {
        get: { responses: ok },
        put: { parameters: [ifMatch], responses: ok },
      },
    }),
    '/paths/~1blogs~1{blogId}/get/responses/200',
  ],
  [
    'item-if-match',
    document({
      '/blogs/{blogId}': {
        get: { responses: { '200': { description: 'OK', headers: etag } } },
        patch: { responses: ok },
      },
    }),
    '/paths/~1blogs~1{blogId}/patch',
  ],
];

describe('lintOpenApi', () => {
  it('has one bad document per rule', () => {
    expect(badDocuments.map(([rule]) => rule).sort()).toEqual(Object.keys(OPENAPI_RULES).sort());
    expect(Object.keys(OPENAPI_RULES)).toHaveLength(11);
  });

  it.each(badDocuments)('flags %s, and nothing else', (rule, bad, pointer) => {
    const findings = lintOpenApi(bad);
    expect(findings.map(brief)).toEqual([[rule, pointer]]);
    expect(findings[0]!.severity).toBe(OPENAPI_RULES[rule]);
    expect(findings[0]!.message).not.toBe('');
  });

  it.each(badDocuments)('turns %s off, or makes it an error', (rule, bad) => {
    expect(lintOpenApi(bad, { rules: { [rule]: 'off' } })).toEqual([]);
    expect(lintOpenApi(bad, { rules: { [rule]: 'error' } }).map((f) => f.severity)).toEqual([
      'error',
    ]);
  });

  it('accepts a declared action through x-fielding-action or the actions option', () => {
    const action = (extension: Json): Json =>
      document({ '/alerts/{alertId}/resend': { post: { ...extension, responses: ok } } });
    expect(lintOpenApi(action({})).map((f) => f.rule)).toEqual(['no-verb']);
    expect(lintOpenApi(action({ 'x-fielding-action': true }))).toEqual([]);
    expect(lintOpenApi(action({}), { actions: ['resend'] })).toEqual([]);
  });

  it('accepts snake_case query names with [operator] suffixes, and HAL members', () => {
    const clean = document({
      '/blogs': {
        get: {
          parameters: [
            { name: 'page_size', in: 'query' },
            { name: 'created_at[gte]', in: 'query' },
            { name: 'X-Trace', in: 'header' },
          ],
          responses: {
            '200': {
              description: 'A page',
              content: {
                'application/hal+json': {
                  schema: {
                    type: 'object',
                    properties: { _links: {}, _embedded: {}, total: { type: 'integer' } },
                  },
                },
              },
            },
          },
        },
      },
    });
    expect(lintOpenApi(clean)).toEqual([]);
  });

  it('finds a total in an allOf part, in every oneOf branch, or in X-Total-Count', () => {
    const paged = (response: Json): Json =>
      document({
        '/blogs': {
          get: { parameters: [{ name: 'cursor', in: 'query' }], responses: { '200': response } },
        },
      });
    const json = (schema: Json): Json => ({
      description: 'A page',
      content: { 'application/json': { schema } },
    });
    const total = { type: 'object', properties: { total: {} } };
    expect(lintOpenApi(paged(json({ allOf: [{ type: 'object' }, total] })))).toEqual([]);
    expect(lintOpenApi(paged(json({ oneOf: [total, total] })))).toEqual([]);
    expect(lintOpenApi(paged(json({ oneOf: [total, { type: 'object' }] })))).toHaveLength(1);
    expect(lintOpenApi(paged({ description: 'A page', headers: { 'X-Total-Count': {} } }))).toEqual(
      [],
    );
    expect(lintOpenApi(paged({ description: 'A page' })).map(brief)).toEqual([
      ['paged-total', '/paths/~1blogs/get/responses/200'],
    ]);
  });

  it('reports a member of a shared schema once, at the schema', () => {
    const shared = { $ref: '#/components/schemas/Blog' };
    const bad = document(
      {
        '/blogs': {
          get: {
            responses: {
              '200': { description: 'OK', content: { 'application/json': { schema: shared } } },
            },
          },
          post: {
            requestBody: { content: { 'application/json': { schema: shared } } },
            responses: ok,
          },
        },
      },
      { schemas: { Blog: { type: 'object', properties: { Title: {} } } } },
    );
    expect(lintOpenApi(bad).map(brief)).toEqual([
      ['camel-case-member', '/components/schemas/Blog/properties/Title'],
    ]);
  });

  it.each([null, undefined, [], 'openapi', 42, true])('throws a TypeError for %j', (value) => {
    expect(() => lintOpenApi(value)).toThrow(TypeError);
    expect(() => lintOpenApi(value)).toThrow(/expects an OpenAPI document object/);
  });

  it('ends on $ref cycles in schemas, responses, parameters and path items', () => {
    const cyclic = document(
      {
        '/blogs': {
          get: {
            parameters: [{ $ref: '#/components/parameters/Loop' }],
            responses: {
              '200': {
                description: 'OK',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Node' } } },
              },
              '404': { $ref: '#/components/responses/Loop' },
            },
          },
        },
        '/posts': { $ref: '#/paths/~1posts' },
      },
      {
        schemas: {
          Node: {
            type: 'object',
            properties: { next: { $ref: '#/components/schemas/Node' }, Bad: {} },
            allOf: [{ $ref: '#/components/schemas/Node' }],
          },
          Self: { $ref: '#/components/schemas/Self' },
        },
        parameters: { Loop: { $ref: '#/components/parameters/Loop' } },
        responses: { Loop: { $ref: '#/components/responses/Loop' } },
      },
    );
    expect(lintOpenApi(cyclic).map(brief)).toEqual([
      ['camel-case-member', '/components/schemas/Node/properties/Bad'],
    ]);
  });

  it('lints a document of 20,000 paths and a schema nested 50,000 deep in bounded time', () => {
    const paths: Json = {};
    for (let index = 0; index < 20_000; index++) {
      paths[`/v${index}-blogs/{blogId}`] = { get: { responses: ok } };
    }
    let deep: Json = { type: 'object', properties: { Bottom: {} } };
    for (let index = 0; index < 50_000; index++) {
      deep = { type: 'object', properties: { child: deep } };
    }
    paths['/deep'] = {
      get: {
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: deep } } },
        },
      },
    };
    const started = performance.now();
    const findings = lintOpenApi(document(paths));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(findings.map((finding) => finding.rule)).toEqual(['camel-case-member']);
  });

  it('never throws on any object', () => {
    fc.assert(
      fc.property(fc.object({ maxDepth: 5 }), fc.anything({ maxDepth: 5 }), (shape, paths) => {
        expect(Array.isArray(lintOpenApi(shape))).toBe(true);
        expect(Array.isArray(lintOpenApi({ ...shape, paths }))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on documents of arbitrary shapes under the keys it reads', () => {
    const key = fc.constantFrom(
      '/blogs/{blogId}',
      'get',
      'put',
      'parameters',
      'responses',
      '200',
      '404',
      'content',
      'application/json',
      'schema',
      'properties',
      '$ref',
      'allOf',
      'oneOf',
      'in',
      'name',
      'query',
      'headers',
      '#/paths',
      '#/components/schemas/A',
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        key,
        fc.integer(),
        fc.array(tie('node'), { maxLength: 3 }),
        fc.dictionary(key, tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, value, (paths, components) => {
        expect(Array.isArray(lintOpenApi({ paths, components }))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('a document generated by openApiDocument', () => {
  const tasks: ResourceDescription = {
    name: 'tasks',
    path: '/projects/{projectId}/tasks/{taskId}',
    schema: {
      type: 'object',
      required: ['title'],
      additionalProperties: false,
      properties: {
        id: { type: 'string', readOnly: true },
        title: { type: 'string', minLength: 1 },
        done: { type: 'boolean' },
        priority: { type: 'integer', minimum: 1, maximum: 5 },
        dueDate: { type: 'string', format: 'date' },
        createdAt: { type: 'string', format: 'date-time', readOnly: true },
      },
    },
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    pathParameters: { taskId: { type: 'string', pattern: '^[a-z0-9-]{1,36}$' } },
    collection: {
      paging: { style: 'page', maxPageSize: 100 },
      sort: { fields: ['priority', 'dueDate'] },
      fields: { allowed: ['id', 'title', 'done'] },
      filters: createFilterParser({
        type: 'object',
        properties: { done: { type: 'boolean' }, priority: { type: 'integer' } },
      }),
    },
    statuses: [429],
  };
  const projects: ResourceDescription = {
    name: 'projects',
    path: '/projects/{projectId}',
    schema: { type: 'object', properties: { name: { type: 'string' } } },
    methods: ['GET', 'POST', 'PATCH', 'DELETE'],
    collection: { paging: { style: 'cursor' } },
  };
  const generated = openApiDocument({
    info: { title: 'Projects', version: '1.0.0' },
    resources: [projects, tasks],
    routes: [
      {
        method: 'POST',
        pattern: '/projects/:projectId/tasks/:taskId/archive',
        action: true,
        response: { status: 204 },
      },
      { method: 'GET', pattern: '/health', response: { schema: { type: 'object' } } },
    ],
  });

  it('is valid OpenAPI 3.1 for swagger-parser', async () => {
    const validated = (await SwaggerParser.validate(structuredClone(generated) as never)) as {
      openapi: string;
    };
    expect(validated.openapi).toBe('3.1.0');
  });

  it('passes lintOpenApi with no errors; its only warnings are the camelCase page parameters', () => {
    const archive = generated.paths?.['/projects/{projectId}/tasks/{taskId}/archive']?.post;
    expect(archive?.['x-fielding-action']).toBe(true);
    const findings = lintOpenApi(generated);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(findings.map(brief)).toEqual([
      ['snake-case-query', '/paths/~1projects~1{projectId}~1tasks/get/parameters/1'],
      ['snake-case-query', '/paths/~1projects~1{projectId}~1tasks/get/parameters/2'],
    ]);
  });
});
