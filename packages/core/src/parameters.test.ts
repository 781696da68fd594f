import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerText, token } from './_test-arbitraries.js';
import { MAX_PARAMETERS } from './limits.js';
import { parseParameterizedList, parseWeightedList } from './parameters.js';
import { quoteString } from './quoted-string.js';

const params = (entries: Record<string, string>): Record<string, string> =>
  Object.assign(Object.create(null) as Record<string, string>, entries);

describe('parseParameterizedList', () => {
  it.each([
    ['text/html', [{ value: 'text/html', parameters: {} }]],
    ['text/html;level=1', [{ value: 'text/html', parameters: { level: '1' } }]],
    [
      'text/html ; Level=1 ;CHARSET="utf-8"',
      [{ value: 'text/html', parameters: { level: '1', charset: 'utf-8' } }],
    ],
    [
      'text/html;level=1, a;b="c"',
      [
        { value: 'text/html', parameters: { level: '1' } },
        { value: 'a', parameters: { b: 'c' } },
      ],
    ],
    [
      'a;b="c,d;e=f", g',
      [
        { value: 'a', parameters: { b: 'c,d;e=f' } },
        { value: 'g', parameters: {} },
      ],
    ],
    ['a;b="say \\"hi\\""', [{ value: 'a', parameters: { b: 'say "hi"' } }]],
    ['a;b=1;b=2', [{ value: 'a', parameters: { b: '1' } }]],
    ['a;b = 1', [{ value: 'a', parameters: { b: '1' } }]],
    ['a;;b=1;', [{ value: 'a', parameters: { b: '1' } }]],
    ['a;flag;b=1', [{ value: 'a', parameters: { b: '1' } }]],
    ['a;b=x y;c=2', [{ value: 'a', parameters: { c: '2' } }]],
    ['a;b c=1', [{ value: 'a', parameters: {} }]],
    ['a;=1', [{ value: 'a', parameters: {} }]],
    ['a;b="open', [{ value: 'a', parameters: {} }]],
    ['a;b="open;c=1', [{ value: 'a', parameters: {} }]],
    [';b=1, c', [{ value: 'c', parameters: {} }]],
    ['', []],
  ])('§5.6.6 parses %j', (input, expected) => {
    expect(parseParameterizedList(input)).toEqual(
      expected.map((item) => ({ ...item, parameters: params(item.parameters) })),
    );
  });

  it('keeps names such as __proto__ as plain keys', () => {
    const [first] = parseParameterizedList('a;__proto__=x;constructor=y');
    expect(first?.parameters.__proto__).toBe('x');
    expect(Object.keys(first?.parameters ?? {})).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(first?.parameters)).toBeNull();
  });

  it('keeps at most MAX_PARAMETERS parameters per member', () => {
    const value = `a;${Array.from({ length: MAX_PARAMETERS + 5 }, (_, i) => `p${i}=${i}`).join(';')}`;
    expect(Object.keys(parseParameterizedList(value)[0]?.parameters ?? {})).toHaveLength(
      MAX_PARAMETERS,
    );
  });

  it('handles long runs of bare parameters', () => {
    const [first] = parseParameterizedList(`a${';b'.repeat(200_000)};c=d`);
    expect(first?.parameters).toEqual(params({ c: 'd' }));
  });

  it('returns [] for an absent field', () => {
    expect(parseParameterizedList(null)).toEqual([]);
  });

  it('reads back members serialised with quoteString', () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)),
      maxLength: 15,
    });
    const member = fc.record({
      value: token,
      parameters: fc.dictionary(
        token.map((name) => name.toLowerCase()),
        printable,
        {
          maxKeys: 4,
        },
      ),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 6 }), (members) => {
        const header = members
          .map(({ value, parameters }) =>
            [value, ...Object.entries(parameters).map(([n, v]) => `${n}=${quoteString(v)}`)].join(
              '; ',
            ),
          )
          .join(', ');
        expect(
          parseParameterizedList(header).map((m) => ({ ...m, parameters: { ...m.parameters } })),
        ).toEqual(
          members.map(({ value, parameters }) => ({ value, parameters: { ...parameters } })),
        );
      }),
    );
  });

  it('never throws and lower-cases every parameter name', () => {
    fc.assert(
      fc.property(headerText, (value) => {
        for (const member of parseParameterizedList(value)) {
          expect(member.value).not.toBe('');
          for (const name of Object.keys(member.parameters)) {
            expect(name).toBe(name.toLowerCase());
          }
        }
      }),
    );
  });
});

describe('parseWeightedList', () => {
  it.each([
    [
      'en;q=0.8, de',
      [
        { value: 'en', parameters: {}, weight: 0.8, index: 0 },
        { value: 'de', parameters: {}, weight: 1, index: 1 },
      ],
    ],
    [
      'text/html;level=1;q=0.5',
      [{ value: 'text/html', parameters: { level: '1' }, weight: 0.5, index: 0 }],
    ],
    ['a;Q=0', [{ value: 'a', parameters: {}, weight: 0, index: 0 }]],
    ['a;q=1.000', [{ value: 'a', parameters: {}, weight: 1, index: 0 }]],
    ['a;q=0.', [{ value: 'a', parameters: {}, weight: 0, index: 0 }]],
    ['a;q=0.12345', [{ value: 'a', parameters: {}, weight: 0.12345, index: 0 }]],
    ['a;q="0.5"', [{ value: 'a', parameters: {}, weight: 0.5, index: 0 }]],
    ['a;q=2, b', [{ value: 'b', parameters: {}, weight: 1, index: 1 }]],
    ['a;q=1.5, b', [{ value: 'b', parameters: {}, weight: 1, index: 1 }]],
    ['a;q=x, b', [{ value: 'b', parameters: {}, weight: 1, index: 1 }]],
    // An empty value is not a parameter at all, so it is ignored like any malformed one.
    [
      'a;q=, b',
      [
        { value: 'a', parameters: {}, weight: 1, index: 0 },
        { value: 'b', parameters: {}, weight: 1, index: 1 },
      ],
    ],
    ['a;q=0x1, b', [{ value: 'b', parameters: {}, weight: 1, index: 1 }]],
    ['a;q=-0, b', [{ value: 'b', parameters: {}, weight: 1, index: 1 }]],
    ['a;q=.5, b', [{ value: 'b', parameters: {}, weight: 1, index: 1 }]],
    [
      'a;q=0.5, ;q=1, b',
      [
        { value: 'a', parameters: {}, weight: 0.5, index: 0 },
        { value: 'b', parameters: {}, weight: 1, index: 2 },
      ],
    ],
  ])('§12.4.2 parses %j', (input, expected) => {
    expect(parseWeightedList(input)).toEqual(
      expected.map((item) => ({ ...item, parameters: params(item.parameters) })),
    );
  });

  it('returns [] for an absent field', () => {
    expect(parseWeightedList(undefined)).toEqual([]);
  });

  it('never throws and keeps weights within 0..1', () => {
    fc.assert(
      fc.property(headerText, (value) => {
        for (const member of parseWeightedList(value)) {
          expect(member.weight).toBeGreaterThanOrEqual(0);
          expect(member.weight).toBeLessThanOrEqual(1);
          expect('q' in member.parameters).toBe(false);
        }
      }),
    );
  });

  it('reads every qvalue the grammar allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (thousandths) => {
        const q = thousandths === 1000 ? '1.000' : `0.${String(thousandths).padStart(3, '0')}`;
        expect(parseWeightedList(`x;q=${q}`)[0]?.weight).toBe(thousandths / 1000);
      }),
    );
  });
});
