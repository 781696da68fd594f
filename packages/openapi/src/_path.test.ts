import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openApiPaths } from './_path.js';

describe('openApiPaths', () => {
  it.each([
    ['/blogs/:blogId', [['/blogs/{blogId}', ['blogId']]]],
    [
      '/blogs/{blogId}/articles/{articleId}',
      [['/blogs/{blogId}/articles/{articleId}', ['blogId', 'articleId']]],
    ],
    ['/files/*path', [['/files/{path}', ['path']]]],
    ['/users/:"user id"', [['/users/{user id}', ['user id']]]],
    [
      '/files{/*path}',
      [
        ['/files', []],
        ['/files/{path}', ['path']],
      ],
    ],
    [
      '/a{/b{/:c}}',
      [
        ['/a', []],
        ['/a/b', []],
        ['/a/b/{c}', ['c']],
      ],
    ],
    ['/price\\:eur', [['/price:eur', []]]],
    ['', [['/', []]]],
  ])('%s → %j', (pattern, expected) => {
    expect(openApiPaths(pattern).map(({ path, parameters }) => [path, parameters])).toEqual(
      expected,
    );
  });

  it('never throws, bounds its variants, and names each parameter in its path', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('/', ':', '*', '{', '}', '\\', '"', 'a', '-') }),
        (pattern) => {
          const paths = openApiPaths(pattern);
          expect(paths.length).toBeGreaterThan(0);
          expect(paths.length).toBeLessThanOrEqual(16);
          for (const { path, parameters } of paths) {
            for (const name of parameters) expect(path).toContain(`{${name}}`);
          }
        },
      ),
    );
  });
});
