import { describe, expect, it } from 'vitest';
import { negotiateMediaType } from '../../src/index.js';

const accept = (value: string): Headers => new Headers({ Accept: value });

function weightOf(header: string, type: string): number {
  const decision = negotiateMediaType(accept(header), [type]);
  return decision.verdicts[0]?.outcome === 'chosen' ? decision.q : 0;
}

describe('rfc 9110 §12.5.1 accept', () => {
  it('12.5.1. audio/*; q=0.2, audio/basic prefers audio/basic, then any audio at 0.2', () => {
    const header = 'audio/*; q=0.2, audio/basic';
    expect(negotiateMediaType(accept(header), ['audio/ogg', 'audio/basic']).choice).toBe(
      'audio/basic',
    );
    const fallback = negotiateMediaType(accept(header), ['audio/ogg', 'video/mp4']);
    expect(fallback.choice).toBe('audio/ogg');
    expect(fallback.q).toBe(0.2);
    expect(fallback.verdicts[1]).toMatchObject({ value: 'video/mp4', outcome: 'unmatched', q: 0 });
  });

  it('12.5.1. text/plain; q=0.5, text/html, text/x-dvi; q=0.8, text/x-c ranks html and x-c first', () => {
    const header = 'text/plain; q=0.5, text/html,\r\n text/x-dvi; q=0.8, text/x-c'.replace(
      '\r\n',
      '',
    );
    const decision = negotiateMediaType(accept(header), [
      'text/plain',
      'text/x-dvi',
      'text/x-c',
      'text/html',
    ]);
    expect(decision.ranked).toEqual(['text/html', 'text/x-c', 'text/x-dvi', 'text/plain']);
  });

  it.each([
    ['text/plain;format=flowed', 'text/plain;format=flowed'],
    ['text/plain', 'text/plain'],
    ['text/*', 'text/html'],
    ['*/*', 'image/png'],
  ])('12.5.1. text/*, text/plain, text/plain;format=flowed, */* — %s decides %s', (range, type) => {
    const decision = negotiateMediaType(
      accept('text/*, text/plain, text/plain;format=flowed, */*'),
      [type],
    );
    expect(decision.verdicts[0]?.range).toBe(range);
  });

  // The published table gives text/html;level=3 0.7, carried over from RFC 7231's example
  // where text/html had q=0.7; with this header only text/* (q=0.3) matches it.
  it.each([
    ['text/plain;format=flowed', 1],
    ['text/plain', 0.7],
    ['text/html', 0.3],
    ['image/jpeg', 0.5],
    ['text/plain;format=fixed', 0.4],
    ['text/html;level=3', 0.3],
  ])('12.5.1. quality values table: %s has q=%s', (type, q) => {
    const header =
      'text/*;q=0.3, text/plain;q=0.7, text/plain;format=flowed, text/plain;format=fixed;q=0.4, */*;q=0.5';
    expect(weightOf(header, type)).toBe(q);
  });

  it.each([
    ['text/html;level=1', 1],
    ['text/html', 0.7],
    ['text/plain', 0.3],
    ['image/jpeg', 0.5],
    ['text/html;level=2', 0.4],
    ['text/html;level=3', 0.7],
  ])('rfc 7231 §5.3.2 table (same rules): %s has q=%s', (type, q) => {
    const header =
      'text/*;q=0.3, text/html;q=0.7, text/html;level=1, text/html;level=2;q=0.4, */*;q=0.5';
    expect(weightOf(header, type)).toBe(q);
  });

  it('12.5.1. a request without accept accepts any media type', () => {
    const decision = negotiateMediaType(new Headers(), ['text/csv', 'application/json']);
    expect(decision.choice).toBe('text/csv');
    expect(decision.ranked).toEqual(['text/csv', 'application/json']);
    expect(decision.verdicts.map((verdict) => verdict.q)).toEqual([1, 1]);
  });

  it('12.4.2. q=0 means not acceptable', () => {
    const decision = negotiateMediaType(accept('*/*, text/csv;q=0'), ['text/csv', 'text/html']);
    expect(decision.choice).toBe('text/html');
    expect(decision.verdicts[0]).toMatchObject({ outcome: 'excluded', range: 'text/csv', q: 0 });
    expect(negotiateMediaType(accept('text/csv;q=0'), ['text/csv']).choice).toBeUndefined();
  });
});

const CHROME =
  'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7';
const FIREFOX = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const CHROME_IMAGE = 'image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8';
const JQUERY_JSON = 'application/json, text/javascript, */*; q=0.01';
const HAL_CLIENT = 'application/hal+json, application/json;q=0.9';
const AVAILABLE = ['application/json', 'application/hal+json', 'text/csv', 'text/html'];

describe('browser-typical accept headers', () => {
  it.each([
    ['chrome navigation', CHROME, 'text/html', 1],
    ['firefox and safari navigation', FIREFOX, 'text/html', 1],
    ['chrome image request', CHROME_IMAGE, 'application/json', 0.8],
    ['fetch() and curl default', '*/*', 'application/json', 1],
    ['jquery getJSON', JQUERY_JSON, 'application/json', 1],
    ['hal client', HAL_CLIENT, 'application/hal+json', 1],
    ['csv download link', 'text/csv', 'text/csv', 1],
  ])('%s → %s', (_name, header, type, q) => {
    const decision = negotiateMediaType(accept(header), AVAILABLE);
    expect(decision.choice).toBe(type);
    expect(decision.q).toBe(q);
  });

  it('answers nothing for a client that only takes images', () => {
    const decision = negotiateMediaType(accept('image/*'), AVAILABLE);
    expect(decision.choice).toBeUndefined();
    expect(decision.q).toBe(0);
    expect(decision.verdicts.every((verdict) => verdict.outcome === 'unmatched')).toBe(true);
  });
});
