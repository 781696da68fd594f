import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestUrl } from './request-url.js';

/** Just the parts of a request `requestUrl` reads. */
function requestWith(url: string, headers: Record<string, string>, encrypted = false) {
  const rawHeaders = Object.entries(headers).flat();
  return { url, headers, rawHeaders, socket: { encrypted } } as unknown as IncomingMessage;
}

describe('requestUrl', () => {
  it.each([
    ['/a?b=1', { host: 'example.com' }, {}, 'http://example.com/a?b=1'],
    ['/a', { host: 'example.com' }, { target: '/api/a' }, 'http://example.com/api/a'],
    ['/a', { host: 'example.com:8443' }, { target: 'http://other.test/z' }, 'http://other.test/z'],
    [
      '/a',
      {
        host: 'internal:3000',
        'x-forwarded-host': 'api.example.com',
        'x-forwarded-proto': 'https',
      },
      { target: '/api/a', proxyTrust: { trustProxy: 'x-forwarded' as const } },
      'https://api.example.com/api/a',
    ],
    [
      '/a',
      { host: 'internal:3000', 'x-forwarded-host': 'api.example.com' },
      { target: '/api/a' },
      'http://internal:3000/api/a',
    ],
  ])('makes %s (%j, %j) into %s', (url, headers, options, expected) => {
    expect(requestUrl(requestWith(url, headers), options)).toBe(expected);
  });

  it('takes https from a TLS socket', () => {
    expect(requestUrl(requestWith('/x', { host: 'example.com' }, true))).toBe(
      'https://example.com/x',
    );
  });

  it.each([
    ['/x', 'a b'],
    ['/x', 'a@b'],
    ['x', 'example.com'],
    ['ftp://example.com/', 'example.com'],
  ])('makes no URL of %s with host %j', (url, host) => {
    expect(requestUrl(requestWith(url, { host }))).toBeUndefined();
    expect(requestUrl(requestWith('/', { host }), { target: url })).toBeUndefined();
  });
});
