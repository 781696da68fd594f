import SwaggerParser from '@apidevtools/swagger-parser';
import { createRouter } from '@fielding/core';
import { createFilterParser } from '@fielding/pagination';
import { createProblemTypeRegistry, defineProblemType } from '@fielding/problem-errors';
import type {
  HeaderObject,
  OpenAPIObject,
  OperationObject,
  ParameterObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from 'openapi3-ts/oas31';
import { describe, expect, it } from 'vitest';
import {
  openApiDocument,
  type ResourceDescription,
  type RouteDescription,
} from './openapi-document.js';

const filters = createFilterParser(
  {
    type: 'object',
    properties: {
      done: { type: 'boolean' },
      priority: { type: 'integer', minimum: 1, maximum: 5 },
      tags: { type: 'array', items: { type: 'string', enum: ['home', 'work'] } },
    },
  },
  { operators: { tags: ['in'] } },
);

const tasks: ResourceDescription = {
  name: 'tasks',
  path: '/tasks/{taskId}',
  schema: {
    type: 'object',
    required: ['title'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', readOnly: true },
      title: { type: 'string', minLength: 1, maxLength: 200 },
      done: { type: 'boolean', default: false },
      priority: { type: 'integer', minimum: 1, maximum: 5 },
    },
  },
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  collection: {
    paging: { style: 'page', maxPageSize: 50 },
    sort: { fields: ['title', 'priority'] },
    fields: { allowed: ['id', 'title', 'done', 'priority'] },
    filters,
  },
  pathParameters: { taskId: { type: 'string', pattern: '^[\\w.~-]{1,128}$' } },
  statuses: [429],
};

const blogLocked = defineProblemType({
  type: 'https://api.test/problems/blog-locked',
  title: 'The blog is locked.',
  status: 423,
  members: { lockedUntil: { type: 'string', format: 'date-time' } },
});
const registry = createProblemTypeRegistry([blogLocked]);

const router = createRouter()
  .get('/health', () => Response.json({ ok: true }))
  .post('/blogs/:blogId/publication', () => new Response(null, { status: 202 }))
  .get('/files{/*path}', () => new Response('file'));

const routes: RouteDescription[] = [
  ...router.routes(),
  {
    method: 'PUT',
    pattern: '/blogs/:blogId',
    summary: 'Replace a blog',
    requestBody: { schema: { type: 'object', properties: { title: { type: 'string' } } } },
    response: { schema: { type: 'object', properties: { title: { type: 'string' } } } },
    conditional: true,
    requireIfMatch: true,
    negotiated: true,
    problemTypes: [blogLocked.type],
  },
  {
    method: 'PATCH',
    pattern: '/blogs/:blogId',
    requestBody: { mediaTypes: ['application/json-patch+json'] },
    response: { status: 204 },
    conditional: true,
  },
];

const document = openApiDocument({
  info: { title: 'Tasks', version: '1.0.0' },
  servers: [{ url: 'https://api.test' }],
  resources: [tasks],
  routes,
  problemTypes: registry,
});

function operation(path: string, method: 'get' | 'post' | 'put' | 'patch' | 'delete') {
  const found = document.paths?.[path]?.[method];
  if (found === undefined) throw new Error(`no ${method} ${path}`);
  return found as OperationObject;
}
const response = (op: OperationObject, status: string): ResponseObject =>
  op.responses?.[status] as ResponseObject;
const headerNames = (op: OperationObject, status: string): string[] =>
  Object.keys(response(op, status)?.headers ?? {});
const parameterNames = (op: OperationObject): string[] =>
  (op.parameters ?? []).map((parameter) =>
    '$ref' in parameter
      ? `${(document.components!.parameters![parameter.$ref.split('/').pop()!] as ParameterObject).name}`
      : parameter.name,
  );
const statuses = (op: OperationObject): string[] => Object.keys(op.responses ?? {}).sort();

describe('openApiDocument', () => {
  it('builds a document swagger-parser validates as OpenAPI 3.1', async () => {
    expect(document.openapi).toBe('3.1.0');
    const validated = (await SwaggerParser.validate(structuredClone(document) as never)) as {
      openapi: string;
    };
    expect(validated.openapi).toBe('3.1.0');
  });

  it('documents the paths of routes and resources, optional groups expanded', () => {
    expect(Object.keys(document.paths ?? {}).sort()).toEqual([
      '/blogs/{blogId}',
      '/blogs/{blogId}/publication',
      '/files',
      '/files/{path}',
      '/health',
      '/tasks',
      '/tasks/{taskId}',
    ]);
    expect(operation('/tasks', 'get').operationId).toBe('listTasks');
    expect(operation('/tasks/{taskId}', 'patch').operationId).toBe('updateTask');
    expect(operation('/health', 'get').operationId).toBe('getHealth');
    expect(operation('/blogs/{blogId}/publication', 'post').operationId).toBe(
      'postBlogsByBlogIdPublication',
    );
  });

  // The responses each kind of operation can get, as the toolkit sends them.
  it.each([
    ['GET /tasks', '/tasks', 'get', ['200', '304', '400', '405', '406', '429']],
    ['POST /tasks', '/tasks', 'post', ['201', '400', '405', '406', '413', '415', '422', '429']],
    [
      'GET /tasks/{id}',
      '/tasks/{taskId}',
      'get',
      ['200', '304', '400', '404', '405', '406', '429'],
    ],
    [
      'PUT /tasks/{id}',
      '/tasks/{taskId}',
      'put',
      ['200', '201', '204', '400', '404', '405', '406', '412', '413', '415', '422', '428', '429'],
    ],
    [
      'PATCH /tasks/{id}',
      '/tasks/{taskId}',
      'patch',
      [
        '200',
        '204',
        '400',
        '403',
        '404',
        '405',
        '406',
        '409',
        '412',
        '413',
        '415',
        '422',
        '428',
        '429',
      ],
    ],
    [
      'DELETE /tasks/{id}',
      '/tasks/{taskId}',
      'delete',
      ['204', '400', '404', '405', '412', '428', '429'],
    ],
    ['GET /health (a bare route)', '/health', 'get', ['200', '400', '405']],
    [
      'POST with a path parameter',
      '/blogs/{blogId}/publication',
      'post',
      ['201', '400', '404', '405'],
    ],
    [
      'PUT with metadata and a problem type',
      '/blogs/{blogId}',
      'put',
      ['200', '400', '404', '405', '406', '412', '415', '422', '423', '428'],
    ],
    [
      'PATCH with JSON Patch, no If-Match required',
      '/blogs/{blogId}',
      'patch',
      ['204', '400', '404', '405', '409', '412', '415', '422'],
    ],
  ] as const)('%s → %j', (_, path, method, expected) => {
    expect(statuses(operation(path, method))).toEqual([...expected].sort());
  });

  it.each([
    ['400', '/tasks', 'get'],
    ['404', '/tasks/{taskId}', 'get'],
    ['405', '/health', 'get'],
    ['406', '/tasks/{taskId}', 'get'],
    ['409', '/tasks/{taskId}', 'patch'],
    ['412', '/tasks/{taskId}', 'put'],
    ['415', '/tasks', 'post'],
    ['422', '/tasks', 'post'],
    ['428', '/tasks/{taskId}', 'delete'],
  ] as const)(
    'answers %s on %s %s with the shared ProblemDetails schema',
    (status, path, method) => {
      expect(response(operation(path, method), status).content).toEqual({
        'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } },
      });
    },
  );

  it('lets a registered problem type join the responses of its status', () => {
    const schema = response(operation('/blogs/{blogId}', 'put'), '423').content?.[
      'application/problem+json'
    ]?.schema;
    expect(schema).toEqual({
      anyOf: [
        { $ref: '#/components/schemas/BlogLockedProblem' },
        { $ref: '#/components/schemas/ProblemDetails' },
      ],
    });
    const component = document.components?.schemas?.BlogLockedProblem as SchemaObject;
    expect(component?.properties?.type).toEqual({ const: blogLocked.type });
    expect(component?.required).toContain('lockedUntil');
    expect(component).not.toHaveProperty('$schema');
  });

  it('refuses a route naming an unregistered problem type', () => {
    expect(() =>
      openApiDocument({
        info: { title: 'x', version: '1' },
        routes: [{ method: 'GET', pattern: '/a', problemTypes: ['/problems/nope'] }],
      }),
    ).toThrow(TypeError);
  });

  it.each([
    ['GET /tasks', '/tasks', 'get', '200', ['Link', 'ETag', 'Last-Modified', 'Vary']],
    ['GET /tasks 304', '/tasks', 'get', '304', ['ETag', 'Vary']],
    ['POST /tasks', '/tasks', 'post', '201', ['ETag', 'Location', 'Vary', 'Preference-Applied']],
    ['GET /tasks/{id}', '/tasks/{taskId}', 'get', '200', ['ETag', 'Last-Modified', 'Vary']],
    ['PUT /tasks/{id} 204', '/tasks/{taskId}', 'put', '204', ['ETag', 'Preference-Applied']],
    ['DELETE /tasks/{id}', '/tasks/{taskId}', 'delete', '204', []],
    ['405', '/tasks', 'get', '405', ['Allow']],
    ['412', '/tasks/{taskId}', 'put', '412', ['ETag']],
    ['428', '/tasks/{taskId}', 'patch', '428', ['ETag']],
    ['415 on PATCH', '/tasks/{taskId}', 'patch', '415', ['Accept-Patch']],
    ['415 on POST', '/tasks', 'post', '415', ['Accept-Post']],
  ] as const)('%s carries the headers %j', (_, path, method, status, expected) => {
    expect(headerNames(operation(path, method), status)).toEqual(expected);
    for (const name of expected) {
      const header = response(operation(path, method), status).headers?.[name] as ReferenceObject;
      expect(document.components?.headers?.[header.$ref.split('/').pop()!]).toMatchObject({
        schema: expect.any(Object) as HeaderObject,
      });
    }
  });

  it.each([
    ['GET /tasks/{id}', '/tasks/{taskId}', 'get', ['taskId', 'If-None-Match']],
    [
      'PUT /tasks/{id}',
      '/tasks/{taskId}',
      'put',
      ['taskId', 'If-Match', 'If-None-Match', 'Prefer'],
    ],
    ['PATCH /tasks/{id}', '/tasks/{taskId}', 'patch', ['taskId', 'If-Match', 'Prefer']],
    ['DELETE /tasks/{id}', '/tasks/{taskId}', 'delete', ['taskId', 'If-Match']],
    ['PATCH /blogs/{id}', '/blogs/{blogId}', 'patch', ['blogId', 'If-Match']],
  ] as const)('%s takes the parameters %j', (_, path, method, expected) => {
    expect(parameterNames(operation(path, method))).toEqual(expected);
  });

  it('requires If-Match where a write needs it, and only there', () => {
    const required = (path: string, method: 'put' | 'patch') =>
      operation(path, method).parameters?.find((p) => '$ref' in p && p.$ref.includes('IfMatch'));
    expect(required('/tasks/{taskId}', 'put')).toEqual({
      $ref: '#/components/parameters/IfMatchRequired',
    });
    expect(required('/blogs/{blogId}', 'patch')).toEqual({
      $ref: '#/components/parameters/IfMatch',
    });
    expect(document.components?.parameters?.IfMatchRequired).toMatchObject({
      name: 'If-Match',
      in: 'header',
      required: true,
    });
  });

  it('gives request bodies per media type, JSON Patch with its schema', () => {
    const patch = operation('/tasks/{taskId}', 'patch').requestBody as { content: object };
    expect(Object.keys(patch.content)).toEqual([
      'application/merge-patch+json',
      'application/json-patch+json',
    ]);
    expect(patch.content).toMatchObject({
      'application/json-patch+json': { schema: { $ref: '#/components/schemas/JsonPatch' } },
      'application/merge-patch+json': {
        schema: {
          type: 'object',
          properties: { title: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
        },
      },
    });
    expect(patch.content).not.toHaveProperty([
      'application/merge-patch+json',
      'schema',
      'required',
    ]);
    const post = operation('/tasks', 'post').requestBody as { content: object; required: boolean };
    expect(post).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Task' } } },
    });
  });

  it('describes the item and page representations per media type', () => {
    const item = response(operation('/tasks/{taskId}', 'get'), '200').content!;
    expect(Object.keys(item)).toEqual(['application/hal+json', 'application/json']);
    expect(item['application/json']).toEqual({ schema: { $ref: '#/components/schemas/Task' } });
    expect(document.components?.schemas?.Task).toMatchObject({ required: ['title'] });
    const page = response(operation('/tasks', 'get'), '200').content!['application/hal+json']!;
    expect(page.schema).toMatchObject({
      required: ['_links', '_embedded'],
      properties: { _embedded: { properties: { tasks: { type: 'array' } } } },
    });
  });

  it('turns the collection query into query parameters', () => {
    const names = parameterNames(operation('/tasks', 'get'));
    expect(names).toEqual([
      'pageIndex',
      'pageSize',
      'sort',
      'fields',
      'done',
      'done[ne]',
      'priority',
      'priority[ne]',
      'priority[gt]',
      'priority[gte]',
      'priority[lt]',
      'priority[lte]',
      'priority[in]',
      'priority[nin]',
      'tags',
      'tags[in]',
      'If-None-Match',
    ]);
  });

  it('refuses a method and path described twice', () => {
    expect(() =>
      openApiDocument({
        info: { title: 'x', version: '1' },
        routes: [
          { method: 'GET', pattern: '/a/:id' },
          { method: 'GET', pattern: '/a/{id}' },
        ],
      }),
    ).toThrow(/GET \/a\/\{id\} is described twice/);
  });

  it('never shares or mutates the declared schemas', () => {
    const frozen = Object.freeze({ type: 'object', properties: Object.freeze({}) });
    const built: OpenAPIObject = openApiDocument({
      info: { title: 'x', version: '1' },
      resources: [{ ...tasks, schema: frozen }],
    });
    expect(built.components?.schemas?.Task).toEqual({ type: 'object', properties: {} });
    expect(built.components?.schemas?.Task).not.toBe(frozen);
  });
});
