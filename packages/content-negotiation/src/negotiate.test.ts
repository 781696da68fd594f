import { MAX_LIST_MEMBERS } from '@fielding/core';
import { describe, expect, it } from 'vitest';
import { firstMembers } from './_bounded-list.js';
import { MAX_CACHED_HEADER_LENGTH } from './limits.js';
import {
  negotiate,
  negotiateCharset,
  negotiateEncoding,
  negotiateLanguage,
  negotiateMediaType,
} from './negotiate.js';

describe('negotiateMediaType', () => {
  it('reads the accept header of a request', () => {
    const request = new Request('https://api.test/', { headers: { Accept: 'text/csv' } });
    expect(negotiateMediaType(request, ['application/json', 'text/csv']).choice).toBe('text/csv');
  });

  it('explains why each variant lost', () => {
    const decision = negotiateMediaType(
      new Headers({ Accept: 'application/json, text/*;q=0.5, text/html;q=0' }),
      ['text/csv', 'application/json', 'text/html', 'image/png'],
    );
    expect(decision.field).toBe('Accept');
    expect(decision.header).toBe('application/json, text/*;q=0.5, text/html;q=0');
    expect(decision.choice).toBe('application/json');
    expect(decision.ranked).toEqual(['application/json', 'text/csv']);
    expect(decision.q).toBe(1);
    expect(decision.verdicts).toEqual([
      { value: 'text/csv', q: 0.5, range: 'text/*', outcome: 'outranked' },
      { value: 'application/json', q: 1, range: 'application/json', outcome: 'chosen' },
      { value: 'text/html', q: 0, range: 'text/html', outcome: 'excluded' },
      { value: 'image/png', q: 0, range: undefined, outcome: 'unmatched' },
    ]);
  });

  it('serialises a decision with its verdicts', () => {
    const decision = negotiateMediaType(new Headers({ Accept: 'text/csv' }), ['text/csv']);
    expect(JSON.parse(JSON.stringify(decision))).toEqual({
      field: 'Accept',
      header: 'text/csv',
      choice: 'text/csv',
      ranked: ['text/csv'],
      q: 1,
      verdicts: [{ value: 'text/csv', q: 1, range: 'text/csv', outcome: 'chosen' }],
    });
  });

  it('matches range parameters against variant parameters', () => {
    const decision = negotiateMediaType(new Headers({ Accept: 'text/html;level=1' }), [
      'text/html',
      'text/html;level=1',
    ]);
    expect(decision.choice).toBe('text/html;level=1');
    expect(decision.verdicts[0]?.outcome).toBe('unmatched');
  });

  it('treats an invalid variant as never acceptable in the explanation', () => {
    const decision = negotiateMediaType(new Headers({ Accept: '*/*' }), ['not a type']);
    expect(decision.verdicts[0]?.q).toBe(0);
  });

  it('ignores ranges without a slash', () => {
    const decision = negotiateMediaType(new Headers({ Accept: 'html, text/csv;q=0.1' }), [
      'text/csv',
    ]);
    expect(decision.verdicts[0]).toMatchObject({ range: 'text/csv', q: 0.1 });
  });

  it('returns the memoised decision for a header seen before', () => {
    const available = ['application/json', 'text/html'];
    const first = negotiateMediaType(new Headers({ Accept: 'text/html' }), available);
    const second = negotiateMediaType(new Headers({ Accept: 'text/html' }), [...available]);
    expect(second).toBe(first);
  });

  it('keys the memo on the variants too', () => {
    const one = negotiateMediaType(new Headers({ Accept: '*/*' }), ['text/html']);
    const other = negotiateMediaType(new Headers({ Accept: '*/*' }), ['text/csv']);
    expect(one.choice).toBe('text/html');
    expect(other.choice).toBe('text/csv');
  });

  it('does not memoise very long headers but still answers', () => {
    const long = `${'x/y;q=0.1, '.repeat(Math.ceil(MAX_CACHED_HEADER_LENGTH / 10))}text/html`;
    const first = negotiateMediaType(new Headers({ Accept: long }), ['text/html']);
    const second = negotiateMediaType(new Headers({ Accept: long }), ['text/html']);
    expect(first.choice).toBe('text/html');
    expect(second).not.toBe(first);
  });

  it('is unaffected by later changes to the variants array', () => {
    const available = ['text/html', 'text/csv'];
    const decision = negotiateMediaType(
      new Headers({ Accept: 'text/csv;q=0.1, text/html' }),
      available,
    );
    available[0] = 'image/png';
    expect(decision.verdicts.map((verdict) => verdict.value)).toEqual(['text/html', 'text/csv']);
  });
});

describe('memo', () => {
  it('notices a variants array that was changed in place', () => {
    const available = ['text/html', 'text/csv'];
    const headers = new Headers({ Accept: 'text/csv' });
    expect(negotiateMediaType(headers, available).choice).toBe('text/csv');
    available[1] = 'application/json';
    expect(negotiateMediaType(headers, available).choice).toBeUndefined();
  });

  it('stays correct past the number of remembered inline lists', () => {
    const headers = new Headers({ Accept: 'text/x-5, text/x-70;q=0.5' });
    for (let round = 0; round < 2; round++) {
      for (let index = 0; index < 80; index++) {
        const choice = negotiateMediaType(headers, [`text/x-${index}`, 'text/x-70']).choice;
        expect(choice).toBe(index === 5 ? 'text/x-5' : 'text/x-70');
      }
    }
  });

  // Found by the property test "negotiation of Accept-Encoding": lists were remembered by their
  // members joined with NUL, so [] and [''] (or ['a\0', 'b'] and ['a', '\0b']) shared decisions.
  it('keeps lists that join to the same text apart', () => {
    const encoding = new Headers({ 'Accept-Encoding': '*' });
    expect(negotiateEncoding(encoding, ['']).choice).toBe('');
    expect(negotiateEncoding(encoding, []).ranked).toEqual([]);
    const accept = new Headers({ Accept: 'text/html' });
    expect(negotiateMediaType(accept, ['text/html\u0000', 'x']).choice).toBeUndefined();
    expect(negotiateMediaType(accept, ['text/html', '\u0000x']).choice).toBe('text/html');
  });

  it('keeps decisions for different fields over the same list apart', () => {
    const list = ['gzip', 'identity'];
    const headers = new Headers({ 'Accept-Encoding': 'gzip', 'Accept-Charset': 'identity' });
    expect(negotiateEncoding(headers, list).choice).toBe('gzip');
    expect(negotiateCharset(headers, list).choice).toBe('identity');
  });
});

describe('negotiateEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', ['gzip', 'br', 'identity'], 'gzip'],
    ['br;q=1, gzip;q=0.8', ['gzip', 'br', 'identity'], 'br'],
    ['*', ['br', 'identity'], 'br'],
    ['gzip;q=0, *', ['gzip', 'identity'], 'identity'],
    ['identity;q=0, gzip', ['gzip', 'identity'], 'gzip'],
    ['', ['gzip', 'identity'], 'identity'],
    ['compress', ['gzip', 'identity'], 'identity'],
  ])('accept-encoding: %s from %j → %s', (header, available, choice) => {
    expect(negotiateEncoding(new Headers({ 'Accept-Encoding': header }), available).choice).toBe(
      choice,
    );
  });

  it('only allows identity without the header', () => {
    const decision = negotiateEncoding(new Headers(), ['gzip', 'identity']);
    expect(decision.choice).toBe('identity');
    expect(decision.verdicts).toEqual([
      { value: 'gzip', q: 0, range: undefined, outcome: 'unmatched' },
      { value: 'identity', q: 1, range: undefined, outcome: 'chosen' },
    ]);
  });

  it('breaks ties by the server preference', () => {
    const headers = new Headers({ 'Accept-Encoding': 'gzip, br' });
    expect(negotiateEncoding(headers, ['gzip', 'br'], ['br', 'gzip']).choice).toBe('br');
    expect(negotiateEncoding(headers, ['gzip', 'br'], ['gzip', 'br']).choice).toBe('gzip');
  });

  it('explains a refused identity', () => {
    const decision = negotiateEncoding(new Headers({ 'Accept-Encoding': '*;q=0' }), ['identity']);
    expect(decision.choice).toBeUndefined();
    expect(decision.verdicts[0]).toMatchObject({ outcome: 'excluded', range: '*' });
  });

  it('gives an unmentioned identity the lowest weight of the header', () => {
    const decision = negotiateEncoding(new Headers({ 'Accept-Encoding': 'gzip;q=0.5' }), [
      'identity',
    ]);
    expect(decision.q).toBe(0.5);
  });
});

describe('negotiateCharset', () => {
  it.each([
    [null, 'utf-8', 'chosen'],
    ['utf-8', 'utf-8', 'chosen'],
    ['iso-8859-1, utf-8;q=0.5', 'utf-8', 'chosen'],
    ['*', 'utf-8', 'chosen'],
    ['iso-8859-1', undefined, 'unmatched'],
    ['utf-8;q=0', undefined, 'excluded'],
  ])('accept-charset: %s → %s (%s)', (header, choice, outcome) => {
    const headers = new Headers(header === null ? {} : { 'Accept-Charset': header });
    const decision = negotiateCharset(headers, ['utf-8']);
    expect(decision.choice).toBe(choice);
    expect(decision.verdicts[0]?.outcome).toBe(outcome);
  });

  it('says how utf-8 was reached', () => {
    const decision = negotiateCharset(new Headers({ 'Accept-Charset': 'iso-8859-1, *;q=0.2' }), [
      'UTF-8',
    ]);
    expect(decision.verdicts[0]).toEqual({ value: 'UTF-8', q: 0.2, range: '*', outcome: 'chosen' });
  });
});

describe('negotiate', () => {
  it('negotiates every dimension it is given and lists them for vary', () => {
    const request = new Request('https://api.test/', {
      headers: {
        Accept: 'text/html,*/*;q=0.8',
        'Accept-Language': 'de-CH, en;q=0.5',
        'Accept-Encoding': 'gzip',
        'Accept-Charset': 'utf-8',
      },
    });
    const result = negotiate(request, {
      mediaTypes: ['application/json', 'text/html'],
      languages: ['en', 'de'],
      encodings: ['br', 'gzip', 'identity'],
      charsets: ['utf-8'],
    });
    expect(result.mediaType).toBe('text/html');
    expect(result.language).toBe('de');
    expect(result.encoding).toBe('gzip');
    expect(result.charset).toBe('utf-8');
    expect(result.vary).toEqual(['Accept', 'Accept-Language', 'Accept-Encoding', 'Accept-Charset']);
    expect(result.decisions.language?.verdicts[1]).toMatchObject({ value: 'de', range: 'de-CH' });
  });

  it('negotiates nothing it is not asked to', () => {
    const result = negotiate(new Headers({ Accept: 'text/html' }), {});
    expect(result).toEqual({
      mediaType: undefined,
      language: undefined,
      encoding: undefined,
      charset: undefined,
      decisions: {},
      vary: [],
    });
  });

  it('uses the default language when lookup finds none', () => {
    const headers = new Headers({ 'Accept-Language': 'fr' });
    expect(negotiate(headers, { languages: ['en', 'de'], defaultLanguage: 'de' }).language).toBe(
      'de',
    );
    expect(negotiate(headers, { languages: ['en', 'de'] }).language).toBe('en');
    expect(
      negotiate(headers, { languages: ['en'], defaultLanguage: null }).language,
    ).toBeUndefined();
  });
});

describe('negotiateLanguage', () => {
  it('reports the fallback as chosen without a range', () => {
    const decision = negotiateLanguage(new Headers({ 'Accept-Language': 'fr' }), ['en', 'de']);
    expect(decision.choice).toBe('en');
    expect(decision.q).toBe(0);
    expect(decision.verdicts[0]).toEqual({
      value: 'en',
      q: 0,
      range: undefined,
      outcome: 'chosen',
    });
  });

  it('keeps a refused fallback out', () => {
    const decision = negotiateLanguage(new Headers({ 'Accept-Language': 'fr, en;q=0' }), ['en']);
    expect(decision.choice).toBeUndefined();
    expect(decision.verdicts[0]).toEqual({ value: 'en', q: 0, range: 'en', outcome: 'excluded' });
  });
});

// Huge hostile headers (issue: negotiation grew ~2.5× per doubling at 1–2 M characters). Each
// header ends with a member that would decide the negotiation; whether it is reached shows how
// many members were considered, and `firstMembers` counts them. No timing: counts only.
describe('huge hostile headers', () => {
  const sizes = [1_000_000, 2_000_000, 4_000_000];
  // [name, filler of about `size` characters, members the filler holds (capped), reached?]
  const shapes: [string, (size: number) => string, number, boolean][] = [
    ['commas', (size) => ','.repeat(size), 0, true],
    ['a;q=0.5 members', (size) => 'a;q=0.5,'.repeat(Math.ceil(size / 8)), MAX_LIST_MEMBERS, false],
    ['whitespace and commas', (size) => ' \t,'.repeat(Math.ceil(size / 3)), 0, true],
    ['one member of whitespace', (size) => `a${' '.repeat(size)}b,`, 1, true],
    ['quoted strings', (size) => '"a,b",'.repeat(Math.ceil(size / 6)), MAX_LIST_MEMBERS, false],
    ['a long quoted parameter', (size) => `a;p="${'x,'.repeat(Math.ceil(size / 2))}",`, 1, true],
    [
      'an unterminated quoted parameter',
      (size) => `a;p="${'x,'.repeat(Math.ceil(size / 2))}`,
      1,
      false,
    ],
  ];
  // [field, available, the deciding member, negotiate]
  const fields: [string, string, (headers: Headers) => string | undefined][] = [
    ['Accept', 'application/json', (h) => negotiateMediaType(h, ['application/json']).choice],
    ['Accept-Charset', 'utf-8', (h) => negotiateCharset(h, ['utf-8']).choice],
    ['Accept-Encoding', 'gzip', (h) => negotiateEncoding(h, ['gzip']).choice],
    ['Accept-Language', 'de', (h) => negotiateLanguage(h, ['de'], null).choice],
  ];
  const rows = fields.flatMap(([field, wanted, choose]) =>
    shapes.flatMap(([shape, filler, fillerMembers, reached]) =>
      sizes.map((size) => ({ field, wanted, choose, shape, filler, fillerMembers, reached, size })),
    ),
  );

  it.each(rows)(
    '$field: $shape, $size characters',
    ({ field, wanted, choose, filler, fillerMembers, reached, size }) => {
      const header = `${filler(size)}${wanted}`;
      expect(header.length).toBeGreaterThanOrEqual(size);
      const decision = choose(new Headers({ [field]: header }));
      expect(decision).toBe(reached ? wanted : undefined);
      const { members } = firstMembers(header);
      expect(members).toBe(Math.min(fillerMembers + (reached ? 1 : 0), MAX_LIST_MEMBERS));
      expect(members).toBeLessThanOrEqual(MAX_LIST_MEMBERS);
    },
  );

  it.each(fields)('%s: the last member counted is the last considered', (field, wanted, choose) => {
    const filler = (count: number): string => 'x/y;q=0.5,'.repeat(count);
    expect(choose(new Headers({ [field]: `${filler(MAX_LIST_MEMBERS - 1)}${wanted}` }))).toBe(
      wanted,
    );
    expect(choose(new Headers({ [field]: `${filler(MAX_LIST_MEMBERS)}${wanted}` }))).toBe(
      undefined,
    );
  });
});
