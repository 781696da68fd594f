import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestInstance } from './request-instance.js';

describe('requestInstance (rfc 9457 §3.1.5)', () => {
  it.each([
    ['https://api.test/blogs/7?x=1', '/blogs/7'],
    ['https://api.test/a|b', '/a%7Cb'],
    ['https://api.test/a^b[c]', '/a%5Eb%5Bc%5D'],
    ['https://api.test/%zz', '/%25zz'],
    ['https://api.test/%41', '/%41'],
    ['https://api.test//evil.test/x', '/.//evil.test/x'],
    ['https://api.test/caf%C3%A9', '/caf%C3%A9'],
  ])('%s → %s', (url, instance) => {
    expect(requestInstance(new Request(url))).toBe(instance);
    expect(requestInstance(new URL(url))).toBe(instance);
  });

  it('gives undefined for a URL whose path cannot stand alone', () => {
    expect(requestInstance(new URL('urn:a:b'))).toBeUndefined();
  });

  it('always gives a path that is an RFC 3986 path-absolute', () => {
    const pathAbsolute = /^\/(?!\/)(?:[\w\-.~!$&'()*+,;=:@/]|%[\da-f]{2})*$/i;
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (path) => {
        const instance = requestInstance(new URL(`https://api.test/${path}`));
        expect(instance).toMatch(pathAbsolute);
      }),
    );
  });
});

describe('requestInstance reads the path off the serialised URL', () => {
  it('as the URL parser would, for any http(s) URL a Request can carry', () => {
    const piece = fc.constantFrom('a', '/', '?', '#', '%', '%41', '@', ':', 'é', '|', '..', ' ');
    const tail = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));
    // A Request refuses userinfo, so only hosts and ports stand before the path.
    const authority = fc.constantFrom('h.test', 'h.test:8080', '[::1]', 'xn--bcher-kva.test');
    fc.assert(
      fc.property(fc.constantFrom('http', 'https'), authority, tail, (scheme, host, rest) => {
        const text = `${scheme}://${host}/${rest}`;
        fc.pre(URL.canParse(text));
        const request = new Request(text);
        expect(requestInstance(request)).toBe(requestInstance(new URL(request.url)));
      }),
      { numRuns: 3000 },
    );
  });
});
