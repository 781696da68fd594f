import { describe, expect, it } from 'vitest';
import { versioned, type VersionedOptions } from './versioned.js';

const echo =
  (version: string) =>
  (request: Request): Response =>
    Response.json(
      { version, accept: request.headers.get('accept') },
      { headers: { 'Content-Type': 'application/json' } },
    );

const versions = { 1: echo('1'), 'v2.0': echo('2') };
const get = (
  options: Omit<VersionedOptions, 'versions'>,
  url: string,
  headers: Record<string, string> = {},
): Promise<Response> =>
  Promise.resolve(
    versioned({ versions, ...options })(new Request(`https://api.test${url}`, { headers })),
  );

describe('versioned: the handler for the version asked for', () => {
  it.each([
    [{ in: 'path', prefix: '/api' }, '/api/v1/blogs', {}, '1'],
    [{ in: 'path', prefix: '/api' }, '/api/2.0/blogs', {}, '2'],
    [{ in: 'path', prefix: '/api' }, '/api/blogs', {}, '2'],
    [{ in: 'query' }, '/blogs?v=1', {}, '1'],
    [{ in: 'query' }, '/blogs', {}, '2'],
    [{ in: 'header', name: 'Api-Version' }, '/blogs', { 'Api-Version': 'v1' }, '1'],
    [
      { in: 'media-type', vendor: 'blog' },
      '/blogs',
      { Accept: 'application/vnd.blog.v1+json' },
      '1',
    ],
    [{ in: 'media-type', vendor: 'blog' }, '/blogs', { Accept: 'application/json' }, '2'],
    [
      { in: 'media-type', vendor: 'blog' },
      '/blogs',
      { Accept: 'application/vnd.blog.v9+json, application/vnd.blog.v1+json;q=0.5' },
      '1',
    ],
  ] as const)('%o %s %o → version %s', async (strategy, url, headers, version) => {
    const response = await get({ strategy, default: '2' }, url, headers);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ version });
  });

  it.each([
    [{ in: 'path', prefix: '/api' }, '/api/v9/blogs', {}, 404, 'API version 9 does not exist'],
    [{ in: 'path', prefix: '/api' }, '/api/v9x/blogs', {}, 404, 'not a version number'],
    [{ in: 'query' }, '/blogs?v=3', {}, 400, 'API version 3 does not exist'],
    [{ in: 'query' }, '/blogs?v=1&v=2', {}, 400, 'not a version number'],
    [{ in: 'header', name: 'Api-Version' }, '/b', { 'Api-Version': '7' }, 400, 'version 7'],
    [
      { in: 'media-type', vendor: 'blog' },
      '/b',
      { Accept: 'application/vnd.blog.v3+json, application/vnd.blog.v4+json' },
      406,
      'API version 3 and 4 do not exist',
    ],
  ] as const)(
    '%o %s %o → %i problem listing the versions',
    async (strategy, url, headers, status, detail) => {
      const response = await get({ strategy, default: '2' }, url, headers);
      expect(response.status).toBe(status);
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
      const body = await response.json();
      expect(body.detail).toContain(detail);
      expect(body.detail).toContain('this API serves versions 1 and 2');
      expect(body.supported).toEqual(['1', '2']);
    },
  );

  it('answers a request naming no version with a problem when there is no default', async () => {
    const response = await get({ strategy: { in: 'query' } }, '/blogs');
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toContain('names no API version');
  });

  it.each([
    [{ in: 'media-type', vendor: 'blog' }, {}, 'Accept'],
    [{ in: 'media-type', vendor: 'blog' }, { Accept: 'application/vnd.blog.v7+json' }, 'Accept'],
    [{ in: 'header', name: 'Api-Version' }, {}, 'Api-Version'],
    [{ in: 'header', name: 'Api-Version' }, { 'Api-Version': 'x' }, 'Api-Version'],
    [{ in: 'query' }, {}, null],
  ] as const)('%o %o varies on %s, answer or problem', async (strategy, headers, vary) => {
    const response = await get({ strategy, default: '2' }, '/blogs', headers);
    expect(response.headers.get('Vary')).toBe(vary);
  });

  it('shows the handler plain JSON in place of the vendor type, and labels the answer', async () => {
    const strategy = { in: 'media-type', vendor: 'blog' } as const;
    const response = await get({ strategy }, '/b', {
      Accept: 'application/vnd.blog.v1+json, text/csv;q=0.2',
    });
    expect(await response.clone().json()).toEqual({
      version: '1',
      accept: 'application/json, text/csv;q=0.2',
    });
    expect(response.headers.get('Content-Type')).toBe('application/vnd.blog.v1+json');
    const parameter = await get({ strategy }, '/b', {
      Accept: 'application/vnd.blog+json;version=2',
    });
    expect(parameter.headers.get('Content-Type')).toBe('application/vnd.blog+json; version=2');
  });

  it('keeps the body of an unsafe request for the handler', async () => {
    const handler = versioned({
      strategy: { in: 'media-type', vendor: 'blog', as: 'application/hal+json' },
      versions: { 1: async (request) => new Response(await request.text()) },
    });
    const response = await handler(
      new Request('https://api.test/b', {
        method: 'POST',
        body: 'hello',
        headers: { Accept: 'application/vnd.blog.v1+json' },
      }),
    );
    expect(await response.text()).toBe('hello');
  });

  it('labels a response with immutable headers by copying it', async () => {
    const frozen = Response.redirect('https://api.test/elsewhere', 302);
    const handler = versioned({
      strategy: { in: 'header', name: 'Api-Version' },
      versions: { 1: () => frozen },
      default: '1',
    });
    const response = await handler(new Request('https://api.test/b'));
    expect(response.status).toBe(302);
    expect(response.headers.get('Vary')).toBe('Api-Version');
  });

  it.each([
    [{ two: echo('2') }, undefined, 'is not a version'],
    [{ 2: echo('2'), 'v2.0': echo('2') }, undefined, 'declared twice'],
    [{}, undefined, 'at least one version'],
    [{ 1: echo('1') }, '3', 'is not declared'],
  ])('refuses the declaration %o default %s', (table, fallback, message) => {
    expect(() =>
      versioned({
        strategy: { in: 'query' },
        versions: table,
        ...(fallback !== undefined && { default: fallback }),
      }),
    ).toThrow(message);
  });
});
