import { describe, expect, it } from 'vitest';
import { isIanaLinkRelation, LinkRelation } from './link-relations.js';

describe('LinkRelation', () => {
  it('names registered relation types', () => {
    expect(LinkRelation.self).toBe('self');
    expect(LinkRelation.editForm).toBe('edit-form');
    expect(LinkRelation.openid2LocalId).toBe('openid2.local_id');
    expect(Object.keys(LinkRelation).length).toBeGreaterThan(120);
  });

  it.each([
    ['next', true],
    ['NEXT', true],
    ['P3Pv1', true],
    ['curies', false],
    ['acme:widgets', false],
    ['https://example.net/rel', false],
  ])('isIanaLinkRelation(%j) → %s', (rel, expected) => {
    expect(isIanaLinkRelation(rel)).toBe(expected);
  });
});
