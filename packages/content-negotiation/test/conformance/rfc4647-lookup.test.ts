import { describe, expect, it } from 'vitest';
import { negotiateLanguage } from '../../src/index.js';

const lookup = (header: string | null, available: string[], fallback?: string | null) =>
  negotiateLanguage(
    new Headers(header === null ? {} : { 'Accept-Language': header }),
    available,
    fallback,
  ).choice;

describe('rfc 4647 §3.4 lookup', () => {
  it.each([
    ['en-GB', ['en', 'de'], 'en'],
    ['en-GB, de;q=0.9', ['de', 'en'], 'en'],
    ['de-CH-1996', ['de-CH', 'de'], 'de-CH'],
    ['zh-Hant-CN-x-private1-private2', ['zh-Hant-CN', 'zh'], 'zh-Hant-CN'],
    ['zh-Hant-CN-x-private1', ['zh-Hant', 'zh'], 'zh-Hant'],
    ['sr-Latn-x-foo', ['sr'], 'sr'],
    ['EN-gb', ['en-GB'], 'en-GB'],
    ['fr;q=0.5, de;q=0.8', ['fr', 'de'], 'de'],
    ['fr, de', ['de', 'fr'], 'fr'],
  ])('3.4. %s from %j → %s', (header, available, choice) => {
    expect(lookup(header, available, null)).toBe(choice);
  });

  it('3.4. progressive truncation stops at the first available tag', () => {
    const decision = negotiateLanguage(new Headers({ 'Accept-Language': 'de-DE-1996, en;q=0.1' }), [
      'en',
      'de',
    ]);
    expect(decision.ranked).toEqual(['de', 'en']);
    expect(decision.verdicts).toEqual([
      { value: 'en', q: 0.1, range: 'en', outcome: 'outranked' },
      { value: 'de', q: 1, range: 'de-DE-1996', outcome: 'chosen' },
    ]);
  });

  it('3.4. the wildcard range is ignored, so the default is returned', () => {
    expect(lookup('*', ['en', 'de'], 'de')).toBe('de');
    expect(lookup('*', ['en', 'de'], null)).toBeUndefined();
  });

  it('3.4. with no match the default value is returned', () => {
    expect(lookup('ja', ['en', 'de'], 'de')).toBe('de');
    expect(lookup('ja', ['en', 'de'])).toBe('en');
  });

  it('rfc 9110 §12.5.4. no accept-language means any language: the default', () => {
    expect(lookup(null, ['en', 'de'])).toBe('en');
  });

  it('rfc 9110 §12.4.2. q=0 refuses that tag, even as a fallback of another range', () => {
    expect(lookup('en-GB, en;q=0, de;q=0.5', ['en', 'de'], null)).toBe('de');
  });

  it('ignores ranges too long to be tags', () => {
    expect(lookup(`${'a-'.repeat(200)}b, de;q=0.1`, ['a', 'de'], null)).toBe('de');
  });
});
