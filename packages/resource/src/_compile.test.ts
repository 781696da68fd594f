import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLinker } from '@fielding/hal-links';
import { hasOnlyScalarMembers, hrefBuilder } from './_compile.js';

const linker = createLinker(undefined, { base: 'http://fielding.invalid/api/' });

describe('hrefBuilder', () => {
  const item = hrefBuilder(linker, '/tasks/:taskId', undefined, 'taskId');
  const nested = hrefBuilder(linker, '/blogs/:blogId/articles/:articleId', 'blogId', 'articleId');
  const children = hrefBuilder(linker, '/blogs/:blogId/articles', 'blogId', undefined);
  const collection = hrefBuilder(linker, '/tasks', undefined, undefined);

  it('builds what the linker builds, for fast-path and encoded values alike', () => {
    expect(item('7')).toBe('/api/tasks/7');
    expect(nested('42', '7')).toBe('/api/blogs/7/articles/42');
    expect(children('7')).toBe('/api/blogs/7/articles');
    expect(collection(undefined)).toBe('/api/tasks');
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.string({ minLength: 1, maxLength: 12 }),
        (id, scope) => {
          expect(item(id)).toBe(linker.href('/tasks/:taskId', { taskId: id }));
          expect(nested(id, scope)).toBe(
            linker.href('/blogs/:blogId/articles/:articleId', { blogId: scope, articleId: id }),
          );
          expect(children(scope)).toBe(linker.href('/blogs/:blogId/articles', { blogId: scope }));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('hasOnlyScalarMembers', () => {
  it.each([
    [{ type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } }, true],
    [
      {
        type: 'object',
        additionalProperties: false,
        properties: { a: { type: ['integer', 'null'] } },
      },
      true,
    ],
    [
      { type: 'object', additionalProperties: false, properties: { a: { enum: ['x', 1, null] } } },
      true,
    ],
    [{ type: 'object', properties: { a: { type: 'string' } } }, false],
    [{ type: 'object', additionalProperties: false, properties: { a: { type: 'array' } } }, false],
    [{ type: 'object', additionalProperties: false, properties: { a: { type: 'object' } } }, false],
    [{ type: 'object', additionalProperties: false, properties: { a: { anyOf: [] } } }, false],
    [{ type: 'object', additionalProperties: false, properties: { a: true } }, false],
  ] as const)('%j → %s', (schema, expected) => {
    expect(hasOnlyScalarMembers(schema)).toBe(expected);
  });
});
