import { describe, expect, it } from 'vitest';
import { contractCheck, contractSame, StoreContractError } from './store-contract.js';

describe('store contract assertions', () => {
  it('contractCheck passes when the condition holds and throws the rule when not', () => {
    expect(() => contractCheck(true, 'holds')).not.toThrow();
    expect(() => contractCheck(false, 'the first claim wins')).toThrow(
      new StoreContractError('the first claim wins'),
    );
  });

  it.each([
    [{ a: 1 }, { a: 1 }, undefined],
    [[1, 2], [1, 2], undefined],
    [{ a: 1 }, { a: 2 }, 'counts: expected {"a":2}, got {"a":1}'],
    [undefined, null, 'counts: expected null, got undefined'],
  ])('contractSame(%j, %j) throws %s', (actual, expected, message) => {
    const run = () => contractSame(actual, expected, 'counts');
    if (message === undefined) expect(run).not.toThrow();
    else expect(run).toThrow(message);
  });

  it('contractSame compares through the view given', () => {
    const sorted = (value: unknown) => JSON.stringify(Object.entries(value as object).sort());
    expect(() => contractSame({ b: 1, a: 2 }, { a: 2, b: 1 }, 'keys', sorted)).not.toThrow();
    expect(() => contractSame({ b: 1, a: 2 }, { a: 2, b: 1 }, 'keys')).toThrow(StoreContractError);
  });

  it('names its errors StoreContractError', () => {
    expect(new StoreContractError('x').name).toBe('StoreContractError');
  });
});
