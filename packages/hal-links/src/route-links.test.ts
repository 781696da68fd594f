import { describe, expect, it } from 'vitest';
import { createLinker, requestBase } from './route-links.js';
import { UriTemplateError } from './uri-template.js';

const request = (headers: Record<string, string> = {}, url = 'http://10.0.0.5:3000/blogs/7') =>
  new Request(url, { headers });

describe('requestBase', () => {
  it('is the request origin by default and ignores proxy headers', () => {
    expect(requestBase(request({ 'X-Forwarded-Host': 'evil.test' })).href).toBe(
      'http://10.0.0.5:3000/',
    );
  });

  it.each([
    [
      'forwarded',
      { Forwarded: 'for=192.0.2.60;proto=https;host=api.example.com' },
      'https://api.example.com/',
    ],
    // A client-sent element first, the proxy's last: only the last one is read.
    [
      'forwarded',
      { Forwarded: 'host=evil.test, proto=https;host="api.example.com:8443"' },
      'https://api.example.com:8443/',
    ],
    ['forwarded', { Forwarded: 'for=1.2.3.4' }, 'http://10.0.0.5:3000/'],
    ['forwarded', { Forwarded: 'junk;=x;host' }, 'http://10.0.0.5:3000/'],
    [
      'x-forwarded',
      { 'X-Forwarded-Proto': 'http, https', 'X-Forwarded-Host': 'api.example.com' },
      'https://api.example.com/',
    ],
    [
      'x-forwarded',
      { 'X-Forwarded-Host': 'evil.test, api.example.com' },
      'http://api.example.com/',
    ],
    ['x-forwarded', { 'X-Forwarded-Host': 'bad host/evil' }, 'http://10.0.0.5:3000/'],
    ['x-forwarded', { 'X-Forwarded-Proto': 'javascript' }, 'http://10.0.0.5:3000/'],
    ['x-forwarded', { 'X-Forwarded-Host': '[::1' }, 'http://10.0.0.5:3000/'],
    // The header the proxy does not set is never read, whatever a client puts in it.
    ['x-forwarded', { Forwarded: 'host=evil.test' }, 'http://10.0.0.5:3000/'],
  ] as const)('trusting %s, %j → %s', (trustProxy, headers, expected) => {
    expect(requestBase(request(headers), { trustProxy }).href).toBe(expected);
  });
});

describe('createLinker', () => {
  it('builds path-absolute hrefs from route patterns, encoding params', () => {
    const links = createLinker(request());
    expect(links.href('/blogs/:blogId/posts/:postId', { blogId: 7, postId: 'a b/c' })).toBe(
      '/blogs/7/posts/a%20b%2Fc',
    );
  });

  it('adds a query string, repeating arrays and leaving out empty values', () => {
    const links = createLinker(request());
    expect(
      links.href('/posts', {}, { page: 2, tag: ['a b', 'c'], q: undefined, x: null, ok: true }),
    ).toBe('/posts?page=2&tag=a%20b&tag=c&ok=true');
  });

  it('builds absolute hrefs against the request or the trusted proxy', () => {
    expect(createLinker(request(), { absolute: true }).href('/blogs/:id', { id: 1 })).toBe(
      'http://10.0.0.5:3000/blogs/1',
    );
    const proxied = request({ Forwarded: 'proto=https;host=api.example.com' });
    expect(
      createLinker(proxied, { absolute: true, trustProxy: 'forwarded' }).href('/blogs/:id', {
        id: 1,
      }),
    ).toBe('https://api.example.com/blogs/1');
  });

  it('prefixes the configured base path, relative or absolute', () => {
    const relative = createLinker(undefined, { base: 'https://api.example.com/v1' });
    expect(relative.href('/blogs/:id', { id: 1 })).toBe('/v1/blogs/1');
    expect(relative.base?.href).toBe('https://api.example.com/v1/');
    const absolute = createLinker(request(), {
      base: 'https://api.example.com/v1/',
      absolute: true,
    });
    expect(absolute.href('/blogs/:id', { id: 1 })).toBe('https://api.example.com/v1/blogs/1');
  });

  it('makes hal links with attributes', () => {
    expect(
      createLinker(request()).link(
        '/users/:id',
        { id: 7 },
        { title: 'Ann', query: { embed: 'posts' } },
      ),
    ).toEqual({ href: '/users/7?embed=posts', title: 'Ann' });
    expect(createLinker(request()).link('/users', {})).toEqual({ href: '/users' });
  });

  it('makes templated links, turning missing path params into variables', () => {
    const links = createLinker(request());
    expect(links.template('/blogs/:blogId/posts', { blogId: 7 }, '{?page,size}')).toEqual({
      href: '/blogs/7/posts{?page,size}',
      templated: true,
    });
    expect(links.template('/blogs/:blogId/posts/:postId', {}, '', { title: 'A post' })).toEqual({
      href: '/blogs/{blogId}/posts/{postId}',
      templated: true,
      title: 'A post',
    });
  });

  it('validates the template suffix', () => {
    expect(() => createLinker(request()).template('/posts', {}, '{?page')).toThrow(
      UriTemplateError,
    );
  });

  it('fails on a missing parameter or without request and base', () => {
    expect(() => createLinker(request()).href('/blogs/:id', {} as { id: number })).toThrow(
      TypeError,
    );
    expect(() => createLinker(undefined)).toThrow(/request or a base/);
  });
});
