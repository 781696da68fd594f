import { compose } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { lifecycle, type LifecycleOptions } from './lifecycle.js';

const deprecated = new Date('2026-06-01T00:00:00Z');
const sunset = new Date('2027-06-01T00:00:00Z');
const handler = (): Response => Response.json({ title: 'Hello' });

const serve = (
  options: LifecycleOptions,
  url = 'https://api.test/api/v1/blogs/7',
): Promise<Response> => Promise.resolve(compose(lifecycle(options))(handler)(new Request(url)));

describe('lifecycle (rfc 9745, rfc 8594)', () => {
  const options: LifecycleOptions = {
    deprecated,
    sunset,
    successor: (url) => url.pathname.replace('/api/v1/', '/api/v2/'),
    latest: '/api/v3/',
    documentation: 'https://docs.test/deprecations/v1',
    now: () => Date.parse('2026-12-07T00:00:00Z'),
  };

  it('marks every response before the sunset', async () => {
    const response = await serve(options);
    expect(response.status).toBe(200);
    expect(response.headers.get('Deprecation')).toBe('@1780272000');
    expect(response.headers.get('Sunset')).toBe('Tue, 01 Jun 2027 00:00:00 GMT');
    expect(response.headers.get('Link')).toBe(
      '<https://docs.test/deprecations/v1>; rel="deprecation"; type="text/html", ' +
        '<https://api.test/api/v2/blogs/7>; rel="successor-version", ' +
        '<https://api.test/api/v3/>; rel="latest-version"',
    );
  });

  it('answers 410 Gone with the successor from the sunset on', async () => {
    const response = await serve({ ...options, now: () => sunset.getTime() });
    expect(response.status).toBe(410);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.headers.get('Deprecation')).toBe('@1780272000');
    expect(response.headers.get('Link')).toContain(
      '<https://api.test/api/v2/blogs/7>; rel="successor-version"',
    );
    const body = await response.json();
    expect(body).toMatchObject({
      status: 410,
      title: 'Gone',
      successor: 'https://api.test/api/v2/blogs/7',
    });
    expect(body.detail).toBe(
      'This API version was retired on Tue, 01 Jun 2027 00:00:00 GMT. Its successor serves the same resource.',
    );
  });

  it('sends only Deprecation when that is all it knows, and never retires without a sunset', async () => {
    const response = await serve({ deprecated, now: () => Date.parse('2999-01-01T00:00:00Z') });
    expect(response.status).toBe(200);
    expect([...response.headers.keys()].sort()).toEqual(['content-type', 'deprecation']);
  });

  it('keeps a Link the handler set', async () => {
    const linked = compose(lifecycle({ deprecated, successor: '/v2' }))(
      () => new Response(null, { headers: { Link: '</blogs>; rel="collection"' } }),
    );
    const response = await linked(new Request('https://api.test/v1'));
    expect(response.headers.get('Link')).toBe(
      '</blogs>; rel="collection", <https://api.test/v2>; rel="successor-version"',
    );
  });

  it('marks a response whose headers are immutable by copying it', async () => {
    const redirecting = compose(lifecycle({ deprecated }))(() =>
      Response.redirect('https://api.test/x', 307),
    );
    const response = await redirecting(new Request('https://api.test/v1'));
    expect(response.status).toBe(307);
    expect(response.headers.get('Deprecation')).toBe('@1780272000');
  });

  it('percent-encodes a successor path so it cannot break out of the Link field', async () => {
    const response = await serve(
      { deprecated, successor: (url) => url.pathname.replace('/v1/', '/v2/') },
      'https://api.test/api/v1/a%3E%3Cb',
    );
    expect(response.headers.get('Link')).toBe(
      '<https://api.test/api/v2/a%3E%3Cb>; rel="successor-version"',
    );
  });

  it.each([
    [{ deprecated: new Date(Number.NaN) }, 'valid date'],
    [{ deprecated, sunset: new Date('2020-01-01T00:00:00Z') }, 'before the deprecation'],
  ])('refuses %o', (bad, message) => {
    expect(() => lifecycle(bad)).toThrow(message);
  });
});
