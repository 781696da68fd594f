import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readHal } from './hal-reader.js';
import { createHal, halResource } from './hal-resource.js';

const document = {
  _links: {
    self: { href: '/orders' },
    curies: [{ name: 'acme', href: 'https://docs.acme.test/rels/{rel}', templated: true }],
    next: { href: '/orders?page=2' },
    find: { href: '/orders{?id}', templated: true },
    'acme:widgets': [
      { href: '/widgets/1', name: 'one' },
      { href: '/widgets/2', name: 'two', deprecation: 'https://d.test', junk: 1 },
    ],
    broken: { href: 42 },
    bad: { href: '/x{', templated: true },
  },
  _embedded: {
    'acme:orders': [
      { _links: { self: { href: '/orders/1' }, 'acme:basket': { href: '/b/1' } }, total: 30 },
    ],
    single: { _links: { self: { href: '/s' } } },
  },
  _templates: {
    default: { method: 'POST', properties: [{ name: 'total' }, 3] },
    junk: { properties: [] },
  },
  currentlyProcessing: 14,
};

describe('readHal', () => {
  const hal = readHal<{ currentlyProcessing: number }>(document, { base: 'https://api.test/v1/' });

  it('separates state from reserved properties', () => {
    expect(hal.state).toEqual({ currentlyProcessing: 14 });
    expect(hal.self).toBe('/orders');
  });

  it('lists rels with usable links', () => {
    expect(hal.rels).toEqual(['self', 'next', 'find', 'acme:widgets', 'bad']);
    expect(hal.embeddedRels).toEqual(['acme:orders', 'single']);
  });

  it('finds links by curie or by the uri the curie stands for', () => {
    expect(hal.links('acme:widgets')).toHaveLength(2);
    expect(hal.links('https://docs.acme.test/rels/widgets')).toHaveLength(2);
    expect(hal.expandCurie('acme:widgets')).toBe('https://docs.acme.test/rels/widgets');
    expect(hal.expandCurie('nope:widgets')).toBeUndefined();
    expect(hal.expandCurie('next')).toBeUndefined();
  });

  it('keeps only the known link attributes', () => {
    expect(hal.link('acme:widgets', 'two')).toEqual({
      href: '/widgets/2',
      name: 'two',
      deprecation: 'https://d.test',
    });
    expect(hal.link('acme:widgets', 'three')).toBeUndefined();
    expect(hal.links('broken')).toEqual([]);
    expect(hal.links('missing')).toEqual([]);
  });

  it('follows links, expanding templates and resolving against the base', () => {
    expect(hal.follow('next')).toBe('https://api.test/orders?page=2');
    expect(hal.follow('find', { values: { id: 7 } })).toBe('https://api.test/orders?id=7');
    expect(hal.follow('acme:widgets', { name: 'two' })).toBe('https://api.test/widgets/2');
    expect(hal.follow('missing')).toBeUndefined();
    expect(hal.follow('bad')).toBeUndefined();
  });

  it('reads embedded resources as readers that inherit curies', () => {
    const [order] = hal.embedded<{ total: number }>('https://docs.acme.test/rels/orders');
    expect(order?.state.total).toBe(30);
    expect(order?.follow('https://docs.acme.test/rels/basket')).toBe('https://api.test/b/1');
    expect(hal.embedded('single')).toHaveLength(1);
    expect(hal.embedded('missing')).toEqual([]);
  });

  it('keeps templates with a method and only object properties', () => {
    expect(hal.templates).toEqual({ default: { method: 'POST', properties: [{ name: 'total' }] } });
  });

  it('keeps a template named __proto__ as data, never as the prototype of templates', () => {
    const hostile = JSON.parse(
      '{"_templates":{"__proto__":{"method":"DELETE"},"default":{"method":"POST"}}}',
    ) as Record<string, unknown>;
    const reader = readHal(hostile);
    expect(Object.getPrototypeOf(reader.templates)).toBeNull();
    expect(Object.keys(reader.templates).sort()).toEqual(['__proto__', 'default']);
    expect(reader.templates['constructor']).toBeUndefined();
  });

  it('reports deprecated links when following them, in embedded readers too', () => {
    const seen: string[] = [];
    const reader = readHal(
      { ...document, _embedded: { x: { _links: { old: { href: '/o', deprecation: '/why' } } } } },
      { onDeprecation: (rel, link) => seen.push(`${rel} ${link.href}`) },
    );
    reader.follow('acme:widgets', { name: 'one' });
    reader.follow('acme:widgets', { name: 'two' });
    reader.embedded('x')[0]?.follow('old');
    expect(seen).toEqual(['acme:widgets /widgets/2', 'old /o']);
  });

  it('returns hrefs as written without a base, and ignores an invalid base', () => {
    expect(readHal(document).follow('next')).toBe('/orders?page=2');
    expect(readHal(document, { base: 'not a url' }).follow('next')).toBe('/orders?page=2');
  });

  it('returns undefined when an href cannot be resolved', () => {
    expect(
      readHal({ _links: { x: { href: 'http://[' } } }, { base: 'https://a.test/' }).follow('x'),
    ).toBeUndefined();
  });

  it('parses json text and treats bad text as an empty resource', () => {
    expect(readHal(JSON.stringify(document)).self).toBe('/orders');
    expect(readHal('{nope').rels).toEqual([]);
    expect(readHal([1, 2]).state).toEqual({});
  });

  it('lets embedded curies override inherited ones', () => {
    const reader = readHal({
      _links: { curies: [{ name: 'a', href: '/one/{rel}' }] },
      _embedded: { x: { _links: { curies: [{ name: 'a', href: '/two/{rel}' }] } } },
    });
    expect(reader.embedded('x')[0]?.expandCurie('a:r')).toBe('/two/r');
    expect(
      readHal({ _links: { curies: [{ name: 'a', href: '/{' }] } }).expandCurie('a:r'),
    ).toBeUndefined();
  });

  it('never throws on arbitrary json', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), (value, rel) => {
        const reader = readHal(value, { base: 'https://a.test/' });
        reader.links(rel);
        reader.follow(rel, { values: { x: 'y' } });
        reader.embedded(rel).forEach((child) => child.follow('self'));
        return Array.isArray(reader.rels);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on hal-shaped garbage', () => {
    const link = fc.oneof(
      fc.record({ href: fc.string(), templated: fc.boolean(), name: fc.string() }),
      fc.jsonValue(),
    );
    const doc = fc.record({
      _links: fc.dictionary(
        fc.constantFrom('self', 'curies', 'a:b', 'x'),
        fc.oneof(link, fc.array(link)),
      ),
      _embedded: fc.dictionary(fc.string(), fc.jsonValue()),
      _templates: fc.jsonValue(),
    });
    fc.assert(
      fc.property(doc, (value) => {
        const reader = readHal(value, { base: 'https://a.test/' });
        for (const rel of ['self', 'a:b', 'x', 'curies'])
          reader.follow(rel, { values: { a: '1' } });
        return typeof reader.templates === 'object';
      }),
      { numRuns: 300 },
    );
  });
});

describe('builder → json → reader', () => {
  it('round-trips links, embedded resources, curies and templates', () => {
    const hal = createHal({
      curies: [{ name: 'acme', href: 'https://docs.acme.test/rels/{rel}' }],
    });
    const built = hal
      .resource({ title: 'Blog', count: 2 }, '/blogs/7')
      .link('posts', '/blogs/7/posts{?page}')
      .link('author', { href: '/users/1', title: 'Ann' })
      .embed('posts', [hal.resource({ id: 1 }, '/posts/1'), hal.resource({ id: 2 }, '/posts/2')])
      .template('default', { method: 'PUT', properties: [{ name: 'title', required: true }] });
    const reader = readHal<{ title: string; count: number }>(JSON.parse(JSON.stringify(built)));
    expect(reader.state).toEqual({ title: 'Blog', count: 2 });
    expect(reader.self).toBe('/blogs/7');
    expect(reader.follow('acme:posts', { values: { page: 2 } })).toBe('/blogs/7/posts?page=2');
    expect(reader.link('author')).toEqual({ href: '/users/1', title: 'Ann' });
    expect(reader.embedded<{ id: number }>('acme:posts').map((post) => post.state.id)).toEqual([
      1, 2,
    ]);
    expect(reader.embedded('acme:posts')[1]?.self).toBe('/posts/2');
    expect(reader.templates.default?.method).toBe('PUT');
  });

  it('round-trips any state and link set', () => {
    const rel = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.jsonValue()),
        fc.dictionary(rel, fc.array(fc.webPath(), { minLength: 1, maxLength: 3 })),
        (state, links) => {
          let builder = halResource(state, '/self');
          for (const [name, hrefs] of Object.entries(links)) builder = builder.link(name, hrefs);
          const reader = readHal(JSON.parse(JSON.stringify(builder)));
          expect(reader.state).toEqual(JSON.parse(JSON.stringify(state)));
          for (const [name, hrefs] of Object.entries(links)) {
            if (name === 'self') continue;
            expect(reader.links(name).map((link) => link.href)).toEqual(hrefs);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
