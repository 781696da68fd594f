import { describe, expect, it } from 'vitest';
import { halLinks } from './page-links.js';

describe('halLinks', () => {
  it('shapes links as hal _links', () => {
    expect(halLinks({ self: '/a', next: '/a?o=2' })).toEqual({
      self: { href: '/a' },
      next: { href: '/a?o=2' },
    });
  });

  it('orders relations self, first, prev, next, last', () => {
    const links = halLinks({ last: '/a?o=4', next: '/a?o=2', self: '/a', first: '/a?o=0' });
    expect(Object.keys(links)).toEqual(['self', 'first', 'next', 'last']);
  });
});
