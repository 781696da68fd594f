import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Middleware } from './handler.js';
import { createRouter, HTTP_METHODS } from './router.js';

const url = (path: string): string => `http://api.test${path}`;
const call = (
  router: { fetch: (request: Request) => Response | Promise<Response> },
  method: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> => Promise.resolve(router.fetch(new Request(url(path), { method, ...init })));

const blogs = () =>
  createRouter()
    .get('/blogs', () => Response.json([{ id: '7' }], { headers: { ETag: '"list"' } }))
    .post('/blogs', () => new Response(null, { status: 201, headers: { Location: '/blogs/8' } }))
    .get('/blogs/:blogId', (_request, { params }) => Response.json({ id: params.blogId }))
    .put('/blogs/:blogId', (_request, { params }) => Response.json({ updated: params.blogId }))
    .delete('/blogs/:blogId', () => new Response(null, { status: 204 }));

describe('createRouter', () => {
  it('routes by method and pattern with decoded params', async () => {
    const response = await call(blogs(), 'GET', '/blogs/hello%20world');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: 'hello world' });
    expect(await (await call(blogs(), 'PUT', '/blogs/7')).json()).toEqual({ updated: '7' });
    expect((await call(blogs(), 'POST', '/blogs')).status).toBe(201);
  });

  it('§15.5.5 answers an unknown path with 404 problem+json', async () => {
    const response = await call(blogs(), 'GET', '/posts');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await response.json()).toEqual({
      type: 'about:blank',
      title: 'Not Found',
      status: 404,
      detail: 'No resource matches /posts.',
      instance: '/posts',
    });
  });

  it.each([
    ['GET', '/posts', 404, '/posts'],
    ['PATCH', '/blogs/7', 405, '/blogs/7'],
    ['PROPFIND', '/blogs', 501, '/blogs'],
    ['GET', '/blogs/%E0%A4', 400, '/blogs/%E0%A4'],
    ['GET', '/%ZZ', 400, '/%25ZZ'],
    ['GET', '/blogs/7%2', 400, '/blogs/7%252'],
  ] as const)(
    'gives its own %s %s answer (%i) the request path as instance %s',
    async (method, path, status, instance) => {
      const response = await call(blogs(), method, path);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ status, instance });
    },
  );

  it.each([
    ['PATCH', '/blogs/7', 'GET, HEAD, PUT, DELETE, OPTIONS'],
    ['DELETE', '/blogs', 'GET, HEAD, POST, OPTIONS'],
    ['POST', '/blogs/7', 'GET, HEAD, PUT, DELETE, OPTIONS'],
  ])('§15.5.6 answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const response = await call(blogs(), method, path);
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe(allow);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ title: 'Method Not Allowed', status: 405 });
  });

  it('§9.3.2 answers HEAD from the GET route with the same status and headers and no body', async () => {
    const get = await call(blogs(), 'GET', '/blogs');
    const head = await call(blogs(), 'HEAD', '/blogs');
    expect(head.status).toBe(get.status);
    expect([...head.headers]).toEqual([...get.headers]);
    expect(head.body).toBeNull();
    expect(await head.text()).toBe('');
  });

  it('§9.3.2 drops the body of an explicit HEAD route and of error responses to HEAD', async () => {
    const router = createRouter().head('/ping', () => new Response('pong', { status: 200 }));
    const head = await call(router, 'HEAD', '/ping');
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
    const missing = await call(router, 'HEAD', '/nothing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('Content-Type')).toBe('application/problem+json');
    expect(missing.body).toBeNull();
  });

  it('§9.3.7 answers OPTIONS with 204 and Allow', async () => {
    const response = await call(blogs(), 'OPTIONS', '/blogs/7');
    expect(response.status).toBe(204);
    expect(response.headers.get('Allow')).toBe('GET, HEAD, PUT, DELETE, OPTIONS');
    expect(response.body).toBeNull();
  });

  it('lets an explicit OPTIONS route replace the automatic answer', async () => {
    const router = blogs().options('/blogs', () => new Response('custom', { status: 200 }));
    expect(await (await call(router, 'OPTIONS', '/blogs')).text()).toBe('custom');
  });

  it('answers OPTIONS for an unknown path with 404', async () => {
    expect((await call(blogs(), 'OPTIONS', '/nope')).status).toBe(404);
  });

  it.each([['PROPFIND'], ['QUERY'], ['patch'], ['BREW']])(
    '§15.6.2 answers the unknown method %s with 501',
    async (method) => {
      const response = await call(blogs(), method, '/blogs');
      expect(response.status).toBe(501);
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ title: 'Not Implemented', status: 501 });
    },
  );

  it('knows every RFC 9110 method plus PATCH without a route for it', async () => {
    const router = createRouter().get('/x', () => new Response('x'));
    for (const method of HTTP_METHODS.filter((name) => !['CONNECT', 'TRACE'].includes(name))) {
      expect((await call(router, method, '/x')).status).not.toBe(501);
    }
    expect(HTTP_METHODS).toEqual([
      'GET',
      'HEAD',
      'POST',
      'PUT',
      'DELETE',
      'CONNECT',
      'OPTIONS',
      'TRACE',
      'PATCH',
    ]);
  });

  it('routes an extension method registered with route()', async () => {
    const router = createRouter().route('query', '/search', () => new Response('found'));
    const response = await call(router, 'QUERY', '/search');
    expect(await response.text()).toBe('found');
    expect((await call(router, 'GET', '/search')).headers.get('Allow')).toBe('QUERY, OPTIONS');
  });

  it('answers a malformed percent-escape in a parameter with 400', async () => {
    const response = await call(blogs(), 'GET', '/blogs/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ title: 'Bad Request', status: 400 });
  });

  it('falls through to a later pattern that routes the method', async () => {
    const router = createRouter()
      .get('/blogs/new', () => new Response('form'))
      .put('/blogs/:blogId', (_request, { params }) => new Response(`put ${params.blogId}`));
    expect(await (await call(router, 'PUT', '/blogs/new')).text()).toBe('put new');
    expect(await (await call(router, 'GET', '/blogs/new')).text()).toBe('form');
    expect((await call(router, 'DELETE', '/blogs/new')).headers.get('Allow')).toBe(
      'GET, HEAD, PUT, OPTIONS',
    );
  });

  it('passes wildcards as segment arrays and leaves missing optional params out', async () => {
    const router = createRouter()
      .get('/files/*path', (_request, { params }) => Response.json(params.path))
      .get('/posts{/:postId}', (_request, { params }) => Response.json({ ...params }));
    expect(await (await call(router, 'GET', '/files/a/b%2Fc')).json()).toEqual(['a', 'b/c']);
    expect(await (await call(router, 'GET', '/posts')).json()).toEqual({});
    expect(await (await call(router, 'GET', '/posts/3')).json()).toEqual({ postId: '3' });
  });

  it('gives handlers the parsed URL and the matched pattern', async () => {
    const router = createRouter().get('/blogs/:blogId', (_request, context) =>
      Response.json({ pattern: context.pattern, page: context.url.searchParams.get('page') }),
    );
    expect(await (await call(router, 'GET', '/blogs/1?page=2')).json()).toEqual({
      pattern: '/blogs/:blogId',
      page: '2',
    });
  });

  it('matches case-insensitively unless caseSensitive is set', async () => {
    const loose = createRouter().get('/blogs', () => new Response('ok'));
    const strict = createRouter({ caseSensitive: true }).get('/blogs', () => new Response('ok'));
    expect((await call(loose, 'GET', '/BLOGS')).status).toBe(200);
    expect((await call(strict, 'GET', '/BLOGS')).status).toBe(404);
  });

  it('runs middleware from the options and use() around every answer, once composed', async () => {
    const log: string[] = [];
    const layer =
      (name: string): Middleware =>
      async (request, next) => {
        log.push(name);
        const response = await next(request);
        response.headers.set(`X-${name}`, 'yes');
        return response;
      };
    const router = createRouter({ middleware: [layer('a')] })
      .get('/x', () => new Response('x'))
      .use(layer('b'));
    const ok = await call(router, 'GET', '/x');
    const missing = await call(router, 'GET', '/y');
    const notAllowed = await call(router, 'POST', '/x');
    expect(log).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    for (const response of [ok, missing, notAllowed]) {
      expect(response.headers.get('X-a')).toBe('yes');
      expect(response.headers.get('X-b')).toBe('yes');
    }
  });

  it('lets middleware short-circuit before routing', async () => {
    const router = createRouter({ middleware: [() => new Response('blocked', { status: 403 })] });
    expect((await call(router, 'GET', '/anything')).status).toBe(403);
  });

  it('uses a custom notFound handler', async () => {
    const router = createRouter({ notFound: () => new Response('nothing here', { status: 404 }) });
    const response = await call(router, 'GET', '/x');
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('nothing here');
  });

  it('propagates handler errors without onError', async () => {
    const router = createRouter().get('/boom', () => {
      throw new Error('boom');
    });
    await expect(call(router, 'GET', '/boom')).rejects.toThrow('boom');
  });

  it('turns errors from handlers and middleware into responses with onError', async () => {
    const seen: unknown[] = [];
    const router = createRouter({
      middleware: [
        (request, next) => {
          if (request.headers.has('X-Fail')) throw new Error('middleware');
          return next(request);
        },
      ],
      onError: (error, request) => {
        seen.push(error);
        return Response.json(
          { error: (error as Error).message, path: new URL(request.url).pathname },
          { status: 500 },
        );
      },
    }).get('/boom', () => Promise.reject(new Error('handler')));
    expect(await (await call(router, 'GET', '/boom')).json()).toEqual({
      error: 'handler',
      path: '/boom',
    });
    const fromMiddleware = await call(router, 'GET', '/x', { headers: { 'X-Fail': '1' } });
    expect(fromMiddleware.status).toBe(500);
    expect(seen).toHaveLength(2);
  });

  it('keeps fetch usable when detached from the router', async () => {
    const { fetch } = blogs();
    expect((await fetch(new Request(url('/blogs')))).status).toBe(200);
  });

  it('lists its routes in registration order', () => {
    expect(blogs().routes()).toEqual([
      { method: 'GET', pattern: '/blogs' },
      { method: 'POST', pattern: '/blogs' },
      { method: 'GET', pattern: '/blogs/:blogId' },
      { method: 'PUT', pattern: '/blogs/:blogId' },
      { method: 'DELETE', pattern: '/blogs/:blogId' },
    ]);
  });

  it.each([
    ['the same method and pattern twice', () => blogs().get('/blogs', () => new Response())],
    ['a method that is not a token', () => createRouter().route('GE T', '/', () => new Response())],
    ['an invalid pattern', () => createRouter().get('/blogs/:', () => new Response())],
  ])('throws a TypeError when registering %s', (_title, register) => {
    expect(register).toThrow(TypeError);
  });

  it('types params from the pattern', () => {
    createRouter()
      .get('/blogs/:blogId/posts/:postId', (_request, { params }) => {
        expectTypeOf(params).toEqualTypeOf<{ blogId: string; postId: string }>();
        return new Response();
      })
      .get('/files/*path', (_request, { params }) => {
        expectTypeOf(params).toEqualTypeOf<{ path: string[] }>();
        return new Response();
      })
      .get('/posts{/:postId}', (_request, { params }) => {
        expectTypeOf(params).toEqualTypeOf<{ postId?: string }>();
        return new Response();
      });
  });
});
