import fc from 'fast-check';
import { parse as plainParse } from 'uri-template';
import { describe, expect, it } from 'vitest';
import {
  ExpansionError,
  expandUriTemplate,
  isUriTemplate,
  parseUriTemplate,
  UriTemplateError,
} from './uri-template.js';

describe('parseUriTemplate', () => {
  it('lists variables once, in order', () => {
    expect(parseUriTemplate('/a/{x}{/y,x}{?z*}').variables).toEqual(['x', 'y', 'z']);
  });

  it('keeps the template text', () => {
    expect(parseUriTemplate('/articles{?pageIndex,pageSize}').template).toBe(
      '/articles{?pageIndex,pageSize}',
    );
  });

  it('expands with no values to the bare path', () => {
    expect(parseUriTemplate('/articles{?pageIndex,pageSize}').expand()).toBe('/articles');
  });

  it.each([
    ['{a', 0, 'unclosed expression'],
    ['/a}', 2, 'not allowed in a literal'],
    ['{var:0}', 5, 'prefix length'],
    ['{x.}', 2, "ends with '.'"],
    ['{=x}', 1, 'reserved'],
    ['{}', 1, 'empty expression'],
    ['a%zz', 1, 'hex digits'],
    ['{a%2}', 2, 'hex digits'],
    ['{a b}', 2, 'unexpected'],
    ['{,a}', 1, 'reserved'],
    ['{+}', 2, 'expected a variable name'],
    ['a\u0080', 1, 'not allowed'],
  ])('rejects %j at index %i', (template, index, message) => {
    const error = (() => {
      try {
        parseUriTemplate(template);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UriTemplateError);
    expect(error).toMatchObject({ name: 'UriTemplateError', index, template });
    expect((error as Error).message).toContain(message);
  });

  it('keeps a template from its second parse on and hands back the same frozen result', () => {
    parseUriTemplate('/cached{?page}');
    const kept = parseUriTemplate('/cached{?page}');
    expect(parseUriTemplate('/cached{?page}')).toBe(kept);
    expect(Object.isFrozen(kept)).toBe(true);
    expect(Object.isFrozen(kept.variables)).toBe(true);
    expect(kept.expand({ page: 2 })).toBe('/cached?page=2');
  });

  it('counts prefixes in code points and encodes them as utf-8 (rfc 6570 §2.4.1, §1.6)', () => {
    // encodeURIComponent leaves !'()* alone; RFC 6570 unreserved does not include them.
    const oracle = (text: string): string =>
      encodeURIComponent(text).replace(
        /[!'()*]/g,
        (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
      );
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 12 }),
        fc.integer({ min: 1, max: 20 }),
        (text, length) => {
          const expected = oracle(Array.from(text).slice(0, length).join(''));
          expect(expandUriTemplate(`{x:${length}}`, { x: text })).toBe(expected);
          expect(expandUriTemplate(`{?x:${length}}`, { x: text })).toBe(
            text === '' ? '?x=' : `?x=${expected}`,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts non-ascii and private-use literals and encodes them as utf-8', () => {
    expect(parseUriTemplate('/😀\uE000{x}').expand({ x: 1 })).toBe('/%F0%9F%98%80%EE%80%801');
  });

  it('encodes lone surrogates in values as u+fffd', () => {
    expect(expandUriTemplate('{x}', { x: '\uD800' })).toBe('%EF%BF%BD');
  });

  it('expands booleans and numbers as text', () => {
    expect(expandUriTemplate('{?a,b,c}', { a: true, b: 0, c: 1.5 })).toBe('?a=true&b=0&c=1.5');
  });

  it('skips undefined and null list members and map values', () => {
    expect(expandUriTemplate('{?l,m*}', { l: ['a', null, 'b'], m: { k: null, j: 'v' } })).toBe(
      '?l=a,b&j=v',
    );
  });

  it('treats non-value inputs such as functions as undefined', () => {
    expect(expandUriTemplate('{a}', { a: (() => 'x') as unknown as string })).toBe('');
  });

  it('refuses a prefix on a list (rfc 6570 §2.4.1)', () => {
    expect(() => expandUriTemplate('{list:2}', { list: ['a'] })).toThrow(ExpansionError);
  });

  it('ignores inherited properties of the values object', () => {
    const values = Object.create({ x: 'inherited' }) as Record<string, string>;
    expect(expandUriTemplate('{x}', values)).toBe('');
  });

  it('fixes the %2f double encoding of plain uri-template in reserved expansion', () => {
    const values = { id: 'admin%2F' };
    expect(plainParse('{+id}').expand(values)).toBe('admin%252F');
    expect(expandUriTemplate('{+id}', values)).toBe('admin%2F');
  });
});

describe('expandUriTemplate', () => {
  it('keeps the "/" of a defined empty value (rfc 6570 appendix a), unlike uri-template', () => {
    expect(plainParse('{/x}').expand({ x: '' })).toBe('');
    expect(expandUriTemplate('{/x}', { x: '' })).toBe('/');
  });

  it('caches parsed templates and still expands each call afresh', () => {
    for (let index = 0; index < 300; index++) {
      expect(expandUriTemplate(`/n${index}{?q}`, { q: index })).toBe(`/n${index}?q=${index}`);
    }
    expect(expandUriTemplate('/n0{?q}', { q: 'again' })).toBe('/n0?q=again');
  });
});

describe('isUriTemplate', () => {
  it('answers for valid and invalid templates', () => {
    expect(isUriTemplate('/a{?b}')).toBe(true);
    expect(isUriTemplate('/a{?b')).toBe(false);
  });

  it('never throws, and parseUriTemplate only throws UriTemplateError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const valid = isUriTemplate(text);
        try {
          parseUriTemplate(text).expand({ a: 'x', b: ['1', '2'], c: { k: 'v' } });
          return valid;
        } catch (error) {
          return error instanceof UriTemplateError
            ? !valid
            : error instanceof ExpansionError && valid;
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with uri-template on valid level 1-3 templates built from the grammar', () => {
    const name = fc.constantFrom('a', 'b', 'c');
    const expression = fc
      .tuple(fc.constantFrom('', '.', '/', ';', '?', '&'), fc.uniqueArray(name, { minLength: 1 }))
      .map(([operator, names]) => `{${operator}${names.join(',')}}`);
    const template = fc
      .array(fc.oneof(expression, fc.constantFrom('x', '/', '-')), { maxLength: 5 })
      .map((parts) => parts.join(''));
    // Non-empty: for an empty string uri-template drops `{/x}` entirely (see the next test).
    const value = fc.oneof(
      fc.constant(undefined),
      fc.string({ unit: 'grapheme-ascii', minLength: 1 }),
    );
    fc.assert(
      fc.property(template, fc.record({ a: value, b: value, c: value }), (text, values) => {
        const defined = Object.fromEntries(
          Object.entries(values).filter(([, v]) => v !== undefined),
        );
        expect(parseUriTemplate(text).expand(defined)).toBe(plainParse(text).expand(defined));
      }),
      { numRuns: 500 },
    );
  });
});
