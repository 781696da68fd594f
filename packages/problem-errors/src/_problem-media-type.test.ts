import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { negotiateProblemMediaType } from './_problem-media-type.js';

describe('negotiateProblemMediaType (rfc 9110 §12.5.1)', () => {
  it.each([
    [null, 'application/problem+json'],
    [undefined, 'application/problem+json'],
    ['', 'application/problem+json'],
    ['*/*', 'application/problem+json'],
    ['application/*', 'application/problem+json'],
    ['application/problem+json', 'application/problem+json'],
    ['application/json', 'application/json'],
    ['Application/JSON', 'application/json'],
    ['application/json;charset=utf-8', 'application/json'],
    ['text/html', 'application/problem+json'],
    ['text/html, application/json;q=0.5', 'application/json'],
    ['application/json, application/problem+json;q=0.9', 'application/json'],
    ['application/json;q=0.5, application/problem+json', 'application/problem+json'],
    ['application/*;q=0.2, application/json', 'application/json'],
    ['application/problem+json;q=0, */*', 'application/json'],
    ['application/problem+xml', 'application/problem+json'],
    ['garbage, /, a/, ,;;', 'application/problem+json'],
  ])('when accept: %j → %s', (accept, expected) => {
    expect(negotiateProblemMediaType(accept)).toBe(expected);
  });

  it.each([
    ['application/problem+xml', 'application/problem+json'],
    ['application/xml', 'application/problem+json'],
    ['application/xml, application/json', 'application/json'],
    ['application/problem+json;q=0.1, application/problem+xml', 'application/problem+json'],
  ])('never xml here (content-negotiation serves it), when accept: %j → %s', (accept, expected) => {
    expect(negotiateProblemMediaType(accept)).toBe(expected);
  });

  it('never throws and always answers one of the offered types', () => {
    const offered = ['application/problem+json', 'application/json'];
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (accept) => {
        expect(offered).toContain(negotiateProblemMediaType(accept));
      }),
    );
  });
});
