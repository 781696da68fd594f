import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatLinkHeader,
  MAX_LINK_HEADER_LENGTH,
  MAX_LINK_PARAMETERS,
  MAX_LINKS,
  parseLinkHeader,
  type WebLinkInit,
} from './link-header.js';

describe('parseLinkHeader: rfc 8288 §3.5 examples', () => {
  it('reads a quoted title', () => {
    expect(
      parseLinkHeader(
        '<http://example.com/TheBook/chapter2>; rel="previous"; title="previous chapter"',
      ),
    ).toEqual([
      {
        href: 'http://example.com/TheBook/chapter2',
        rel: ['previous'],
        title: 'previous chapter',
        parameters: {},
      },
    ]);
  });

  it('reads an extension relation type', () => {
    expect(parseLinkHeader('</>; rel="http://example.net/foo"')).toEqual([
      { href: '/', rel: ['http://example.net/foo'], parameters: {} },
    ]);
  });

  it('reads an anchor', () => {
    expect(parseLinkHeader('</terms>; rel="copyright"; anchor="#foo"')).toEqual([
      { href: '/terms', rel: ['copyright'], anchor: '#foo', parameters: {} },
    ]);
  });

  it('decodes title* (rfc 8187) in utf-8 with a language', () => {
    const links = parseLinkHeader(
      '</TheBook/chapter2>; rel="previous"; title*=UTF-8\'de\'letztes%20Kapitel, ' +
        '</TheBook/chapter4>; rel="next"; title*=UTF-8\'de\'n%c3%a4chstes%20Kapitel',
    );
    expect(links.map(({ title, titleLanguage }) => [title, titleLanguage])).toEqual([
      ['letztes Kapitel', 'de'],
      ['nächstes Kapitel', 'de'],
    ]);
  });

  it('reads several relation types in one rel', () => {
    expect(
      parseLinkHeader('<http://example.org/>; rel="start http://example.net/relation/other"')[0]
        ?.rel,
    ).toEqual(['start', 'http://example.net/relation/other']);
  });

  it('reads several links', () => {
    expect(
      parseLinkHeader(
        '<https://example.org/>; rel="start", <https://example.org/index>; rel="index"',
      ),
    ).toEqual([
      { href: 'https://example.org/', rel: ['start'], parameters: {} },
      { href: 'https://example.org/index', rel: ['index'], parameters: {} },
    ]);
  });
});

describe('parseLinkHeader', () => {
  it('reads token values, lower-cases names and rels, keeps the first rel', () => {
    expect(parseLinkHeader('</a>;REL=Next;rel=prev;Foo=Bar;type=text/html;media=screen')).toEqual([
      {
        href: '/a',
        rel: ['next'],
        type: 'text/html',
        media: 'screen',
        parameters: { foo: 'Bar' },
      },
    ]);
  });

  it('prefers title* over title whatever the order', () => {
    expect(parseLinkHeader("</a>; rel=x; title*=UTF-8''%E2%82%AC; title=EUR")[0]?.title).toBe('€');
  });

  it('decodes iso-8859-1 ext-values and other name* parameters', () => {
    expect(parseLinkHeader("</a>; rel=x; title*=iso-8859-1'en'%A3%20rates")[0]?.title).toBe(
      '£ rates',
    );
    expect(parseLinkHeader("</a>; rel=x; note*=UTF-8''caf%C3%A9")[0]?.parameters).toEqual({
      'note*': 'café',
    });
  });

  it.each([
    ["title*=UTF-16''%00a", 'an unsupported charset'],
    ["title*=UTF-8''%C3", 'invalid utf-8'],
    ["title*=UTF-8''%zz", 'a bad pct-triplet'],
    ['title*=nope', 'no quotes'],
    ['title*="UTF-8\'\'a b"', 'a space'],
  ])('ignores title* with %s', (parameter) => {
    expect(parseLinkHeader(`</a>; rel=x; ${parameter}`)[0]).toEqual({
      href: '/a',
      rel: ['x'],
      parameters: {},
    });
  });

  it('collects every hreflang', () => {
    expect(parseLinkHeader('</a>; rel=alternate; hreflang=de; hreflang="fr"')[0]?.hreflang).toEqual(
      ['de', 'fr'],
    );
  });

  it('unescapes quoted-pairs and keeps commas and semicolons inside quotes', () => {
    expect(parseLinkHeader('</a>; rel=x; title="a \\"b\\", c; d", </b>; rel=y')).toEqual([
      { href: '/a', rel: ['x'], title: 'a "b", c; d', parameters: {} },
      { href: '/b', rel: ['y'], parameters: {} },
    ]);
  });

  it('keeps commas inside the uri reference', () => {
    expect(parseLinkHeader('</a,b>; rel=x')[0]?.href).toBe('/a,b');
  });

  it('reads a parameter without a value as empty', () => {
    expect(parseLinkHeader('</a>; rel=x; crossorigin')[0]?.parameters).toEqual({ crossorigin: '' });
  });

  it.each([
    [null],
    [undefined],
    [''],
    ['garbage'],
    ['</a>'],
    ['</a>; rel=""'],
    ['</a; rel=x'],
    ['</a>; rel="x'],
    [',,, ,'],
  ])('returns nothing usable for %j', (value) => {
    expect(parseLinkHeader(value)).toEqual([]);
  });

  it('skips a malformed member and goes on with the next', () => {
    expect(parseLinkHeader('junk "with, quotes", </a> junk, </b>; rel=next')).toEqual([
      { href: '/b', rel: ['next'], parameters: {} },
    ]);
  });

  it(`keeps at most ${MAX_LINKS} links`, () => {
    const value = Array.from({ length: MAX_LINKS + 10 }, (_, i) => `</${i}>; rel=item`).join(', ');
    expect(parseLinkHeader(value)).toHaveLength(MAX_LINKS);
  });

  it(`keeps at most ${MAX_LINK_PARAMETERS} parameters per link`, () => {
    const params = Array.from({ length: 40 }, (_, i) => `; p${i}=v`).join('');
    const [link] = parseLinkHeader(`</a>; rel=x${params}`);
    expect(Object.keys(link?.parameters ?? {})).toHaveLength(MAX_LINK_PARAMETERS - 1);
  });

  it(`reads only the first ${MAX_LINK_HEADER_LENGTH} characters`, () => {
    const padding = ' '.repeat(MAX_LINK_HEADER_LENGTH);
    expect(parseLinkHeader(`${padding}</a>; rel=x`)).toEqual([]);
  });

  it('never throws and keeps only links with a relation type', () => {
    const fragments = fc.constantFrom(
      '<',
      '>',
      ';',
      ',',
      '=',
      '"',
      '\\',
      ' ',
      'rel',
      'a',
      '*',
      "'",
      '%',
    );
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.array(fragments, { maxLength: 40 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(text, (value) => {
        const links = parseLinkHeader(value);
        return links.every((link) => link.rel.length > 0 && typeof link.href === 'string');
      }),
      { numRuns: 1000 },
    );
  });
});

describe('formatLinkHeader', () => {
  it('serialises one link with quoted rel and token or quoted parameters', () => {
    expect(
      formatLinkHeader({ href: '/posts?page=2', rel: 'next', type: 'application/hal+json' }),
    ).toBe('</posts?page=2>; rel="next"; type="application/hal+json"');
  });

  it('serialises several rels, anchor, hreflang, media and extensions', () => {
    expect(
      formatLinkHeader({
        href: '/a',
        rel: ['start', 'http://example.net/relation/other'],
        anchor: '#x',
        hreflang: ['de', 'fr'],
        media: 'screen',
        parameters: { foo: 'bar baz', 'note*': 'café', 'bad name': 'x', other: 'Ünïcode' },
      }),
    ).toBe(
      '</a>; rel="start http://example.net/relation/other"; anchor="#x"; hreflang=de; ' +
        'hreflang=fr; media=screen; foo="bar baz"; note*=UTF-8\'\'caf%C3%A9; ' +
        "other*=UTF-8''%C3%9Cn%C3%AFcode",
    );
  });

  it('sends non-ascii or language-tagged titles as title*', () => {
    expect(formatLinkHeader({ href: '/c4', rel: 'next', title: 'nächstes Kapitel' })).toBe(
      '</c4>; rel="next"; title*=UTF-8\'\'n%C3%A4chstes%20Kapitel',
    );
    expect(
      formatLinkHeader({ href: '/c4', rel: 'next', title: 'chapter', titleLanguage: 'en' }),
    ).toBe('</c4>; rel="next"; title*=UTF-8\'en\'chapter');
  });

  it('pct-encodes characters that may not appear in a uri', () => {
    expect(formatLinkHeader({ href: '/a b>c', rel: 'x' })).toBe('</a%20b%3Ec>; rel="x"');
  });

  it('takes links by relation type, as in hal _links, in the order given', () => {
    expect(
      formatLinkHeader({
        self: '/a?o=0',
        next: { href: '/a?o=20', title: 'Next page', type: 'application/hal+json' },
        prev: undefined,
        item: [{ href: '/items/1' }, '/items/2'],
        alternate: { href: '/a.html', hreflang: 'en', name: 'html', profile: '/p' },
      }),
    ).toBe(
      '</a?o=0>; rel="self", </a?o=20>; rel="next"; title="Next page"; ' +
        'type="application/hal+json", </items/1>; rel="item", </items/2>; rel="item", ' +
        '</a.html>; rel="alternate"; hreflang=en',
    );
  });

  it('serialises a hal link object given with its rel', () => {
    expect(formatLinkHeader([{ href: '/u/3', rel: 'author', title: 'Roy' }])).toBe(
      '</u/3>; rel="author"; title=Roy',
    );
  });

  it('returns an empty string without links', () => {
    expect(formatLinkHeader([])).toBe('');
    expect(formatLinkHeader({})).toBe('');
    expect(formatLinkHeader({ next: undefined })).toBe('');
  });

  it('pct-encodes what cannot stand in a uri-reference, lone surrogates as u+fffd', () => {
    expect(formatLinkHeader({ self: '/a b>c"é\ud800%zz%41' })).toBe(
      '</a%20b%3Ec%22%C3%A9%EF%BF%BD%25zz%41>; rel="self"',
    );
    expect(formatLinkHeader({ href: '/a', rel: 'x', anchor: '#a b' })).toBe(
      '</a>; rel="x"; anchor="#a%20b"',
    );
  });

  it('takes several relation types as a list or a space-separated string', () => {
    expect(formatLinkHeader({ href: '/a', rel: 'next  last' })).toBe('</a>; rel="next last"');
    expect(formatLinkHeader({ href: '/a', rel: ['next', 'acme:widgets'] })).toBe(
      '</a>; rel="next acme:widgets"',
    );
  });

  it.each([
    ['an empty rel', { href: '/a', rel: '' }],
    ['an empty rel list', { href: '/a', rel: [] }],
    ['a quote in a rel', { href: '/a', rel: 'ne"xt' }],
    ['a comma in a rel', { href: '/a', rel: 'next,last' }],
    ['a control character in a rel', { href: '/a', rel: 'next\r\nSet-Cookie: a=b' }],
    ['a non-ascii rel', { href: '/a', rel: 'nächste' }],
    ['a relative uri as rel', { href: '/a', rel: '/rels/x' }],
    [
      'a title language that is no language tag',
      { href: '/a', rel: 'x', title: 'T', titleLanguage: "en'" },
    ],
    ['a media type with a line break', { href: '/a', rel: 'x', type: 'text/html\r\nX: y' }],
  ] as [string, WebLinkInit][])('refuses %s', (_, link) => {
    expect(() => formatLinkHeader(link)).toThrow(TypeError);
  });

  it('refuses a templated link: a link target is a uri, not a template', () => {
    expect(() => formatLinkHeader({ find: { href: '/o{?id}', templated: true } })).toThrow(
      /templated/,
    );
  });

  it('writes only what a field value may hold, whatever the input (fast-check)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    const link = fc.record(
      {
        href: text,
        rel: fc.constantFrom('next', 'http://example.net/rel', 'a b'),
        anchor: text,
        title: text,
        parameters: fc.dictionary(fc.stringMatching(/^[a-z]{1,5}\*?$/), text, { maxKeys: 3 }),
      },
      { requiredKeys: ['href', 'rel'] },
    );
    fc.assert(
      fc.property(fc.array(link, { maxLength: 4 }), (links) => {
        const value = formatLinkHeader(links);
        // Visible ASCII and spaces only: a Headers object takes it, and it cannot split the field.
        expect(value).toMatch(/^[\x20-\x7e]*$/);
        expect(new Headers({ Link: value }).get('Link')).toBe(value);
        const parsed = parseLinkHeader(value);
        expect(parsed).toHaveLength(links.length);
        parsed.forEach((result, index) => {
          expect(result.title).toBe(links[index]?.title);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips through parseLinkHeader', () => {
    const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    const link = fc.record(
      {
        href: fc.webUrl(),
        rel: fc.uniqueArray(token, { minLength: 1, maxLength: 3 }),
        anchor: fc.constantFrom('#a', '/b'),
        title: fc.string({ maxLength: 20 }),
        type: fc.constantFrom('text/html', 'application/hal+json'),
        parameters: fc.dictionary(token, fc.string({ maxLength: 10 }), { maxKeys: 3 }),
      },
      { requiredKeys: ['href', 'rel'] },
    );
    fc.assert(
      fc.property(fc.array(link, { minLength: 1, maxLength: 4 }), (links) => {
        const reserved = new Set(['rel', 'anchor', 'title', 'type', 'media', 'hreflang']);
        const cleaned: WebLinkInit[] = links.map((item) => ({
          ...item,
          parameters: Object.fromEntries(
            Object.entries(item.parameters ?? {}).filter(([name]) => !reserved.has(name)),
          ),
        }));
        const parsed = parseLinkHeader(formatLinkHeader(cleaned));
        expect(parsed).toHaveLength(cleaned.length);
        parsed.forEach((result, index) => {
          const source = cleaned[index] as WebLinkInit;
          expect(result.href).toBe(source.href);
          expect(result.rel).toEqual(source.rel);
          expect(result.title).toBe(source.title);
          expect(result.anchor).toBe(source.anchor);
          expect(result.type).toBe(source.type);
          expect(result.parameters).toEqual(source.parameters);
        });
      }),
      { numRuns: 300 },
    );
  });
});
