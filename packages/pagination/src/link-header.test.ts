import { describe, expect, it } from 'vitest';
import { formatLinkHeader, halLinks } from './link-header.js';

describe('formatLinkHeader', () => {
  it('writes rfc 8288 link-values in relation order', () => {
    expect(formatLinkHeader({ next: '/a?o=2', self: '/a', last: '/a?o=4', prev: undefined })).toBe(
      '</a>; rel="self", </a?o=2>; rel="next", </a?o=4>; rel="last"',
    );
  });

  it('keeps other relations after the page ones', () => {
    expect(formatLinkHeader({ help: '/docs', self: '/a' })).toBe(
      '</a>; rel="self", </docs>; rel="help"',
    );
  });

  it('percent-encodes characters that would break the header', () => {
    expect(formatLinkHeader({ self: '/a b>c"é\ud800' })).toBe(
      '</a%20b%3Ec%22%C3%A9%EF%BF%BD>; rel="self"',
    );
  });

  it('returns an empty string without links', () => {
    expect(formatLinkHeader({})).toBe('');
  });
});

describe('halLinks', () => {
  it('shapes links as hal _links', () => {
    expect(halLinks({ self: '/a', next: '/a?o=2' })).toEqual({
      self: { href: '/a' },
      next: { href: '/a?o=2' },
    });
  });
});
