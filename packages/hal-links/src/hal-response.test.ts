import { describe, expect, it } from 'vitest';
import { halResource } from './hal-resource.js';
import { halResponse, prefersHalForms } from './hal-response.js';
import { HAL_FORMS_JSON, HAL_JSON } from './hal-types.js';
import { parseLinkHeader } from './link-header.js';

const withForm = () =>
  halResource({ title: 'Hi' }, '/posts/1')
    .link('author', { href: '/users/7', title: 'Ann', type: HAL_JSON, hreflang: 'en' })
    .link('find', '/posts{?q}')
    .template('default', { method: 'PUT', properties: [{ name: 'title' }] });

const request = (accept?: string) =>
  new Request('https://api.test/posts/1', accept ? { headers: { Accept: accept } } : {});

describe('halResponse', () => {
  it('answers application/hal+json with the body', async () => {
    const response = halResponse(halResource({ a: 1 }, '/a'));
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe(HAL_JSON);
    expect(await response.json()).toEqual({ a: 1, _links: { self: { href: '/a' } } });
  });

  it('keeps status and headers of the init', () => {
    const response = halResponse(halResource({}, '/a').toJSON(), {
      status: 201,
      headers: { Location: '/a' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('Location')).toBe('/a');
  });

  it('leaves _templates out of plain hal and says it varies on accept', async () => {
    const response = halResponse(withForm(), { request: request('application/hal+json') });
    expect(response.headers.get('Content-Type')).toBe(HAL_JSON);
    expect(response.headers.get('Vary')).toBe('Accept');
    expect(await response.json()).not.toHaveProperty('_templates');
  });

  it('answers hal-forms with _templates when asked for', async () => {
    const response = halResponse(withForm(), {
      request: request(`${HAL_FORMS_JSON}, ${HAL_JSON};q=0.9`),
    });
    expect(response.headers.get('Content-Type')).toBe(HAL_FORMS_JSON);
    expect((await response.json())._templates.default.method).toBe('PUT');
  });

  it('merges vary with an existing value', () => {
    const response = halResponse(withForm(), {
      request: request(),
      headers: { Vary: 'Accept-Encoding' },
    });
    expect(response.headers.get('Vary')).toBe('Accept-Encoding, Accept');
  });

  it('mirrors non-templated links of chosen rels into a Link header, after existing ones', () => {
    const response = halResponse(withForm(), {
      linkRels: ['author', 'find', 'self', 'missing'],
      headers: { Link: '</x>; rel="up"' },
    });
    const links = parseLinkHeader(response.headers.get('Link'));
    expect(links.map(({ href, rel }) => [href, rel[0]])).toEqual([
      ['/x', 'up'],
      ['/users/7', 'author'],
      ['/posts/1', 'self'],
    ]);
    expect(links[1]).toMatchObject({ title: 'Ann', type: HAL_JSON, hreflang: ['en'] });
  });

  it('mirrors every link of an array rel', () => {
    const resource = halResource({}, '/l').link('item', ['/1', '/2']);
    const response = halResponse(resource, { linkRels: ['item', 'find'] });
    expect(parseLinkHeader(response.headers.get('Link')).map((l) => l.href)).toEqual(['/1', '/2']);
    expect(
      halResponse(halResource({}, '/l').link('find', '/f{?q}'), { linkRels: ['find'] }).headers.has(
        'Link',
      ),
    ).toBe(false);
  });
});

describe('prefersHalForms', () => {
  it.each([
    [undefined, false],
    ['*/*', false],
    ['application/*', false],
    [HAL_FORMS_JSON, true],
    [`${HAL_JSON}, ${HAL_FORMS_JSON}`, true],
    [`${HAL_JSON}, ${HAL_FORMS_JSON};q=0.5`, false],
    [`${HAL_FORMS_JSON};q=0`, false],
    [`${HAL_FORMS_JSON};q=0.8, application/*;q=0.5`, true],
    [`${HAL_FORMS_JSON};q=0.5, */*`, false],
  ])('accept: %s → %s', (accept, expected) => {
    expect(prefersHalForms(request(accept))).toBe(expected);
  });
});
