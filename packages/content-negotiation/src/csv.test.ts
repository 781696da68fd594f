import { describe, expect, it } from 'vitest';
import { isFlatRecordList, toCsv } from './csv.js';

describe('toCsv', () => {
  it('writes a header row and crlf line ends (rfc 4180 §2)', () => {
    expect(
      toCsv([
        { id: 1, title: 'a' },
        { id: 2, title: 'b' },
      ]),
    ).toBe('id,title\r\n1,a\r\n2,b\r\n');
  });

  it.each([
    ['Hello, world', '"Hello, world"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['carriage\rreturn', '"carriage\rreturn"'],
    ['plain', 'plain'],
  ])('quotes %j as %s (rfc 4180 §2.6, §2.7)', (value, field) => {
    expect(toCsv([{ value }], { header: false })).toBe(`${field}\r\n`);
  });

  it.each([
    ['=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
  ])('defuses the formula %j', (value, field) => {
    expect(toCsv([{ value }], { header: false })).toBe(`${field}\r\n`);
  });

  it('leaves numbers and opted-out text alone', () => {
    expect(toCsv([{ n: -1 }], { header: false })).toBe('-1\r\n');
    expect(toCsv([{ f: '=1+1' }], { header: false, escapeFormulas: false })).toBe('=1+1\r\n');
  });

  it('writes empty cells, dates, booleans and bigints', () => {
    const date = new Date('2024-05-01T12:00:00Z');
    expect(
      toCsv([{ a: null, b: undefined, c: date, d: true, e: 10n, f: new Date('x') }], {
        header: false,
      }),
    ).toBe(',,2024-05-01T12:00:00.000Z,true,10,\r\n');
  });

  it('unions columns in first-seen order, or uses the given ones', () => {
    expect(toCsv([{ a: 1 }, { b: 2, a: 3 }])).toBe('a,b\r\n1,\r\n3,2\r\n');
    expect(toCsv([{ a: 1, b: 2 }], { columns: ['b'] })).toBe('b\r\n2\r\n');
  });

  it('writes nothing for no records and no columns', () => {
    expect(toCsv([], { header: false })).toBe('');
  });
});

describe('isFlatRecordList', () => {
  it.each([
    [[{ a: 1, b: 'x', c: null, d: new Date(0) }], true],
    [[], true],
    [[{ a: { b: 1 } }], false],
    [[{ a: [1] }], false],
    [[[1, 2]], false],
    [[1], false],
    [[null], false],
    [{ a: 1 }, false],
    [[{ f: () => 1 }], false],
    [[{ s: Symbol('s') }], false],
  ])('%j → %s', (value, expected) => {
    expect(isFlatRecordList(value)).toBe(expected);
  });

  it('ignores inherited keys', () => {
    const record = Object.create({ inherited: { deep: true } }) as Record<string, unknown>;
    record.own = 1;
    expect(isFlatRecordList([record])).toBe(true);
  });
});
