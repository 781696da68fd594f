import { describe, expect, it } from 'vitest';
import { NOT_REPLAYED_STATUSES, decideIdempotency, isReplayableStatus } from './decision.js';
import type { IdempotencyRecord, StoredResponse } from './store.js';

const response: StoredResponse = {
  status: 201,
  headers: [['location', '/o/7']],
  body: new Uint8Array([1]),
};
const running: IdempotencyRecord = { state: 'in-flight', fingerprint: 'a' };
const done: IdempotencyRecord = { state: 'complete', fingerprint: 'a', response };
const large: IdempotencyRecord = {
  state: 'complete',
  fingerprint: 'a',
  response: { ...response, body: null },
};

describe('decideIdempotency (draft §2.6, §2.7)', () => {
  it.each([
    ['a completed request, same fingerprint', done, 'a', { type: 'replay', response }],
    ['a completed request, other fingerprint', done, 'b', { type: 'mismatch' }],
    ['a running request, same fingerprint', running, 'a', { type: 'in-flight' }],
    ['a running request, other fingerprint', running, 'b', { type: 'mismatch' }],
    ['a response not kept, same fingerprint', large, 'a', { type: 'not-replayable', status: 201 }],
    ['a response not kept, other fingerprint', large, 'b', { type: 'mismatch' }],
  ])('%s → %o', (_, record, fingerprint, expected) => {
    expect(decideIdempotency(record, fingerprint)).toEqual(expected);
  });
});

describe('isReplayableStatus', () => {
  it.each([200, 201, 202, 204, 303, 400, 404, 410, 413, 415, 422])('%i is stored', (status) => {
    expect(isReplayableStatus(status)).toBe(true);
  });
  it.each([...NOT_REPLAYED_STATUSES, 500, 502, 503, 504, 100, 199, 600])(
    '%i is not stored',
    (status) => {
      expect(isReplayableStatus(status)).toBe(false);
    },
  );
});
