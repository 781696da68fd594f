import { compose, createRouter } from '@fielding/core';
import { notFound, problem, problemDetails } from '@fielding/problem-errors';
import { describe, expect, it } from 'vitest';
import { problemXmlSerializer } from './problem-xml.js';
import { representation } from './representation.js';
import { createRepresentations } from './representations.js';
import { DEFAULT_SERIALIZERS } from './serializers.js';

const context = {
  request: new Request('https://api.test/'),
  mediaType: 'application/problem+xml',
  language: undefined,
};
const xml = (document: Record<string, unknown>): string =>
  problemXmlSerializer.serialize(document, context) as string;

describe('problemXmlSerializer (rfc 9457 appendix b)', () => {
  it('writes the appendix b example shape', () => {
    expect(
      xml({
        type: 'https://example.com/probs/out-of-credit',
        title: 'You do not have enough credit.',
        status: 403,
        detail: 'Your current balance is 30, but that costs 50.',
        instance: 'https://example.net/account/12345/msgs/abc',
        balance: 30,
        accounts: ['https://example.net/account/12345', 'https://example.net/account/67890'],
      }),
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>' +
        '<problem xmlns="urn:ietf:rfc:7807">' +
        '<type>https://example.com/probs/out-of-credit</type>' +
        '<title>You do not have enough credit.</title>' +
        '<status>403</status>' +
        '<detail>Your current balance is 30, but that costs 50.</detail>' +
        '<instance>https://example.net/account/12345/msgs/abc</instance>' +
        '<balance>30</balance>' +
        '<accounts><i>https://example.net/account/12345</i><i>https://example.net/account/67890</i></accounts>' +
        '</problem>',
    );
  });

  it('nests objects, writes null as an empty element and escapes text', () => {
    const text = xml({
      status: 422,
      detail: 'a < b & c > d "q"',
      errors: [{ pointer: '/x', detail: 'bad' }],
      nothing: null,
      flag: true,
    });
    expect(text).toContain('<detail>a &lt; b &amp; c &gt; d "q"</detail>');
    expect(text).toContain('<errors><i><pointer>/x</pointer><detail>bad</detail></i></errors>');
    expect(text).toContain('<nothing/>');
    expect(text).toContain('<flag>true</flag>');
  });

  it('leaves out members whose names are not xml names', () => {
    const text = xml({
      status: 400,
      'a b': 1,
      '1x': 2,
      xmlThing: 3,
      '': 4,
      'ok-name.v2': 5,
      nested: { '<': 1, fine: 2 },
    });
    expect(text).toContain('<ok-name.v2>5</ok-name.v2>');
    expect(text).toContain('<nested><fine>2</fine></nested>');
    expect(text).not.toMatch(/a b|1x|xmlThing|<4/);
  });

  it('drops characters xml 1.0 forbids and replaces lone surrogates', () => {
    expect(xml({ status: 400, detail: 'a\u0000b\u001fc\ud800d\udc00e\uffff😀\t' })).toContain(
      '<detail>abc\ufffdd\ufffde😀\t</detail>',
    );
  });

  it('offers itself for problem documents only', () => {
    expect(problemXmlSerializer.mediaType).toBe('application/problem+xml');
    expect(problemXmlSerializer.canSerialize?.({ status: 404 })).toBe(true);
    expect(problemXmlSerializer.canSerialize?.([{ status: 404 }])).toBe(false);
    expect(problemXmlSerializer.canSerialize?.('404')).toBe(false);
  });
});

describe('problem xml through a representations registry', () => {
  const registry = createRepresentations().register(problemXmlSerializer);
  const get = (path: string, accept?: string, method = 'GET') =>
    new Request(`https://api.test${path}`, {
      method,
      headers: accept === undefined ? {} : { Accept: accept },
    });
  // The registry outside problemDetails() sees the problems rendered from thrown errors too.
  const router = createRouter({ middleware: [registry.middleware, problemDetails()] });
  router.get('/articles/:id', (_request, { params }) => {
    if (params.id === '7') return representation({ id: 7, status: 404 });
    throw notFound({ detail: `No article ${params.id}.` });
  });

  it.each([
    ['application/problem+xml', 'application/problem+xml'],
    ['application/xml', 'application/xml'],
    ['application/problem+json;q=0.5, application/problem+xml', 'application/problem+xml'],
    ['application/problem+json, application/problem+xml', 'application/problem+json'],
    ['application/xml, application/problem+json;q=0.9', 'application/xml'],
    ['*/*', 'application/problem+json'],
    [undefined, 'application/problem+json'],
    ['text/csv', 'application/problem+json'],
  ])('answers a thrown error for accept: %s as %s', async (accept, type) => {
    const response = await router.fetch(get('/articles/8', accept));
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe(type);
    expect(response.headers.get('Vary')).toBe('Accept');
    const body = await response.text();
    if (type.endsWith('xml')) {
      expect(body).toBe(
        '<?xml version="1.0" encoding="UTF-8"?><problem xmlns="urn:ietf:rfc:7807">' +
          '<type>about:blank</type><title>Not Found</title><status>404</status>' +
          '<detail>No article 8.</detail><instance>/articles/8</instance></problem>',
      );
    } else {
      expect(JSON.parse(body)).toMatchObject({ status: 404, instance: '/articles/8' });
    }
  });

  it('never offers a problem type for a representation, even one with a status member', async () => {
    const response = await router.fetch(get('/articles/7', 'application/problem+xml'));
    expect(response.status).toBe(406);
    expect(registry.mediaTypes).toEqual(DEFAULT_SERIALIZERS.map((s) => s.mediaType));
    expect(response.headers.get('Content-Type')).toBe('application/problem+xml');
    expect(await response.text()).toContain('<availableMediaTypes><i>application/json</i>');
  });

  it('writes a returned problem response and its headers, keeping its status', async () => {
    const handler = compose(registry.middleware)(() =>
      problem({ status: 429, detail: 'Slow down.', headers: { 'Retry-After': '5' } }),
    );
    const response = await handler(get('/', 'application/problem+xml'));
    expect(response.status).toBe(429);
    expect(response.headers.get('Retry-After')).toBe('5');
    expect(await response.text()).toContain('<detail>Slow down.</detail>');
  });

  it('leaves alone what is not a problem or not a json object; labels a head answer only', async () => {
    const answers = [
      () => new Response('{"status":500}', { status: 500 }),
      () =>
        new Response('not json', {
          status: 500,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
      () =>
        new Response('[1]', {
          status: 500,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    ];
    for (const answer of answers) {
      const expected = await answer().text();
      const response = await compose(registry.middleware)(answer)(
        get('/', 'application/problem+xml'),
      );
      expect(response.status).toBe(500);
      expect(await response.text()).toBe(expected);
    }
    const head = await router.fetch(get('/articles/8', 'application/problem+xml', 'HEAD'));
    expect(head.status).toBe(404);
    expect(head.headers.get('Content-Type')).toBe('application/problem+xml');
    expect(await head.text()).toBe('');
  });

  it('is not used by a registry it is not registered in', async () => {
    const plain = createRouter({
      middleware: [createRepresentations().middleware, problemDetails()],
    });
    plain.get('/', () => {
      throw notFound();
    });
    const response = await plain.fetch(get('/', 'application/problem+xml'));
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });
});
