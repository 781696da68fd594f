import { describe, expect, it } from 'vitest';
import { scopeResolver } from './_scope-rules.js';

const resolve = scopeResolver({
  'POST /blogs': ['write'],
  'GET /blogs/:blogId/drafts': ['drafts'],
  'DELETE /blogs/:blogId': ['admin'],
  '* /admin/*': ['admin'],
  'PUT /blogs/*': ['write'],
});

describe('scope rules table', () => {
  it.each([
    ['POST', '/blogs', ['write']],
    ['POST', '/Blogs/', ['write']],
    ['GET', '/blogs', []],
    ['GET', '/blogs/7/drafts', ['drafts']],
    ['HEAD', '/blogs/7/drafts', ['drafts']],
    ['GET', '/blogs//drafts', []],
    ['DELETE', '/blogs/7', ['admin']],
    ['DELETE', '/blogs/7/comments', []],
    ['GET', '/admin', ['admin']],
    ['PATCH', '/admin/users/1', ['admin']],
    ['PUT', '/blogs/7', ['write']],
    ['PUT', '/blogs', ['write']],
    ['GET', '/administrators', []],
  ])('%s %s needs %j', (method, path, scopes) => {
    expect(resolve(new Request(`https://api.test${path}`, { method }))).toEqual(scopes);
  });

  it('adds up the scopes of every matching entry', () => {
    const both = scopeResolver({ '* /blogs/*': ['read'], 'DELETE /blogs/:id': ['admin'] });
    expect(both(new Request('https://api.test/blogs/1', { method: 'DELETE' }))).toEqual([
      'read',
      'admin',
    ]);
  });

  it.each(['GET', 'GET blogs', 'GET /blogs/{:id}', 'GET /blogs?x', 'get /blogs'])(
    'refuses the rule %j',
    (key) => {
      expect(() => scopeResolver({ [key]: ['read'] })).toThrow(TypeError);
    },
  );

  it('checks the scopes a function returns', () => {
    expect(() => scopeResolver(() => ['a b'])(new Request('https://api.test/'))).toThrow(TypeError);
    expect(scopeResolver(() => undefined)(new Request('https://api.test/'))).toEqual([]);
  });
});
