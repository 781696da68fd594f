import fc from 'fast-check';
import Negotiator from 'negotiator';
import { describe, expect, it } from 'vitest';
import { prepareMediaTypes, rankMediaTypes } from './_media-ranges.js';

function negotiatorRanks(header: string | undefined, available: readonly string[]): string[] {
  return new Negotiator({ headers: { accept: header } }).mediaTypes([...available]);
}

function ours(header: string | undefined, available: readonly string[]): string[] | undefined {
  return rankMediaTypes(header, available, prepareMediaTypes(available));
}

const CHROME =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
const OFFERS = ['application/json', 'text/html', 'text/csv', 'text/html;level=1', 'image/png'];

describe('rankMediaTypes', () => {
  it.each([
    [CHROME],
    ['application/json, text/plain, */*'],
    ['text/*;q=0.3, text/html;q=0.7, text/html;level=1, text/html;level=2;q=0.4, */*;q=0.5'],
    ['TEXT/HTML;LEVEL=1'],
    ['text/html;level=*'],
    ['text/html;level='],
    ['text/html;q=0.5;q=0.9, text/csv;Q=0.6'],
    ['text/html;q=, text/csv;q=0.5'],
    ['text/html;q=abc, text/csv;q=0.5'],
    ['text/html;q=2, text/csv;q=1e1, image/png;q=Infinity, */*;q=-1'],
    ['text/html;q=.5, text/csv;q=1., image/png;q=0.1234567890123456789'],
    ['text/html;q=0.50x, text/csv;q=00.5, image/png;q=0.5'],
    ['html, text/csv;q=0.1'],
    [' text/csv ;  q = 0.4 , \ttext/html;foo;q=0.2 ,, */*;=x'],
    ['text/html;a=1;a=2, text/html;level=1;level=2'],
    ['*/html, text/*, */*;q=0'],
    ['text /html, text/ html'],
    [''],
    [',;,;'],
  ])('ranks %j as negotiator does', (header) => {
    expect(ours(header, OFFERS)).toEqual(negotiatorRanks(header, OFFERS));
  });

  it('treats a missing header as */*', () => {
    expect(ours(undefined, OFFERS)).toEqual(negotiatorRanks(undefined, OFFERS));
  });

  it('never accepts an available type without a slash', () => {
    expect(ours('*/*', ['json', 'text/csv'])).toEqual(['text/csv']);
  });

  it('reads parameters and q of available types as negotiator does', () => {
    const available = [
      'text/html; Level = 1 ;q=0.1',
      'text/html;level=2;level=3',
      'a/b;c',
      ' x/y ',
    ];
    for (const header of ['text/html;level=1', 'text/html;level=2', 'x/y, a/b', '*/*;q=0.5']) {
      expect(ours(header, available)).toEqual(negotiatorRanks(header, available));
    }
  });

  it('sorts long lists of equally weighted variants in server order', () => {
    const available = Array.from({ length: 40 }, (_, index) => `application/x-${index}`);
    expect(ours('application/*;q=0.5, application/x-7', available)).toEqual(
      negotiatorRanks('application/*;q=0.5, application/x-7', available),
    );
  });

  it.each([
    ['text/html;a="b"'],
    ['text/"html"'],
    ['text/html;q="1"'],
    ['text/htmé'],
    ['text/html;é=1'],
  ])('leaves %j to negotiator', (header) => {
    expect(ours(header, OFFERS)).toBeUndefined();
  });

  it('leaves every header to negotiator when an available type has a quote', () => {
    expect(ours('*/*', ['text/html;a="b"'])).toBeUndefined();
  });

  it('agrees with negotiator on any header and any variants', () => {
    const piece = fc.constantFrom(
      'text',
      'TEXT',
      'application',
      '*',
      'html',
      'json',
      'x',
      '/',
      ';',
      ',',
      ' ',
      '\t',
      '=',
      'q',
      'Q',
      'level',
      '1',
      '0',
      '.',
      '5',
      '2',
      'e',
      '-',
    );
    const text = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
    // Printable ASCII and tab: what the single pass handles itself (less the quote).
    const ascii = fc
      .string({
        unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
        maxLength: 60,
      })
      .map((value) => value.replaceAll('"', '\t'));
    const header = fc.oneof(text, ascii, fc.constant(undefined));
    let compared = 0;
    const variant = fc.oneof(
      fc.constantFrom('text/html', 'text/html;level=1', 'application/json', 'text/csv', 'Text/X'),
      text,
    );
    fc.assert(
      fc.property(header, fc.array(variant, { maxLength: 6 }), (value, available) => {
        const ranked = ours(value, available);
        expect(ranked).toBeDefined();
        expect(ranked).toEqual(negotiatorRanks(value, available));
        compared++;
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThanOrEqual(3000);
  });
});
