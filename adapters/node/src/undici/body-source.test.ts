import { BODY_SOURCE } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { STATE_SLOT, undiciBodySource, wholeBody } from './body-source.js';
import { FastResponse } from './fast-response.js';
import { NativeResponse } from './native.js';

const major = Number(process.versions.node.split('.')[0]);

describe("undici's body source", () => {
  it('is in reach on Node 20 and 22 only', () => {
    expect(STATE_SLOT !== undefined).toBe(major < 24);
  });

  it.runIf(major < 24)(
    'gives the text or bytes a runtime Response was built from, unread',
    async () => {
      const json = NativeResponse.json({ id: 7 });
      const source = undiciBodySource(json);
      // undici keeps Response.json()'s text as bytes and new Response(text)'s as the string.
      expect(typeof source === 'string' ? source : new TextDecoder().decode(source)).toBe(
        '{"id":7}',
      );
      expect(undiciBodySource(new NativeResponse('text'))).toBe('text');
      expect(undiciBodySource(new NativeResponse(new Uint8Array([1, 2])))).toEqual(
        new Uint8Array([1, 2]),
      );
      expect(json.bodyUsed).toBe(false);
      expect(await json.json()).toEqual({ id: 7 });
    },
  );

  it('never answers with bytes that reading a clone took away (detached)', async () => {
    const response = new NativeResponse(new Uint8Array([1, 2, 3]));
    await response.clone().arrayBuffer();
    const source = undiciBodySource(response);
    expect(source === undefined || (source as Uint8Array).byteLength === 3).toBe(true);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it.runIf(major >= 24)('gives nothing on Node 24, where undici keeps private fields', () => {
    expect(undiciBodySource(new NativeResponse('text'))).toBeUndefined();
  });

  it('never answers for a stream, a body already read or a locked stream', async () => {
    expect(
      undiciBodySource(new NativeResponse(new ReadableStream({ start: (c) => c.close() }))),
    ).toBeUndefined();
    const read = new NativeResponse('done');
    await read.text();
    expect(undiciBodySource(read)).toBeUndefined();
    const locked = new NativeResponse('locked');
    locked.body?.getReader();
    expect(undiciBodySource(locked)).toBeUndefined();
    expect(undiciBodySource(new NativeResponse(null))).toBeUndefined();
  });
});

describe('wholeBody', () => {
  it('asks the public protocol first, then undici', () => {
    const light = { [BODY_SOURCE]: () => 'light' } as unknown as Response;
    expect(wholeBody(light)).toBe('light');
    expect(wholeBody(FastResponse.json({ a: 1 }))).toBe('{"a":1}');
    expect(wholeBody(new NativeResponse('native'))).toBe(major < 24 ? 'native' : undefined);
  });
});
