import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseProblem } from './parse-problem.js';

describe('parseProblem (rfc 9457 §3.1)', () => {
  it('keeps well-typed members and extensions', () => {
    expect(
      parseProblem({
        type: '/p',
        title: 't',
        status: 409,
        detail: 'd',
        instance: '/i',
        balance: 30,
      }),
    ).toEqual({ type: '/p', title: 't', status: 409, detail: 'd', instance: '/i', balance: 30 });
  });

  it('ignores wrong-typed reserved members and defaults type', () => {
    expect(
      parseProblem({
        type: 'not a uri',
        title: ['a'],
        status: 600,
        detail: {},
        instance: 'a b',
        extra: null,
      }),
    ).toEqual({ type: 'about:blank', extra: null });
    expect(parseProblem({ status: 500.5 })).toEqual({ type: 'about:blank' });
    expect(parseProblem({ status: '403' })).toEqual({ type: 'about:blank' });
  });

  it.each([null, 'x', 1, [], undefined])('gives undefined for %j', (value) => {
    expect(parseProblem(value)).toBeUndefined();
  });

  it('never throws on arbitrary json', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const parsed = parseProblem(value);
        if (parsed !== undefined) expect(typeof parsed.type).toBe('string');
      }),
    );
  });
});
