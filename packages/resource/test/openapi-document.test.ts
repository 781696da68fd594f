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
import { describeApi, type ResourceDescription, type RouteDescription } from '../src/index.js';
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
});
