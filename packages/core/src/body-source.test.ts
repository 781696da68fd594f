import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BODY_SOURCE, bodySource } from './body-source.js';

/** A response stand-in that offers `source` through the protocol, as a light Response does. */
function offering(source: unknown): Response {
  return { [BODY_SOURCE]: () => source } as unknown as Response;
}

describe('bodySource', () => {
  it('asks the response for its source through the registered symbol, with itself as this', () => {
    const asked: unknown[] = [];
    const standIn = {
      [BODY_SOURCE](this: unknown) {
        asked.push(this);
        return '{"id":7}';
      },
    } as unknown as Response;
    expect(bodySource(standIn)).toBe('{"id":7}');
    expect(asked).toEqual([standIn]);
    expect(BODY_SOURCE).toBe(Symbol.for('fielding.body-source'));
  });

  it('hands bytes over as they are', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(bodySource(offering(bytes))).toBe(bytes);
  });

  it.each([
    ['a string', () => new Response('text')],
    ['JSON', () => Response.json({ id: 7 })],
    ['bytes', () => new Response(new Uint8Array([1, 2]))],
    ['a stream', () => new Response(new ReadableStream({ start: (c) => c.close() }))],
    ['no body', () => new Response(null)],
  ])(
    'answers undefined for a runtime response built from %s: core reads no runtime internals',
    (_, build) => {
      const response = build();
      expect(bodySource(response)).toBeUndefined();
      expect(response.bodyUsed).toBe(false);
    },
  );

  it('answers undefined when the protocol answers anything but a string or bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant(undefined),
          fc.constant(null),
          fc.integer(),
          fc.object(),
          fc.array(fc.integer()),
        ),
        (value) => {
          expect(bodySource(offering(value))).toBeUndefined();
        },
      ),
    );
  });

  it('answers undefined when the symbol holds no function', () => {
    expect(bodySource({ [BODY_SOURCE]: 'text' } as unknown as Response)).toBeUndefined();
  });
});
