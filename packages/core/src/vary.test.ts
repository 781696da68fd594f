import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appendVary, mergeVary } from './vary.js';

describe('mergeVary', () => {
  it.each<[string | null | undefined, string[], string]>([
    [null, ['Accept'], 'Accept'],
    [undefined, [], ''],
    ['', ['Accept'], 'Accept'],
    ['Accept', ['Accept-Encoding'], 'Accept, Accept-Encoding'],
    ['Accept', ['accept'], 'Accept'],
    ['accept', ['Accept', 'ACCEPT'], 'accept'],
    ['Accept, Origin', ['origin, Accept-Language'], 'Accept, Origin, Accept-Language'],
    ['*', ['Accept'], '*'],
    ['Accept', ['*'], '*'],
    ['Accept, *', [], '*'],
    [null, ['Accept', '*', 'Origin'], '*'],
    [' Accept ,, Origin ', [], 'Accept, Origin'],
    ['Accept, bad name, "quoted"', ['x/y'], 'Accept'],
  ])('§12.5.5 merges %j with %j into %j', (existing, fields, expected) => {
    expect(mergeVary(existing, ...fields)).toBe(expected);
  });

  it('never throws and never repeats a name', () => {
    fc.assert(
      fc.property(
        fc.option(fc.string(), { nil: null }),
        fc.array(fc.string(), { maxLength: 5 }),
        (existing, fields) => {
          const merged = mergeVary(existing, ...fields);
          if (merged === '*' || merged === '') return;
          const names = merged.split(', ').map((name) => name.toLowerCase());
          expect(new Set(names).size).toBe(names.length);
        },
      ),
    );
  });
});

describe('appendVary', () => {
  it('adds to the header of a response in place', () => {
    const response = new Response('x', { headers: { Vary: 'Origin' } });
    appendVary(response.headers, 'Accept', 'origin');
    expect(response.headers.get('Vary')).toBe('Origin, Accept');
  });

  it('sets the header when there was none', () => {
    const headers = new Headers();
    appendVary(headers, 'Accept-Encoding');
    expect(headers.get('Vary')).toBe('Accept-Encoding');
  });

  it('keeps * as it is', () => {
    const headers = new Headers({ Vary: '*' });
    appendVary(headers, 'Accept');
    expect(headers.get('Vary')).toBe('*');
  });

  it('leaves headers untouched when there is nothing to add', () => {
    const headers = new Headers();
    appendVary(headers);
    expect(headers.has('Vary')).toBe(false);
  });
});
