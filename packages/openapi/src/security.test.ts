import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIObject, OperationObject, ResponseObject } from 'openapi3-ts/oas31';
import { describe, expect, it } from 'vitest';
import { openApiDocument, type ResourceDescription } from './openapi-document.js';
import { lintOpenApi } from './openapi-lint.js';
import { bearerSecurityScheme } from './security.js';

const info = { title: 'Tasks', version: '1.0.0' };
const write = [{ bearer: ['write'] }];
const tasks: ResourceDescription = {
  name: 'tasks',
  path: '/tasks/{taskId}',
  schema: { type: 'object', properties: { title: { type: 'string' } } },
  methods: ['GET', 'POST', 'PATCH', 'DELETE'],
  security: { GET: [], POST: write, PATCH: write, DELETE: [{ bearer: ['admin'] }] },
};
const operation = (document: OpenAPIObject, path: string, method: string): OperationObject =>
  (document.paths?.[path] as Record<string, OperationObject>)[method]!;
const statuses = (op: OperationObject): string[] => Object.keys(op.responses ?? {});

describe('bearerSecurityScheme', () => {
  it('describes a bearer JWT scheme', () => {
    expect(bearerSecurityScheme()).toMatchObject({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    expect(bearerSecurityScheme().description).toMatch(/Authorization: Bearer/);
  });

  it('takes a description and a token format', () => {
    expect(
      bearerSecurityScheme({ description: 'From /oauth/token.', bearerFormat: 'opaque' }),
    ).toEqual({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'opaque',
      description: 'From /oauth/token.',
    });
  });
});

describe('openApiDocument with security', () => {
  const document = openApiDocument({
    info,
    securitySchemes: { bearer: bearerSecurityScheme() },
    resources: [tasks],
    routes: [
      { method: 'POST', pattern: '/reports', security: write, response: { status: 202 } },
      { method: 'GET', pattern: '/health' },
    ],
  });

  it('gives a secured route its requirements, 401 with WWW-Authenticate, and 403', () => {
    const reports = operation(document, '/reports', 'post');
    expect(reports.security).toEqual(write);
    expect(statuses(reports)).toEqual(expect.arrayContaining(['401', '403']));
    const unauthorized = reports.responses?.['401'] as ResponseObject;
    expect(unauthorized.headers).toEqual({
      'WWW-Authenticate': { $ref: '#/components/headers/WWW-Authenticate' },
    });
    expect(Object.keys(unauthorized.content ?? {})).toEqual(['application/problem+json']);
    expect(Object.keys((reports.responses?.['403'] as ResponseObject).content ?? {})).toEqual([
      'application/problem+json',
    ]);
    expect(document.components?.headers?.['WWW-Authenticate']).toBeDefined();
  });

  it('leaves a route without security public: no security, no 401 or 403', () => {
    const health = operation(document, '/health', 'get');
    expect(health.security).toBeUndefined();
    expect(statuses(health)).not.toContain('401');
    expect(statuses(health)).not.toContain('403');
  });

  it.each([
    ['/tasks', 'get', [], false],
    ['/tasks/{taskId}', 'get', [], false],
    ['/tasks', 'post', write, true],
    ['/tasks/{taskId}', 'patch', write, true],
    ['/tasks/{taskId}', 'delete', [{ bearer: ['admin'] }], true],
  ])('secures the resource per method: %s %s', (path, method, security, secured) => {
    const op = operation(document, path, method);
    expect(op.security).toEqual(security);
    expect(statuses(op).includes('401')).toBe(secured);
    // PATCH sends 403 for read-only members anyway; the others only when secured.
    expect(statuses(op).includes('403')).toBe(secured || method === 'patch');
  });

  it('applies a list to every operation of a resource', () => {
    const all = openApiDocument({ info, resources: [{ ...tasks, security: write }] });
    for (const [path, method] of [
      ['/tasks', 'get'],
      ['/tasks/{taskId}', 'delete'],
    ] as const) {
      expect(operation(all, path, method).security).toEqual(write);
      expect(statuses(operation(all, path, method))).toContain('401');
    }
  });

  it('secures operations by the document-wide security unless they say [] (public)', () => {
    const wide = openApiDocument({
      info,
      securitySchemes: { bearer: bearerSecurityScheme() },
      security: [{ bearer: [] }],
      routes: [
        { method: 'GET', pattern: '/reports' },
        { method: 'GET', pattern: '/health', security: [] },
        { method: 'GET', pattern: '/status', security: [{}] },
      ],
    });
    expect(operation(wide, '/reports', 'get').security).toBeUndefined();
    expect(statuses(operation(wide, '/reports', 'get'))).toContain('401');
    expect(statuses(operation(wide, '/health', 'get'))).not.toContain('401');
    expect(statuses(operation(wide, '/status', 'get'))).not.toContain('401');
  });

  it('is valid OpenAPI 3.1 and passes lintOpenApi with no errors', async () => {
    const validated = (await SwaggerParser.validate(structuredClone(document) as never)) as {
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(validated.components.securitySchemes)).toEqual(['bearer']);
    expect(lintOpenApi(document).filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});
