import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestOrigin } from './request-origin.js';

const behind = (headers: Record<string, string>): Request =>
  new Request('http://10.0.0.7:3000/articles?limit=5', { headers });

describe('requestOrigin (rfc 7239)', () => {
  it('trusts no header unless told which one', () => {
    const forged = behind({
      forwarded: 'proto=https;host=evil.test',
      'x-forwarded-host': 'evil.test',
      'x-forwarded-proto': 'https',
    });
    expect(requestOrigin(forged)).toBe('http://10.0.0.7:3000');
    expect(requestOrigin(forged, { trustProxy: false, proxyHops: 3 })).toBe('http://10.0.0.7:3000');
  });

  it.each([10, 31, 32, 40, 5000])(
    'never lets %i client values in front push the proxy’s value out of reach',
    (count) => {
      const request = behind({
        'x-forwarded-host': `${'evil.test, '.repeat(count)}api.example.com`,
        'x-forwarded-proto': `${'http, '.repeat(count)}https`,
        forwarded: `${'host=evil.test;proto=http, '.repeat(count)}host=api.example.com;proto=https`,
      });
      expect(requestOrigin(request, { trustProxy: 'x-forwarded' })).toBe('https://api.example.com');
      expect(requestOrigin(request, { trustProxy: 'forwarded' })).toBe('https://api.example.com');
    },
  );

  it('reads only the header it was told to trust', () => {
    const request = behind({
      forwarded: 'host=evil.test',
      'x-forwarded-host': 'api.example.com',
    });
    expect(requestOrigin(request, { trustProxy: 'x-forwarded' })).toBe('http://api.example.com');
    expect(requestOrigin(request, { trustProxy: 'forwarded' })).toBe('http://evil.test');
  });

  it.each([
    ['one proxy: the last value', 'evil.test, api.example.com', 1, 'api.example.com'],
    [
      'two proxies: the second from the end',
      'evil.test, api.example.com, inner.test',
      2,
      'api.example.com',
    ],
    ['fewer values than hops: the first', 'api.example.com', 3, 'api.example.com'],
    ['a forged first value never wins', 'evil.test,api.example.com', 1, 'api.example.com'],
  ])('counts hops from the end — %s', (_title, hosts, proxyHops, host) => {
    const request = behind({ 'x-forwarded-host': hosts });
    expect(new URL(requestOrigin(request, { trustProxy: 'x-forwarded', proxyHops })).host).toBe(
      host,
    );
    const forwarded = behind({
      forwarded: hosts
        .split(',')
        .map((h) => `host=${h.trim()}`)
        .join(','),
    });
    expect(new URL(requestOrigin(forwarded, { trustProxy: 'forwarded', proxyHops })).host).toBe(
      host,
    );
  });

  it.each([
    ['a bad scheme', { 'x-forwarded-proto': 'gopher' }, 'http://10.0.0.7:3000'],
    ['a host with a slash', { 'x-forwarded-host': 'a/b@c' }, 'http://10.0.0.7:3000'],
    ['a port over 65535', { 'x-forwarded-host': 'a:99999' }, 'http://10.0.0.7:3000'],
    [
      'a port header',
      { 'x-forwarded-host': 'a.test:80', 'x-forwarded-port': '8443' },
      'http://a.test:8443',
    ],
    ['an ipv6 host', { 'x-forwarded-host': '[2001:db8::1]' }, 'http://[2001:db8::1]'],
    ['https', { 'x-forwarded-proto': 'HTTPS', 'x-forwarded-host': 'a.test' }, 'https://a.test'],
  ])('falls back to the request for %s', (_title, headers, origin) => {
    expect(requestOrigin(behind(headers), { trustProxy: 'x-forwarded' })).toBe(origin);
  });

  it('always gives an http(s) origin, whatever the headers say', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.constantFrom('forwarded' as const, 'x-forwarded' as const),
        fc.integer({ min: -2, max: 40 }),
        (value, trustProxy, proxyHops) => {
          const headers = new Headers();
          for (const name of [
            'forwarded',
            'x-forwarded-host',
            'x-forwarded-proto',
            'x-forwarded-port',
          ]) {
            try {
              headers.set(name, value);
            } catch {
              // Not a valid header value: a real request could not carry it either.
            }
          }
          const request = new Request('http://10.0.0.7:3000/a', { headers });
          const origin = new URL(requestOrigin(request, { trustProxy, proxyHops }));
          expect(['http:', 'https:']).toContain(origin.protocol);
          expect(origin.pathname).toBe('/');
        },
      ),
    );
  });
});
