import { MAX_LIST_MEMBERS, MAX_PARAMETERS } from '@fielding/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstMembers } from '../src/_bounded-list.js';
import {
  explainCharsets,
  explainEncodings,
  explainLanguages,
  explainMediaTypes,
} from '../src/_explain.js';
import { lookupLanguages } from '../src/_lookup.js';
import { prepareMediaTypes, rankMediaTypes } from '../src/_media-ranges.js';
import { decide } from '../src/_memo.js';
import type { NegotiationField } from '../src/decision.js';
import {
  isCompressible,
  matchesMediaType,
  negotiate,
  negotiateLanguage,
  negotiateMediaType,
  parseMediaType,
} from '../src/index.js';

// Header values: any text a Headers object accepts (Latin-1 without CR, LF or NUL).
const headerText = fc
  .string({ unit: fc.nat(255).map((code) => String.fromCharCode(code)), maxLength: 120 })
  .map((text) => text.replace(/[\r\n\0]/gu, ' '));
const headerish = fc.oneof(
  headerText,
  fc
    .array(
      fc.tuple(
        fc.constantFrom('text', 'application', '*', 'en', 'de-CH', 'gzip', '', ' '),
        fc.constantFrom('/', '/*', '/html', '/json', '-', '', '+json'),
        fc.constantFrom(
          '',
          ';q=0',
          ';q=0.5',
          ';q=1',
          ';q=2',
          ';q=',
          ';level=1',
          ';a="x,y"',
          '"',
          ';',
        ),
      ),
      { maxLength: 12 },
    )
    .map((members) => members.map((parts) => parts.join('')).join(',')),
);

const offers = {
  mediaTypes: ['application/json', 'application/hal+json', 'text/csv', 'text/html;level=1'],
  languages: ['en', 'de-CH', 'zh-Hant'],
  encodings: ['gzip', 'br', 'identity'],
  charsets: ['utf-8', 'iso-8859-1'],
};

describe('negotiation never throws', () => {
  it('on any accept-* header values', () => {
    fc.assert(
      fc.property(
        headerish,
        headerish,
        headerish,
        headerish,
        (accept, language, encoding, charset) => {
          const headers = new Headers({
            Accept: accept,
            'Accept-Language': language,
            'Accept-Encoding': encoding,
            'Accept-Charset': charset,
          });
          const result = negotiate(headers, offers);
          for (const decision of Object.values(result.decisions)) {
            // Reading the verdicts runs the explanation parser too.
            expect(decision.verdicts).toHaveLength(decision.verdicts.length);
            expect(decision.q).toBeGreaterThanOrEqual(0);
            expect(decision.q).toBeLessThanOrEqual(1);
            if (decision.choice !== undefined) expect(decision.ranked[0]).toBe(decision.choice);
          }
          expect([...offers.mediaTypes, undefined]).toContain(result.mediaType);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('chooses a variant the explanation calls acceptable', () => {
    fc.assert(
      fc.property(headerish, (accept) => {
        const decision = negotiateMediaType(new Headers({ Accept: accept }), offers.mediaTypes);
        const chosen = decision.verdicts.filter((verdict) => verdict.outcome === 'chosen');
        expect(chosen).toHaveLength(decision.choice === undefined ? 0 : 1);
      }),
      { numRuns: 500 },
    );
  });

  it('on any media type text', () => {
    fc.assert(
      fc.property(headerText, headerText, (type, pattern) => {
        parseMediaType(type);
        isCompressible(type);
        expect(typeof matchesMediaType(type, pattern)).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});

// Super-linear behaviour is ruled out structurally (eslint-plugin-regexp forbids backtracking
// regexes; the scanners are single passes). These adversarial inputs, hundreds of kilobytes
// long, would take minutes through a quadratic path; they must simply finish.
describe('adversarial headers finish', () => {
  const size = 200_000;
  it.each([
    ['many members', 'a/b;q=0.1,'.repeat(size / 10)],
    ['one long parameter list', `text/html${';a=b'.repeat(size / 4)}`],
    ['an unterminated quote', `text/html;a="${'\\"'.repeat(size / 2)}`],
    ['only separators', ',;'.repeat(size / 2)],
    ['a long token', `${'a'.repeat(size)}/b`],
  ])('accept with %s', (_name, header) => {
    const decision = negotiateMediaType(new Headers({ Accept: header }), offers.mediaTypes);
    expect(decision.verdicts).toHaveLength(offers.mediaTypes.length);
  });

  it.each([
    ['many subtags', `${'x-'.repeat(size / 2)}en`],
    ['many ranges', 'en-GB-oxendict;q=0.5,'.repeat(size / 21)],
  ])('accept-language with %s', (_name, header) => {
    const decision = negotiateLanguage(
      new Headers({ 'Accept-Language': header }),
      offers.languages,
    );
    expect(decision.verdicts).toHaveLength(offers.languages.length);
  });
});

// Every header parser of the package, on any input: never throws, answers the same twice, and
// keeps no more than its bound (issue: huge hostile headers).
describe('header parsers are total, deterministic and bounded', () => {
  // Up to ~3,000 members, so the MAX_LIST_MEMBERS bound is crossed.
  const longList = fc
    .tuple(headerish, fc.integer({ min: 1, max: 300 }))
    .map(([member, count]) => `${member},`.repeat(count));
  const anyHeader = fc.oneof(headerish, longList);
  const variants = fc.array(
    fc.oneof(
      fc.constantFrom(...offers.mediaTypes, ...offers.languages, ...offers.encodings, '*'),
      headerText,
    ),
    { maxLength: 6 },
  );
  const fields: NegotiationField[] = [
    'Accept',
    'Accept-Language',
    'Accept-Encoding',
    'Accept-Charset',
  ];

  it('firstMembers', () => {
    fc.assert(
      fc.property(anyHeader, (header) => {
        const bounded = firstMembers(header);
        expect(firstMembers(header)).toEqual(bounded);
        expect(bounded.members).toBeLessThanOrEqual(MAX_LIST_MEMBERS);
        expect(bounded.value.length).toBeLessThanOrEqual(header.length);
      }),
      { numRuns: 300 },
    );
  });

  it('rankMediaTypes', () => {
    fc.assert(
      fc.property(anyHeader, variants, (header, available) => {
        const ranked = rankMediaTypes(header, available, prepareMediaTypes(available));
        expect(rankMediaTypes(header, available, prepareMediaTypes(available))).toEqual(ranked);
        if (ranked === undefined) return;
        expect(ranked.length).toBeLessThanOrEqual(available.length);
        for (const type of ranked) expect(available).toContain(type);
      }),
      { numRuns: 300 },
    );
  });

  it('lookupLanguages', () => {
    fc.assert(
      fc.property(anyHeader, variants, (header, available) => {
        const result = lookupLanguages(header, available);
        expect(lookupLanguages(header, available)).toEqual(result);
        const tags = result.matches.map((match) => match.tag);
        expect(new Set(tags).size).toBe(tags.length);
        expect(tags.length).toBeLessThanOrEqual(available.length);
        for (const tag of tags) expect(available).toContain(tag);
        expect(result.excluded.size).toBeLessThanOrEqual(MAX_LIST_MEMBERS);
      }),
      { numRuns: 300 },
    );
  });

  it.each(fields)('the %s explainer', (field) => {
    const explain = {
      Accept: explainMediaTypes,
      'Accept-Language': explainLanguages,
      'Accept-Encoding': explainEncodings,
      'Accept-Charset': explainCharsets,
    }[field];
    fc.assert(
      fc.property(fc.option(anyHeader), variants, (header, available) => {
        const weights = explain(header, available);
        expect(explain(header, available)).toEqual(weights);
        expect(weights).toHaveLength(available.length);
        for (const { q } of weights) {
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it.each(fields)('negotiation of %s', (field) => {
    fc.assert(
      fc.property(anyHeader, variants, (header, available) => {
        const decision = decide(field, header, available);
        // Headers over MAX_CACHED_HEADER_LENGTH (most of `longList`) are negotiated again.
        const again = decide(field, header, [...available]);
        expect(JSON.stringify(again)).toBe(JSON.stringify(decision));
        expect(decision.ranked.length).toBeLessThanOrEqual(available.length + 1);
        for (const value of decision.ranked) expect(available).toContain(value);
      }),
      { numRuns: 200 },
    );
  });

  it('parseMediaType', () => {
    fc.assert(
      fc.property(anyHeader, (value) => {
        const parsed = parseMediaType(value);
        expect(parseMediaType(value)).toEqual(parsed);
        if (parsed === undefined) return;
        expect(parsed.essence).toBe(`${parsed.type}/${parsed.subtype}`);
        expect(Object.keys(parsed.parameters).length).toBeLessThanOrEqual(MAX_PARAMETERS);
      }),
      { numRuns: 500 },
    );
  });
});
