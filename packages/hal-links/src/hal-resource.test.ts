import { describe, expect, expectTypeOf, it } from 'vitest';
import { createHal, halResource } from './hal-resource.js';
import type { HalResource } from './hal-types.js';
import { LinkRelation } from './link-relations.js';
import { UriTemplateError } from './uri-template.js';

const acme = { name: 'acme', href: 'https://docs.acme.test/rels/{rel}' };

describe('halResource', () => {
  it('puts self first and keeps state', () => {
    const json = halResource({ title: 'Hello' }, '/posts/1').toJSON();
    expect(json).toEqual({ title: 'Hello', _links: { self: { href: '/posts/1' } } });
    expect(Object.keys(json._links)[0]).toBe('self');
  });

  it('types the state of the built resource', () => {
    const json = halResource({ title: 'Hello', id: 1 }, '/posts/1').toJSON();
    expectTypeOf(json.title).toEqualTypeOf<string>();
    expectTypeOf(json).toMatchTypeOf<HalResource>();
  });

  it('accepts every link attribute', () => {
    const link = {
      href: '/users/7',
      type: 'application/hal+json',
      deprecation: 'https://docs.test/deprecated',
      name: 'ann',
      profile: 'https://profiles.test/user',
      title: 'Ann',
      hreflang: 'en',
    };
    expect(halResource({}, '/p').link('author', link).toJSON()._links.author).toEqual(link);
  });

  it('makes a second link of the same rel an array', () => {
    const json = halResource({}, '/p').link('item', '/a').link('item', '/b').toJSON();
    expect(json._links.item).toEqual([{ href: '/a' }, { href: '/b' }]);
  });

  it('keeps a rel given as an array an array, even with one link', () => {
    expect(halResource({}, '/p').link('item', ['/a']).toJSON()._links.item).toEqual([
      { href: '/a' },
    ]);
    expect(halResource({}, '/p').link('item', '/a', { array: true }).toJSON()._links.item).toEqual([
      { href: '/a' },
    ]);
  });

  it('replaces self instead of adding a second one', () => {
    expect(halResource({}, '/a').link('self', '/b').toJSON()._links.self).toEqual({ href: '/b' });
    expect(() => halResource({}, '/a').link('self', ['/b', '/c'])).toThrow(/one self link/);
  });

  it('chains from detached methods', () => {
    const { link } = halResource({}, '/a');
    expect(link('next', '/b').toJSON()._links.next).toEqual({ href: '/b' });
  });

  it('marks and validates templated hrefs when the resource is built', () => {
    const json = halResource({}, '/orders').link('find', '/orders{?id}').toJSON();
    expect(json._links.find).toEqual({ href: '/orders{?id}', templated: true });
    expect(() => halResource({}, '/orders').link('find', '/orders{?id')).toThrow(UriTemplateError);
    expect(() =>
      halResource({}, '/o').link('x', { href: '/o', templated: true }).toJSON(),
    ).not.toThrow();
  });

  it('leaves an href with braces alone when templated is explicitly false', () => {
    expect(
      halResource({}, '/p').link('x', { href: '/a{b}', templated: false }).toJSON()._links.x,
    ).toEqual({ href: '/a{b}', templated: false });
  });

  it('refuses links without an href string', () => {
    expect(() => halResource({}, '/p').link('x', { href: 7 } as never)).toThrow(TypeError);
  });

  it('refuses reserved properties in state', () => {
    expect(() => halResource({ _links: {} }, '/p')).toThrow(/reserved/);
  });

  it('embeds one resource as an object and several as an array, keyed by rel', () => {
    const a = halResource({ n: 1 }, '/a');
    const json = halResource({}, '/list')
      .embed('first', a)
      .embed('items', [a, halResource({ n: 2 }, '/b').toJSON()])
      .toJSON();
    expect(json._embedded).toEqual({
      first: { n: 1, _links: { self: { href: '/a' } } },
      items: [
        { n: 1, _links: { self: { href: '/a' } } },
        { n: 2, _links: { self: { href: '/b' } } },
      ],
    });
  });

  it('keeps embedded arrays stable with one member or none', () => {
    const json = halResource({}, '/l')
      .embed('items', [])
      .embed('one', halResource({}, '/x'), { array: true })
      .toJSON();
    expect(json._embedded).toEqual({ items: [], one: [{ _links: { self: { href: '/x' } } }] });
  });

  it('adds templates in order', () => {
    const json = halResource({}, '/p')
      .template('default', { method: 'PUT', properties: [] })
      .template('delete', { method: 'DELETE', properties: [] })
      .toJSON();
    expect(Object.keys(json._templates ?? {})).toEqual(['default', 'delete']);
  });

  it('keeps a built document as it was when the builder changes afterwards', () => {
    const builder = halResource({}, '/p').link('item', '/a').link('item', '/b');
    const first = builder.toJSON();
    builder.link('item', '/c').link('next', '/n').template('t', { method: 'POST', properties: [] });
    expect(first._links).toEqual({ self: { href: '/p' }, item: [{ href: '/a' }, { href: '/b' }] });
    expect(first._templates).toBeUndefined();
    expect(builder.toJSON()._links.item).toHaveLength(3);
  });

  it('makes a rel named __proto__ a property, not the prototype', () => {
    const json = halResource({}, '/p')
      .link('__proto__', '/x')
      .embed('__proto__', halResource({}, '/e'))
      .template('__proto__', { method: 'POST', properties: [] })
      .toJSON();
    expect(Object.getPrototypeOf(json._links)).toBe(Object.prototype);
    expect(Object.hasOwn(json._links, '__proto__')).toBe(true);
    expect(Object.hasOwn(json._embedded ?? {}, '__proto__')).toBe(true);
    expect(Object.hasOwn(json._templates ?? {}, '__proto__')).toBe(true);
    expect(JSON.parse(JSON.stringify(json))._links.__proto__).toEqual({ href: '/x' });
  });

  it('serialises with JSON.stringify', () => {
    expect(JSON.parse(JSON.stringify(halResource({ a: 1 }, '/p')))).toEqual({
      a: 1,
      _links: { self: { href: '/p' } },
    });
  });
});

describe('createHal', () => {
  it('prefixes non-iana rels with the curie and leaves iana, prefixed and uri rels alone', () => {
    const hal = createHal({ curies: [acme] });
    const json = hal
      .resource({}, '/orders')
      .link('widgets', '/widgets')
      .link(LinkRelation.next, '/orders?page=2')
      .link('other:thing', '/t')
      .link('https://rels.test/x', '/x')
      .toJSON();
    expect(json._links).toEqual({
      self: { href: '/orders' },
      curies: [{ name: 'acme', href: 'https://docs.acme.test/rels/{rel}', templated: true }],
      'acme:widgets': { href: '/widgets' },
      next: { href: '/orders?page=2' },
      'other:thing': { href: '/t' },
      'https://rels.test/x': { href: '/x' },
    });
  });

  it('uses the named curie for prefixing', () => {
    const hal = createHal({ curies: [acme, { name: 'ex', href: '/docs/{rel}' }], curie: 'ex' });
    expect(Object.keys(hal.resource({}, '/').link('a', '/a').toJSON()._links)).toContain('ex:a');
  });

  it('emits curies on the root only, not on embedded resources', () => {
    const hal = createHal({ curies: [acme] });
    const json = hal
      .resource({}, '/orders')
      .embed('orders', [hal.resource({}, '/orders/1').link('basket', '/b/1')])
      .toJSON();
    const embedded = json._embedded?.['acme:orders'] as HalResource[];
    expect(embedded[0]?._links).toEqual({
      self: { href: '/orders/1' },
      'acme:basket': { href: '/b/1' },
    });
  });

  it('keeps declared rels arrays in links and embedded, with or without the prefix', () => {
    const hal = createHal({ curies: [acme], arrayRels: ['item', 'widgets', 'acme:gadgets'] });
    const json = hal
      .resource({}, '/l')
      .link('item', '/1')
      .link('widgets', '/w')
      .embed('gadgets', hal.resource({}, '/g'))
      .toJSON();
    expect(json._links.item).toEqual([{ href: '/1' }]);
    expect(json._links['acme:widgets']).toEqual([{ href: '/w' }]);
    expect(json._embedded?.['acme:gadgets']).toHaveLength(1);
  });

  it.each([
    [{ curies: [{ name: 'a', href: '/docs/{x}' }] }, /\{rel\}/],
    [{ curies: [{ name: 'a:b', href: '/docs/{rel}' }] }, /Invalid curie name/],
    [{ curies: [acme], curie: 'nope' }, /No curie named/],
    [{ curies: [{ name: 'a', href: '/docs/{rel' }] }, /Invalid URI Template/],
  ])('refuses bad curie options %#', (options, message) => {
    expect(() => createHal(options)).toThrow(message);
  });

  it('does nothing to rels without curies', () => {
    expect(Object.keys(createHal().resource({}, '/').link('custom', '/c').toJSON()._links)).toEqual(
      ['self', 'custom'],
    );
  });
});
