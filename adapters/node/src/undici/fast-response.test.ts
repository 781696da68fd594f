import { bodySource } from '@fielding/core';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { undiciBodySource } from './body-source.js';
import { FastResponse, installFastResponse, lightResponse } from './fast-response.js';

const NativeResponse = globalThis.Response;

/** Everything observable about a response without its body. */
function head(response: Response): Record<string, unknown> {
  return {
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    type: response.type,
    url: response.url,
    redirected: response.redirected,
    bodyUsed: response.bodyUsed,
    headers: [...response.headers],
  };
}

async function observe(response: Response): Promise<Record<string, unknown>> {
  return { ...head(response), body: await response.text(), used: response.bodyUsed };
}

function outcome(build: () => Response): { error: string } | { response: Response } {
  try {
    return { response: build() };
  } catch (error) {
    return { error: (error as Error).constructor.name };
  }
}

type Case = [title: string, body: BodyInit | null | undefined, init: ResponseInit | undefined];

// Each row is built by the native Response and by FastResponse; they must agree on everything.
const cases: Case[] = [
  ['no arguments', undefined, undefined],
  ['a null body', null, undefined],
  ['a string body', 'hello', undefined],
  ['an empty string', '', undefined],
  ['a string with its own content type', '<p>hi</p>', { headers: { 'content-type': 'text/html' } }],
  ['a status and headers', 'created', { status: 201, headers: [['x-a', '1']] }],
  ['a reason phrase', 'gone', { status: 410, statusText: 'Gone Away' }],
  ['a 204 without body', null, { status: 204 }],
  ['a 304 without body', undefined, { status: 304, headers: { etag: '"v1"' } }],
  ['a 599 status', 'odd', { status: 599 }],
  ['headers given as a Headers', 'x', { headers: new Headers({ 'x-b': '2' }) }],
  [
    'several set-cookie headers',
    'x',
    {
      headers: [
        ['set-cookie', 'a=1'],
        ['set-cookie', 'b=2'],
      ],
    },
  ],
  ['bytes', new Uint8Array([104, 105]), undefined],
  ['an array buffer', new Uint8Array([104, 105]).buffer, { status: 202 }],
  ['a typed array that is not bytes', new Uint16Array([26984]), undefined],
  ['a blob', new Blob(['blob'], { type: 'text/x-blob' }), undefined],
  ['form data', new URLSearchParams({ a: '1' }), { status: 202 }],
  [
    'a stream',
    new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array([111, 107])), c.close()) }),
    undefined,
  ],
];

const errorCases: Case[] = [
  ['a status below 200', 'x', { status: 199 }],
  ['a status above 599', 'x', { status: 600 }],
  ['a body with 204', 'x', { status: 204 }],
  ['a body with 304', 'x', { status: 304 }],
  ['bytes with 204', new Uint8Array([1]), { status: 204 }],
  ['a reason phrase with a newline', 'x', { statusText: 'a\nb' }],
  ['an invalid header name', 'x', { headers: { 'bad name': '1' } }],
  ['an invalid header value', 'x', { headers: { 'x-a': 'a\nb' } }],
];

describe('FastResponse', () => {
  it.each(cases)('behaves like the native Response for %s', async (_, body, init) => {
    // Streams can be read once: give each side its own copy of the case.
    const copy = body instanceof ReadableStream ? new NativeResponse(body).body : body;
    const [a, b] = copy instanceof ReadableStream ? copy.tee() : ([copy, copy] as const);
    expect(await observe(new FastResponse(b, init))).toEqual(
      await observe(new NativeResponse(a, init)),
    );
  });

  it.each(errorCases)('throws the native error for %s', (_, body, init) => {
    const native = outcome(() => new NativeResponse(body, init));
    expect(native).toHaveProperty('error');
    expect(outcome(() => new FastResponse(body, init))).toEqual(native);
  });

  it.each([{ status: '201' as unknown as number }, { status: 200.5 }])(
    'coerces a status the way the native Response does: %o',
    (init) => {
      expect(head(new FastResponse('x', init))).toEqual(head(new NativeResponse('x', init)));
    },
  );

  it('refuses to be called without new', () => {
    expect(() => (FastResponse as unknown as () => Response)()).toThrow(TypeError);
  });

  it('builds Response.json() without undici and reads back the same', async () => {
    const fast = FastResponse.json(
      { id: 7, tags: ['a'] },
      { status: 201, headers: { 'x-a': '1' } },
    );
    const native = NativeResponse.json(
      { id: 7, tags: ['a'] },
      { status: 201, headers: { 'x-a': '1' } },
    );
    expect(bodySource(fast)).toBe('{"id":7,"tags":["a"]}');
    expect(fast.bodyUsed).toBe(false);
    expect(await observe(fast)).toEqual(await observe(native));
    expect(
      FastResponse.json(null, { headers: { 'content-type': 'application/hal+json' } }).headers.get(
        'content-type',
      ),
    ).toBe('application/hal+json');
  });

  it('answers Response.json() errors exactly as the native one', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const [data, init] of [
      [undefined, undefined],
      [() => 1, undefined],
      [cyclic, undefined],
      [1n, undefined],
      [{}, { status: 100 }],
    ] as const) {
      expect(outcome(() => FastResponse.json(data, init))).toEqual(
        outcome(() => NativeResponse.json(data, init)),
      );
    }
    expect(head(FastResponse.json({}, { statusText: 'Fine' }))).toEqual(
      head(NativeResponse.json({}, { statusText: 'Fine' })),
    );
  });

  it('lets a subclass build its own kind from json()', () => {
    class Tagged extends (FastResponse as typeof Response) {}
    const response = Tagged.json({ a: 1 });
    expect(response).toBeInstanceOf(Tagged);
    expect(response.headers.get('content-type')).toBe('application/json');
  });

  it('is instanceof the native Response and the native one is instanceof it', () => {
    const fast = new FastResponse('x');
    expect(fast).toBeInstanceOf(NativeResponse);
    expect(fast).toBeInstanceOf(FastResponse);
    expect(new NativeResponse('x')).toBeInstanceOf(FastResponse);
    expect(NativeResponse.error()).toBeInstanceOf(FastResponse);
    expect({}).not.toBeInstanceOf(FastResponse);
    expect(Object.prototype.toString.call(fast)).toBe('[object Response]');
  });

  it('inherits the static redirect() and error()', () => {
    const redirect = FastResponse.redirect('https://example.com/a', 308);
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('https://example.com/a');
    expect(FastResponse.error().type).toBe('error');
  });

  it('hands out the same Headers before and after the body is read', async () => {
    const response = FastResponse.json({ id: 7 });
    const headers = response.headers;
    expect(await response.json()).toEqual({ id: 7 });
    headers.set('etag', '"v1"');
    expect(response.headers).toBe(headers);
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  it('gives no body stream and no undici response for a bodiless response', () => {
    const response = new FastResponse(null, { status: 304 });
    expect(response.body).toBeNull();
    expect(bodySource(response)).toBeUndefined();
  });

  it('streams the body on demand and then gives no source', async () => {
    const response = new FastResponse('streamed');
    const reader = response.body!.getReader();
    expect(bodySource(response)).toBeUndefined();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('streamed');
  });

  it('keeps a copy of byte bodies, as the native Response does', async () => {
    const bytes = new Uint8Array([1, 2]);
    const buffer = new Uint8Array([3, 4]).buffer;
    const fromBytes = new FastResponse(bytes);
    const fromBuffer = new FastResponse(buffer);
    bytes[0] = 9;
    new Uint8Array(buffer)[0] = 9;
    expect(bodySource(fromBytes)).toEqual(new Uint8Array([1, 2]));
    expect(new Uint8Array(await fromBuffer.arrayBuffer())).toEqual(new Uint8Array([3, 4]));
    expect(fromBytes.headers.has('content-type')).toBe(false);
  });

  it('gives the native source of a response built around the native one', () => {
    const native = undiciBodySource(new NativeResponse(new URLSearchParams({ a: '1' })));
    // 'a=1' where undici keeps its source in reach (Node 20, 22); undefined where it does not.
    expect(bodySource(new FastResponse(new URLSearchParams({ a: '1' })))).toBe(native);
  });

  it('clones with separate headers, before and after the body became a stream', async () => {
    const light = new FastResponse('one', { status: 201 });
    const lightCopy = light.clone();
    lightCopy.headers.set('x-copy', '1');
    expect(light.headers.has('x-copy')).toBe(false);
    expect(await observe(lightCopy)).toMatchObject({ status: 201, body: 'one' });
    expect(await light.text()).toBe('one');

    const streamed = new FastResponse('two');
    void streamed.body;
    const streamedCopy = streamed.clone();
    expect(await streamedCopy.text()).toBe('two');
    expect(await streamed.text()).toBe('two');
    expect(() => streamed.clone()).toThrow(TypeError);
  });

  it('reads the body in every form the native Response offers', async () => {
    expect(new Uint8Array(await new FastResponse('ab').arrayBuffer())).toEqual(
      new Uint8Array([97, 98]),
    );
    expect(await (await new FastResponse('ab').blob()).text()).toBe('ab');
    const form = await new FastResponse('a=1', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    }).formData();
    expect(form.get('a')).toBe('1');
    const bytes = (new FastResponse('ab') as Response & { bytes?: () => Promise<Uint8Array> })
      .bytes;
    if (typeof (NativeResponse.prototype as { bytes?: unknown }).bytes === 'function') {
      expect(await bytes!.call(new FastResponse('ab'))).toEqual(new Uint8Array([97, 98]));
    } else {
      expect(() => bytes!.call(new FastResponse('ab'))).toThrow(TypeError);
    }
  });

  it('refuses its methods on objects that are not its responses', () => {
    const text = FastResponse.prototype.text;
    expect(() => text.call({})).toThrow(/Illegal invocation/);
    expect(() =>
      Object.getOwnPropertyDescriptor(FastResponse.prototype, 'status')!.get!.call({}),
    ).toThrow(TypeError);
  });

  it('agrees with the native Response on any text, status and header value', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.integer({ min: 150, max: 650 }),
        fc.string({ maxLength: 8 }),
        async (text, status, value) => {
          const init = { status, headers: { 'x-value': value } };
          const native = outcome(() => new NativeResponse(text, init));
          const fast = outcome(() => new FastResponse(text, init));
          if ('error' in native) {
            expect(fast).toEqual(native);
          } else {
            expect(fast).toHaveProperty('response');
            const light = (fast as { response: Response }).response;
            expect(await observe(light)).toEqual(await observe(native.response));
          }
        },
      ),
    );
  });
});

describe('installFastResponse', () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  it('makes Response.json() and new Response() light, and restores the native class', () => {
    restore = installFastResponse();
    expect(globalThis.Response).toBe(FastResponse);
    expect(bodySource(Response.json({ a: 1 }))).toBe('{"a":1}');
    expect(Response.json({ a: 1 })).toBeInstanceOf(NativeResponse);
    expect(Object.getOwnPropertyDescriptor(globalThis, 'Response')).toMatchObject({
      writable: true,
      configurable: true,
      enumerable: false,
    });
    // Installing twice is harmless, and only the first install's restore puts the native back.
    installFastResponse()();
    expect(globalThis.Response).toBe(FastResponse);
    restore();
    restore = undefined;
    expect(globalThis.Response).toBe(NativeResponse);
  });

  it('does not undo a Response someone installed after it', () => {
    const undo = installFastResponse();
    class Later {}
    Object.defineProperty(globalThis, 'Response', {
      value: Later,
      writable: true,
      configurable: true,
    });
    undo();
    expect(globalThis.Response).toBe(Later);
    Object.defineProperty(globalThis, 'Response', {
      value: NativeResponse,
      writable: true,
      configurable: true,
    });
  });
});

describe('lightResponse', () => {
  const init = (status: number, statusText = '') => ({
    status,
    statusText,
    headers: new Headers({ 'x-a': '1' }),
  });

  it('keeps a string or bytes as they are, with no Content-Type of its own', async () => {
    const bytes = new Uint8Array([104, 105]);
    const fromBytes = lightResponse(bytes, init(201, 'Made'));
    expect(bodySource(fromBytes)).toBe(bytes);
    const fromText = lightResponse('text', init(200));
    expect(fromText.headers.has('content-type')).toBe(false);
    expect(await observe(fromText)).toMatchObject({ status: 200, body: 'text' });
    expect(head(fromBytes)).toMatchObject({ status: 201, statusText: 'Made' });
  });

  it('hands streams and heads it does not take to the native class, errors included', async () => {
    const stream = lightResponse(new Blob(['blob']).stream(), init(200));
    expect(bodySource(stream)).toBeUndefined();
    expect(await stream.text()).toBe('blob');
    expect(() => lightResponse(null, init(101))).toThrow(RangeError);
    expect(() => lightResponse('x', init(304))).toThrow(TypeError);
    expect(lightResponse(null, init(304)).status).toBe(304);
  });
});
