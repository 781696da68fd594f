import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExpressRequest } from './types.js';
import { directUrl } from './_web-request.js';

/** Just the parts of a request `directUrl` reads. */
function requestWith(target: string, host: string | undefined, encrypted = false): ExpressRequest {
  return {
    originalUrl: target,
    url: target,
    headers: host === undefined ? {} : { host },
    socket: { encrypted },
  } as unknown as ExpressRequest;
}

const hostChars = fc.constantFrom(
  ...'aZ09.-_~:[]@/\\?#% \t!$&\'()*+,;=\u00e9\u0000"<>^`{|}'.split(''),
);
const anyHost = fc.oneof(
  fc.string({ unit: hostChars, maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
);
const pathTarget = fc
  .array(fc.constantFrom('a', 'b', '%20', '..', '.', '?x=1', '#f', '//', ';'), { maxLength: 6 })
  .map((parts) => `/${parts.join('/')}`);

describe('directUrl', () => {
  it.each([
    ['/api/x?q=1', 'example.com:8080', false, 'http://example.com:8080/api/x?q=1'],
    ['/api/x', 'example.com', true, 'https://example.com/api/x'],
    ['/api/x', '[::1]:3000', false, 'http://[::1]:3000/api/x'],
    ['http://other.test/y', 'example.com', false, 'http://other.test/y'],
  ])('makes %s with host %s (tls %s) into %s', (target, host, tls, url) => {
    expect(directUrl(requestWith(target, host, tls))).toBe(url);
  });

  it.each([
    ['/x', 'a@b'],
    ['/x', 'a b'],
    ['/x', 'a/b'],
    ['/x', ''],
    ['ftp://example.test/', 'example.com'],
    ['x', 'example.com'],
  ])('makes no url of %s with host %j', (target, host) => {
    expect(directUrl(requestWith(target, host))).toEqual({ detail: expect.any(String) });
  });

  it('never throws, and a host makes a url only as the authority the client named', () => {
    fc.assert(
      fc.property(anyHost, pathTarget, (host, target) => {
        const result = directUrl(requestWith(target, host));
        if (typeof result !== 'string') {
          expect(result.detail).toEqual(expect.any(String));
          return;
        }
        // No userinfo, no second authority, no path hidden in the Host: the URL is exactly
        // scheme + Host + target, and it parses to a URL without credentials.
        expect(result).toBe(`http://${host}${target}`);
        const url = new URL(result);
        expect([url.username, url.password]).toEqual(['', '']);
        expect(url.pathname.startsWith('/')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes a target that is not a path only as an absolute http(s) url', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (target) => {
        fc.pre(target.charCodeAt(0) !== 0x2f);
        const result = directUrl(requestWith(target, 'example.com'));
        if (typeof result === 'string') {
          expect(result).toBe(target);
          expect(['http:', 'https:']).toContain(new URL(result).protocol);
        } else {
          expect(result.detail).toMatch(/makes no URL/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
