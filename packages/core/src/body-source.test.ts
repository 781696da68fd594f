import { afterEach, describe, expect, it } from 'vitest';
import { _setBodySourceKey, BODY_SOURCE, bodySource } from './body-source.js';

// Only undici keeps a source; other fetch implementations must answer undefined, never wrong.
const keepsSource = bodySource(new Response('x')) === 'x';

describe('bodySource', () => {
  afterEach(() => _setBodySourceKey(undefined));

  it.runIf(keepsSource)(
    'returns the text or bytes of a text or JSON response without reading it',
    async () => {
      const response = Response.json({ id: 7 });
      const source = bodySource(response);
      // undici keeps Response.json()'s text as bytes and new Response(text)'s as the string.
      expect(typeof source === 'string' ? source : new TextDecoder().decode(source)).toBe(
        '{"id":7}',
      );
      expect(bodySource(new Response('text'))).toBe('text');
      expect(response.bodyUsed).toBe(false);
      expect(await response.text()).toBe('{"id":7}');
    },
  );

  it.runIf(keepsSource)('returns the bytes of a byte response', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(bodySource(new Response(bytes))).toEqual(bytes);
  });

  it('never answers for a stream body, a read body or a locked stream', async () => {
    const streamed = new Response(new ReadableStream({ start: (c) => c.close() }));
    expect(bodySource(streamed)).toBeUndefined();
    const read = new Response('done');
    await read.text();
    expect(bodySource(read)).toBeUndefined();
    const locked = new Response('locked');
    locked.body?.getReader();
    expect(bodySource(locked)).toBeUndefined();
    expect(bodySource(new Response(null))).toBeUndefined();
  });

  it('asks a stand-in response for its source through the registered symbol', () => {
    const asked: string[] = [];
    const standIn = {
      [BODY_SOURCE](this: unknown) {
        asked.push(this === standIn ? 'self' : 'other');
        return '{"id":7}';
      },
    } as unknown as Response;
    expect(bodySource(standIn)).toBe('{"id":7}');
    expect(asked).toEqual(['self']);
    expect(BODY_SOURCE).toBe(Symbol.for('fielding.body-source'));
    // Even with the undici probe switched off, the stand-in's own answer is used.
    _setBodySourceKey(null);
    expect(bodySource(standIn)).toBe('{"id":7}');
  });

  it('answers undefined everywhere when the fast path is off', () => {
    _setBodySourceKey(null);
    expect(bodySource(new Response('x'))).toBeUndefined();
  });

  it.runIf(keepsSource)('still finds the source when the global Response was replaced', () => {
    const original = globalThis.Response;
    // A stand-in like @hono/node-server's: its instances keep no undici state, but its
    // prototype chain leads to the real Response.
    class StandIn {
      constructor(readonly init: unknown) {}
    }
    Object.setPrototypeOf(StandIn, original);
    _setBodySourceKey(undefined);
    globalThis.Response = StandIn as unknown as typeof Response;
    try {
      expect(bodySource(new original('kept'))).toBe('kept');
    } finally {
      globalThis.Response = original;
    }
  });
});
