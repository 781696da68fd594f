import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publicUrl } from './public-url.js';

const behind = (headers: Record<string, string>): Request =>
  new Request('http://10.0.0.7:3000/articles?limit=5', { headers });

describe('publicUrl', () => {
  it('uses the request url by default and ignores proxy headers', () => {
    const request = behind({
      forwarded: 'proto=https;host=evil.test',
      'x-forwarded-host': 'evil.test',
    });
    expect(publicUrl(request).href).toBe('http://10.0.0.7:3000/articles?limit=5');
  });

  it('puts the base url first, path prefix included', () => {
    expect(publicUrl(behind({}), { baseUrl: 'https://api.example.com' }).href).toBe(
      'https://api.example.com/articles?limit=5',
    );
    expect(publicUrl('/articles', { baseUrl: new URL('https://api.example.com/v1') }).href).toBe(
      'https://api.example.com/v1/articles',
    );
  });

  it.each([
    [
      'forwarded',
      { forwarded: 'for=1.2.3.4;proto=https;host=api.example.com' },
      'https://api.example.com/articles?limit=5',
    ],
    [
      'forwarded, quoted, two hops',
      { forwarded: 'host=evil.test, for="[::1]:80";Proto="HTTPS";host="api.example.com:8443"' },
      'https://api.example.com:8443/articles?limit=5',
    ],
    [
      'forwarded without host',
      { forwarded: 'proto=https' },
      'https://10.0.0.7:3000/articles?limit=5',
    ],
    [
      'forwarded with a bad host',
      { forwarded: 'host="a/b@c";proto=gopher' },
      'http://10.0.0.7:3000/articles?limit=5',
    ],
    [
      'forwarded with a host the url parser refuses',
      { forwarded: 'host=a:99999' },
      'http://10.0.0.7:3000/articles?limit=5',
    ],
    ['no header at all', {}, 'http://10.0.0.7:3000/articles?limit=5'],
  ])('trusts %s when configured', (_title, headers, expected) => {
    expect(publicUrl(behind(headers), { trustProxy: 'forwarded' }).href).toBe(expected);
  });

  it.each([
    [
      'proto and host',
      { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'api.example.com' },
      'https://api.example.com/articles?limit=5',
    ],
    [
      'a port',
      {
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'api.example.com:80',
        'x-forwarded-port': '8443',
      },
      'https://api.example.com:8443/articles?limit=5',
    ],
    [
      'the last of a list',
      { 'x-forwarded-host': 'evil.test, api.example.com' },
      'http://api.example.com/articles?limit=5',
    ],
    [
      'an ipv6 host',
      { 'x-forwarded-host': '[2001:db8::1]' },
      'http://[2001:db8::1]/articles?limit=5',
    ],
  ])('trusts x-forwarded %s when configured', (_title, headers, expected) => {
    expect(publicUrl(behind(headers), { trustProxy: 'x-forwarded' }).href).toBe(expected);
  });

  it('never throws on arbitrary proxy headers and always keeps path and query', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.string({ maxLength: 40 }),
        fc.constantFrom('forwarded' as const, 'x-forwarded' as const),
        (value, port, trustProxy) => {
          const headers = new Headers();
          for (const name of ['forwarded', 'x-forwarded-host', 'x-forwarded-proto']) {
            try {
              headers.set(name, value);
            } catch {
              // Not a valid header value: a real request could not carry it either.
            }
          }
          try {
            headers.set('x-forwarded-port', port);
          } catch {
            // As above.
          }
          const request = new Request('http://10.0.0.7:3000/articles?limit=5', { headers });
          const url = publicUrl(request, { trustProxy });
          expect(`${url.pathname}${url.search}`).toBe('/articles?limit=5');
          expect(['http:', 'https:']).toContain(url.protocol);
        },
      ),
    );
  });

  it('counts proxy hops from the end', () => {
    const request = behind({ 'x-forwarded-host': 'client.test, api.example.com, inner.test' });
    expect(publicUrl(request, { trustProxy: 'x-forwarded', proxyHops: 2 }).host).toBe(
      'api.example.com',
    );
  });

  it('keeps a path that looks like an authority a path', () => {
    const request = new Request('http://10.0.0.7//evil.test/x', {
      headers: { 'x-forwarded-host': 'api.example.com' },
    });
    expect(publicUrl(request, { trustProxy: 'x-forwarded' }).href).toBe(
      'http://api.example.com//evil.test/x',
    );
  });
});
