import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesUriReference } from '../test/_uri-reference-oracle.js';
import { isUriReference } from './_uri-reference.js';

describe('isUriReference (rfc 3986 §4.1)', () => {
  it.each([
    'about:blank',
    'https://example.com/probs/out-of-credit',
    'https://user:pw@example.com:8080/a/b?c=d#e',
    'http://[::1]:80/',
    'urn:ietf:rfc:7807',
    '/problems/bad-input',
    'problems/bad-input',
    './a:b',
    '',
    '#frag',
    '?q=1',
    '//example.com',
    '/blogs/7%20x',
    'tag:example.com,2024:problem',
  ])('accepts %j', (value) => {
    expect(isUriReference(value)).toBe(true);
    expect(matchesUriReference(value)).toBe(true);
  });

  it.each([
    'not a uri',
    'a:b:c d',
    '1a:b',
    ':x',
    '/a%2',
    '/a%zz',
    'http://exa mple.com/',
    'http://[::1/',
    'http://[]/',
    'http://host:80a/',
    'a#b#c',
    '/a\u00e9',
    '/a"b',
    '/a<b>',
    'http://[::1]x/',
  ])('rejects %j', (value) => {
    expect(isUriReference(value)).toBe(false);
    expect(matchesUriReference(value)).toBe(false);
  });

  it('agrees with the rfc 3986 grammar on arbitrary strings', () => {
    const alphabet = fc.constantFrom(
      ...'az09:/?#[]@!$&\'()*+,;=-._~% "<>\u00e9'.split(''),
      '%41',
      '//',
      '[::1]',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 24 }).map((parts) => parts.join('')),
        (value) => {
          expect(isUriReference(value)).toBe(matchesUriReference(value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees with the rfc 3986 grammar on paths (its fast case)', () => {
    const alphabet = fc.constantFrom(..."aZ_9:/@!$&'()*+,;=-.~%?#[] \\\n".split(''), '%41', '//');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 24 }).map((parts) => `/${parts.join('')}`),
        (value) => {
          expect(isUriReference(value)).toBe(matchesUriReference(value));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
