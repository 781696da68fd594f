import { describe, expect, expectTypeOf, it } from 'vitest';
import { buildPath, type PathParams, type RouteParams } from './route-pattern.js';

describe('buildPath', () => {
  it.each<[string, Record<string, string | number | readonly (string | number)[]>, string]>([
    ['/blogs', {}, '/blogs'],
    ['/blogs/:blogId', { blogId: 7 }, '/blogs/7'],
    [
      '/blogs/:blogId/posts/:postId',
      { blogId: 'a', postId: 'hello world' },
      '/blogs/a/posts/hello%20world',
    ],
    ['/blogs/:blogId', { blogId: 'a/b?c#d' }, '/blogs/a%2Fb%3Fc%23d'],
    ['/blogs/:blogId', { blogId: 'café' }, '/blogs/caf%C3%A9'],
    ['/posts{/:postId}', {}, '/posts'],
    ['/posts{/:postId}', { postId: 3 }, '/posts/3'],
    ['/files/*path', { path: ['a', 'b c', 1] }, '/files/a/b%20c/1'],
    ['/users/:"user-id"', { 'user-id': 'x' }, '/users/x'],
  ])('builds %s from %j as %s', (pattern, params, expected) => {
    expect(buildPath(pattern, params)).toBe(expected);
  });

  it('throws a TypeError that names the pattern and the missing parameter', () => {
    expect(() => buildPath('/blogs/:blogId', {} as PathParams<'/blogs/:blogId'>)).toThrow(
      new TypeError('buildPath("/blogs/:blogId"): Missing parameters: blogId'),
    );
  });

  it('throws a TypeError for an invalid pattern', () => {
    expect(() => buildPath('/blogs/:', {})).toThrow(TypeError);
  });

  it('reuses compiled patterns and stays correct past its cache bound', () => {
    for (let index = 0; index < 600; index++) {
      expect(buildPath(`/p${index}/:id`, { id: index })).toBe(`/p${index}/${index}`);
    }
  });

  it('infers parameter types from the pattern', () => {
    // A pattern without parameters gives exactly the empty object type.
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    expectTypeOf<RouteParams<'/blogs'>>().toEqualTypeOf<{}>();
    expectTypeOf<RouteParams<'/blogs/:blogId'>>().toEqualTypeOf<{ blogId: string }>();
    expectTypeOf<RouteParams<'/a/:x.:ext'>>().toEqualTypeOf<{ x: string; ext: string }>();
    expectTypeOf<RouteParams<'/a/:"x-y"/:z'>>().toEqualTypeOf<{ 'x-y': string; z: string }>();
    expectTypeOf<RouteParams<'/a{/:b{/:c}}/*rest'>>().toEqualTypeOf<{
      b?: string;
      c?: string;
      rest: string[];
    }>();
    expectTypeOf<RouteParams<'/a\\:literal/:real'>>().toEqualTypeOf<{ real: string }>();
    expectTypeOf<RouteParams<string>>().toEqualTypeOf<Partial<Record<string, string | string[]>>>();
    expectTypeOf<PathParams<'/blogs/:blogId'>>().toEqualTypeOf<{ blogId: string | number }>();
  });
});
