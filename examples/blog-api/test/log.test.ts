import { describe, expect, it } from 'vitest';
import { createLogger, describeError } from '../src/log.js';

describe('logs', () => {
  it('writes one JSON object per line', () => {
    const lines: string[] = [];
    createLogger((line) => lines.push(line)).warn('database_unavailable', { code: '57P01' });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { level: 'warn', event: 'database_unavailable', code: '57P01' },
    ]);
  });

  it('describes an error by name, code and code locations, never by its message', () => {
    const error = Object.assign(new Error('invalid byte sequence in "secret\u0000"'), {
      code: '22021',
    });
    const fields = describeError(error);
    expect(fields).toMatchObject({ error: 'Error', code: '22021' });
    expect(fields.at).toContain('log.test.ts');
    expect(JSON.stringify(fields)).not.toContain('secret');
    expect(describeError(error, false)).toEqual({ error: 'Error', code: '22021', at: undefined });
  });

  it.each([
    ['a code that is not an identifier', { code: 'value "x" is bad' }, undefined],
    ['a numeric code', { code: 42 }, undefined],
    ['a socket error code', { code: 'ECONNREFUSED' }, 'ECONNREFUSED'],
  ])('keeps only identifier codes: %s', (_, extra, expected) => {
    expect(describeError(Object.assign(new Error('x'), extra)).code).toBe(expected);
  });

  it('names what is thrown when it is not an Error', () => {
    expect(describeError('a string with client data')).toEqual({ error: 'string' });
  });
});
