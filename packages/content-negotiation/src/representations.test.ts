import { compose, type FetchHandler } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { isRepresentation, representation } from './representation.js';
import { createRepresentations } from './representations.js';
import type { Serializer } from './serializers.js';

const articles = [
  { id: 7, title: 'Hello, world' },
  { id: 8, title: 'Second' },
];
const article = { id: 7, title: 'Hello', _links: { self: { href: '/articles/7' } } };

const app: FetchHandler = (request) => {
  const { pathname } = new URL(request.url);
  if (pathname === '/articles') return representation(articles, { headers: { Vary: 'Origin' } });
  if (pathname === '/articles/7') return representation(article, { language: 'en' });
  if (pathname === '/created')
    return representation({ id: 9 }, { status: 201, statusText: 'Made' });
  if (pathname === '/nothing') return representation(null, { status: 204 });
  return new Response('plain', { status: 404 });
};

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Request(`https://api.test${path}`, { headers, method });

describe('representation', () => {
  it('is a json response that keeps its value', async () => {
    const response = representation({ id: 7 }, { status: 201, headers: { 'X-A': '1' } });
    expect(response).toBeInstanceOf(Response);
    expect(response.value).toEqual({ id: 7 });
    expect(response.status).toBe(201);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(await response.json()).toEqual({ id: 7 });
    expect(isRepresentation(response)).toBe(true);
    expect(isRepresentation(Response.json({}))).toBe(false);
  });

  it('writes null for an undefined value and keeps a given content-type', async () => {
    expect(await representation(undefined).text()).toBe('null');
    const typed = representation('x', { headers: { 'Content-Type': 'application/vnd.x+json' } });
    expect(typed.headers.get('Content-Type')).toBe('application/vnd.x+json');
  });
});

// Issue 22: representation() extended the Response that was global at import time and gave it
// a stream that serialised the value on creation — and the middleware serialised it again.
describe('representation, built for speed', () => {
  /** Runs `body` with a counting subclass as the global Response, as a server's stand-in is. */
  async function withStandIn(body: (made: () => number) => Promise<void>): Promise<void> {
    const Native = globalThis.Response;
    let made = 0;
    class StandIn extends Native {
      constructor(...args: ConstructorParameters<typeof Response>) {
        super(...args);
        made++;
      }
    }
    globalThis.Response = StandIn;
    try {
      await body(() => made);
    } finally {
      globalThis.Response = Native;
    }
  }

  it('is built by the global Response of the moment, with the json as a string', async () => {
    await withStandIn(async (made) => {
      const response = representation({ id: 7 });
      expect(made()).toBe(1);
      expect(response).toBeInstanceOf(globalThis.Response);
      expect(await response.text()).toBe('{"id":7}');
    });
  });

  it('serialises json once, and answers json and hal with the representation itself', async () => {
    await withStandIn(async (made) => {
      let serialised = 0;
      const value = { id: 7, toJSON: () => (serialised++, { id: 7 }) };
      let returned: Response | undefined;
      const handler = compose(createRepresentations().middleware)(
        () => (returned = representation(value, { headers: { 'Cache-Control': 'max-age=60' } })),
      );
      for (const [accept, type] of [
        ['application/json', 'application/json'],
        ['application/hal+json', 'application/hal+json'],
      ] as const) {
        serialised = 0;
        const before = made();
        const response = await handler(get('/articles/7', { Accept: accept }));
        expect(response).toBe(returned);
        expect(isRepresentation(response)).toBe(false);
        expect(response.headers.get('Content-Type')).toBe(type);
        expect(response.headers.get('Vary')).toBe('Accept');
        expect(response.headers.get('Cache-Control')).toBe('max-age=60');
        expect(await response.text()).toBe('{"id":7}');
        expect(serialised).toBe(1);
        expect(made() - before).toBe(1);
      }
    });
  });

  // @hono/node-server installs a global Response that keeps its init and gives `headers` from
  // it, until a getter such as `statusText`, `bodyUsed` or `body` builds the real Response from
  // the init it was given — and the header changes made so far are gone. Its server writes the
  // kept headers directly. A stand-in that behaves the same:
  class KeepsInit {
    static built = 0;
    #body: BodyInit | null;
    #init: ResponseInit;
    #headers: Headers | undefined;
    #real: Response | undefined;
    constructor(body: BodyInit | null, init: ResponseInit = {}) {
      this.#body = body;
      this.#init = init;
      this.#headers =
        init.headers instanceof Headers ? init.headers : new Headers(init.headers ?? {});
    }
    #build(): Response {
      if (this.#real === undefined) {
        KeepsInit.built++;
        this.#headers = undefined;
        this.#real = new NativeResponse(this.#body, this.#init);
      }
      return this.#real;
    }
    get headers(): Headers {
      return this.#headers ?? this.#build().headers;
    }
    get status(): number {
      return this.#real?.status ?? this.#init.status ?? 200;
    }
    get statusText(): string {
      return this.#build().statusText;
    }
    get bodyUsed(): boolean {
      return this.#build().bodyUsed;
    }
    get body(): ReadableStream<Uint8Array> | null {
      return this.#build().body;
    }
    text(): Promise<string> {
      return this.#build().text();
    }
  }
  const NativeResponse = globalThis.Response;

  it('keeps its header changes on a stand-in that builds the real response from its init late', async () => {
    globalThis.Response = KeepsInit as unknown as typeof Response;
    try {
      const shared = new Headers({ 'Content-Type': 'application/json', ETag: '"7"' });
      const handler = compose(createRepresentations().middleware)(() =>
        representation({ id: 7 }, { headers: shared }),
      );
      KeepsInit.built = 0;
      const response = await handler(get('/articles/7', { Accept: 'application/hal+json' }));
      expect(KeepsInit.built).toBe(0);
      expect(response.headers.get('Content-Type')).toBe('application/hal+json');
      expect(response.headers.get('Vary')).toBe('Accept');
      expect(response.headers.get('ETag')).toBe('"7"');
      expect(await response.text()).toBe('{"id":7}');
      // The handler's Headers object is its own: the middleware changed a copy.
      expect(shared.get('Content-Type')).toBe('application/json');
      expect(shared.has('Vary')).toBe(false);
    } finally {
      globalThis.Response = NativeResponse;
    }
  });

  it('still writes a value json cannot hold in a format that can, and fails only when read as json', async () => {
    const handler = compose(createRepresentations().middleware)(() =>
      representation([{ id: 10n }]),
    );
    const csv = await handler(get('/big', { Accept: 'text/csv' }));
    expect(await csv.text()).toBe('id\r\n10\r\n');
    await expect(representation({ id: 10n }).text()).rejects.toThrow(TypeError);
  });
});

describe('createRepresentations middleware', () => {
  const registry = createRepresentations();
  const handler = compose(registry.middleware)(app);

  it.each([
    ['application/json', 'application/json'],
    ['*/*', 'application/json'],
    ['text/csv', 'text/csv; charset=utf-8'],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'text/html; charset=utf-8'],
  ])('serialises a list for accept: %s as %s', async (accept, type) => {
    const response = await handler(get('/articles', { Accept: accept }));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(type);
    expect(response.headers.get('Vary')).toBe('Origin, Accept');
  });

  it('writes csv and html bodies', async () => {
    const csv = await handler(get('/articles', { Accept: 'text/csv' }));
    expect(await csv.text()).toBe('id,title\r\n7,"Hello, world"\r\n8,Second\r\n');
    const html = await handler(get('/articles', { Accept: 'text/html' }));
    expect(await html.text()).toContain('<title>/articles</title>');
  });

  it('serves hal+json for objects, with content-language and vary', async () => {
    const response = await handler(get('/articles/7', { Accept: 'application/hal+json' }));
    expect(response.headers.get('Content-Type')).toBe('application/hal+json');
    expect(response.headers.get('Content-Language')).toBe('en');
    expect(response.headers.get('Vary')).toBe('Accept, Accept-Language');
    expect(await response.json()).toEqual(article);
  });

  it('answers 406 with the available types and alternate links', async () => {
    const response = await handler(get('/articles/7', { Accept: 'text/csv' }));
    expect(response.status).toBe(406);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    expect(response.headers.get('Vary')).toBe('Accept');
    expect(response.headers.get('Link')).toBe(
      '</articles/7>; rel="alternate"; type="application/json", </articles/7>; rel="alternate"; type="application/hal+json", </articles/7>; rel="alternate"; type="text/html"',
    );
    expect(await response.json()).toMatchObject({
      status: 406,
      instance: '/articles/7',
      availableMediaTypes: ['application/json', 'application/hal+json', 'text/html'],
    });
  });

  it('keeps status and status text, and sends no body for head, 204 and 304', async () => {
    const created = await handler(get('/created', { Accept: 'text/html' }));
    expect(created.status).toBe(201);
    expect(created.statusText).toBe('Made');
    const head = await handler(get('/articles', { Accept: 'text/csv' }, 'HEAD'));
    expect(head.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(head.body).toBeNull();
    expect((await handler(get('/nothing'))).body).toBeNull();
  });

  it('passes plain responses through, an error only gaining vary', async () => {
    const response = await handler(get('/missing', { Accept: 'text/csv' }));
    expect(response.status).toBe(404);
    expect(response.headers.get('Vary')).toBe('Accept');
    expect(await response.text()).toBe('plain');
  });

  it('exposes its choice for inspection', () => {
    const choice = registry.select(get('/', { Accept: 'text/*' }), articles);
    expect(choice.serializer?.mediaType).toBe('text/csv');
    expect(choice.available).toEqual(
      ['application/json', 'application/hal+json', 'text/csv', 'text/html'].filter(
        (type) => type !== 'application/hal+json',
      ),
    );
    expect(choice.decision?.verdicts.map((verdict) => verdict.outcome)).toEqual([
      'unmatched',
      'chosen',
      'outranked',
    ]);
    expect(registry.mediaTypes).toEqual([
      'application/json',
      'application/hal+json',
      'text/csv',
      'text/html',
    ]);
  });
});

describe('fallback', () => {
  it('answers with the fallback instead of 406', async () => {
    const handler = compose(createRepresentations({ fallback: 'application/json' }).middleware)(
      app,
    );
    const response = await handler(get('/articles', { Accept: 'image/png' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/json');
  });
});

describe('register', () => {
  it('adds a format with one call', async () => {
    const xml: Serializer = {
      mediaType: 'application/xml',
      formats: ['xml'],
      charset: true,
      serialize: (value, { mediaType }) =>
        `<value type="${mediaType}">${JSON.stringify(value)}</value>`,
    };
    const registry = createRepresentations({ extensions: true }).register(xml);
    expect(registry.mediaTypes).toContain('application/xml');
    const handler = compose(registry.middleware)(app);
    const response = await handler(get('/articles/7', { Accept: 'application/xml' }));
    expect(response.headers.get('Content-Type')).toBe('application/xml; charset=utf-8');
    expect(await response.text()).toContain('<value type="application/xml">');
    const byExtension = await handler(get('/articles/7.XML'));
    expect(byExtension.headers.get('Content-Type')).toBe('application/xml; charset=utf-8');
  });
});

describe('format overrides', () => {
  const registry = createRepresentations({ extensions: true, formatParameter: 'format' });
  const handler = compose(registry.middleware)(app);

  it('picks the format from a url extension and names the variant in content-location', async () => {
    const response = await handler(get('/articles.csv', { Accept: 'application/json' }));
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Location')).toBe('/articles.csv');
    expect(response.headers.get('Vary')).toBe('Origin');
  });

  it('names the negotiated variant in content-location', async () => {
    const response = await handler(get('/articles', { Accept: 'text/csv' }));
    expect(response.headers.get('Content-Location')).toBe('/articles.csv');
    expect(response.headers.get('Vary')).toBe('Origin, Accept');
  });

  it('picks the format from the query parameter', async () => {
    const response = await handler(get('/articles?format=html'));
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('Vary')).toBe('Origin');
  });

  it('leaves unknown extensions in the path', async () => {
    const response = await handler(get('/articles.pdf'));
    expect(response.status).toBe(404);
  });

  it('answers 406 for a format that cannot write the value, linking the extension forms', async () => {
    const response = await handler(get('/articles/7.csv'));
    expect(response.status).toBe(406);
    expect(response.headers.get('Vary')).toBeNull();
    expect(response.headers.get('Link')).toContain(
      '</articles/7.json>; rel="alternate"; type="application/json"',
    );
    const body = (await response.json()) as { detail: string; instance: string };
    expect(body.detail).toContain('Format csv is not available');
    expect(body.instance).toBe('/articles/7.csv');
    const unknown = await handler(get('/articles/7?format=yaml'));
    expect(unknown.status).toBe(406);
  });

  it('links query forms when extensions are off', async () => {
    const queryOnly = compose(createRepresentations({ formatParameter: 'as' }).middleware)(app);
    const response = await queryOnly(get('/articles/7?as=csv'));
    expect(response.headers.get('Link')).toContain('</articles/7?as=json>; rel="alternate"');
  });

  it('does not link an extension form for a collection path ending in a slash', async () => {
    const response = await handler(get('/articles/', { Accept: 'application/json' }));
    expect(response.status).toBe(404);
  });

  it('forwards the request body when it rewrites the url', async () => {
    const echo = compose(createRepresentations({ extensions: true }).middleware)(async (request) =>
      representation({ path: new URL(request.url).pathname, body: await request.text() }),
    );
    const response = await echo(
      new Request('https://api.test/things.json', { method: 'POST', body: 'payload' }),
    );
    expect(await response.json()).toEqual({ path: '/things', body: 'payload' });
  });
});
