// Shapes from draft-kelly-json-hal-11, built with the builder and compared with the draft's
// own examples (deep equality, key order included), then read back with the reader.
import { describe, expect, it } from 'vitest';
import { createHal, halResource, readHal, type HalResource } from '../../src/index.js';

// §6 "Example Document"
const ordersExample = {
  _links: {
    self: { href: '/orders' },
    next: { href: '/orders?page=2' },
    find: { href: '/orders{?id}', templated: true },
  },
  _embedded: {
    orders: [
      {
        _links: {
          self: { href: '/orders/123' },
          basket: { href: '/baskets/98712' },
          customer: { href: '/customers/7809' },
        },
        total: 30.0,
        currency: 'USD',
        status: 'shipped',
      },
      {
        _links: {
          self: { href: '/orders/124' },
          basket: { href: '/baskets/97213' },
          customer: { href: '/customers/12369' },
        },
        total: 20.0,
        currency: 'USD',
        status: 'processing',
      },
    ],
  },
  currentlyProcessing: 14,
  shippedToday: 20,
};

// §8.2 "Link relations" (CURIEs)
const curiesExample = {
  _links: {
    self: { href: '/orders' },
    curies: [{ name: 'acme', href: 'http://docs.acme.com/relations/{rel}', templated: true }],
    'acme:widgets': { href: '/widgets' },
  },
};

const order = (id: number, basket: number, customer: number, total: number, status: string) =>
  halResource({ total, currency: 'USD', status }, `/orders/${id}`)
    .link('basket', `/baskets/${basket}`)
    .link('customer', `/customers/${customer}`);

const sortKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortKeys)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, sortKeys(v)]),
        )
      : value;

describe('draft-kelly-json-hal-11', () => {
  it('§6 example document: builds the same json', () => {
    const built = halResource({ currentlyProcessing: 14, shippedToday: 20 }, '/orders')
      .link('next', '/orders?page=2')
      .link('find', '/orders{?id}')
      .embed('orders', [
        order(123, 98712, 7809, 30, 'shipped'),
        order(124, 97213, 12369, 20, 'processing'),
      ])
      .toJSON();
    expect(sortKeys(built)).toEqual(sortKeys(ordersExample));
    expect(Object.keys(built._links)).toEqual(Object.keys(ordersExample._links));
  });

  it('§6 example document: the reader follows it', () => {
    const reader = readHal(ordersExample, { base: 'https://shop.test/' });
    expect(reader.state).toEqual({ currentlyProcessing: 14, shippedToday: 20 });
    expect(reader.follow('find', { values: { id: 123 } })).toBe('https://shop.test/orders?id=123');
    expect(reader.embedded('orders').map((o) => o.follow('customer'))).toEqual([
      'https://shop.test/customers/7809',
      'https://shop.test/customers/12369',
    ]);
  });

  it('§8.2 curies: builds the same json with automatic prefixing', () => {
    const hal = createHal({
      curies: [{ name: 'acme', href: 'http://docs.acme.com/relations/{rel}' }],
    });
    const built = hal.resource({}, '/orders').link('widgets', '/widgets').toJSON();
    expect(built).toEqual(curiesExample);
    expect(JSON.stringify(built)).toBe(JSON.stringify(curiesExample));
  });

  it('§8.2 curies: the reader resolves the curie to its documentation uri', () => {
    const reader = readHal(curiesExample);
    expect(reader.expandCurie('acme:widgets')).toBe('http://docs.acme.com/relations/widgets');
    expect(reader.follow('http://docs.acme.com/relations/widgets')).toBe('/widgets');
  });

  it('§4.1.1 / §4.1.2: _links and _embedded are objects keyed by rel, never bare arrays', () => {
    const built: HalResource = halResource({}, '/l').embed('items', []).link('item', []).toJSON();
    expect(Array.isArray(built._links)).toBe(false);
    expect(Array.isArray(built._embedded)).toBe(false);
    expect(built._embedded).toEqual({ items: [] });
  });

  it('§5 link object: every attribute survives a round trip', () => {
    const link = {
      href: '/a{?b}',
      templated: true,
      type: 'application/hal+json',
      deprecation: 'https://d.test/why',
      name: 'n',
      profile: 'https://p.test/profile',
      title: 'T',
      hreflang: 'en',
    };
    const json = JSON.parse(JSON.stringify(halResource({}, '/').link('x', link)));
    expect(readHal(json).link('x')).toEqual(link);
  });
});
