// describeApi's output is exactly what @fielding/openapi takes: the types line up, and the
// generated document is valid OpenAPI 3.1 that Fielding's own design linter finds no error in.
import SwaggerParser from '@apidevtools/swagger-parser';
import {
  lintOpenApi,
  openApiDocument,
  type ResourceDescription as OpenApiResource,
  type RouteDescription as OpenApiRoute,
} from '@fielding/openapi';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  createApi,
  defineResource,
  describeApi,
  memoryStore,
  type ResourceDescription,
  type RouteDescription,
} from '../src/index.js';
import { createFixture } from './fixtures.js';

describe('describeApi → openApiDocument', () => {
  it('describes resources and routes in the shapes @fielding/openapi takes', () => {
    expectTypeOf<ResourceDescription>().toExtend<OpenApiResource>();
    expectTypeOf<RouteDescription>().toExtend<OpenApiRoute>();
  });

  it('gives a valid OpenAPI 3.1 document with no design-lint errors', async () => {
    const { api } = createFixture();
    const document = openApiDocument({
      info: { title: 'Fixture', version: '1.0.0' },
      ...describeApi(api),
    });
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    const errors = lintOpenApi(document).filter((finding) => finding.severity === 'error');
    expect(errors).toEqual([]);
    const paths = Object.keys(document.paths ?? {});
    expect(paths.length).toBeGreaterThan(3);
  });

  it('describes a bulk PATCH with its 207 in a valid document with no design-lint errors', async () => {
    const tasks = defineResource({
      name: 'tasks',
      path: '/tasks/{taskId}',
      schema: { type: 'object', properties: { title: { type: 'string' } } },
      store: memoryStore(),
      bulk: { atomic: true },
    });
    const document = openApiDocument({
      info: { title: 'Bulk', version: '1.0.0' },
      ...describeApi(createApi({ base: '/api', resources: [tasks] })),
    });
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(lintOpenApi(document).filter((finding) => finding.severity === 'error')).toEqual([]);
    const operation = document.paths?.['/api/tasks']?.patch;
    expect(operation?.responses).toHaveProperty('207');
    expect(operation?.requestBody).toMatchObject({
      content: { 'application/json': { schema: { type: 'array', maxItems: 100 } } },
    });
  });
});
