import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REQUEST_ID_LENGTH, traceId as traceIdOf } from './_trace-id.js';
import { TRACE_HEADERS } from './problem-details.js';

const traceId = (
  request: Request,
  headers: readonly string[] = TRACE_HEADERS,
): string | undefined => traceIdOf(request, headers);

const request = (headers: Record<string, string>): Request =>
  new Request('https://api.test/', { headers });
const valid = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('traceId', () => {
  it('takes the trace-id of a w3c traceparent', () => {
    expect(traceId(request({ traceparent: valid }))).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('prefers traceparent over request id headers', () => {
    expect(traceId(request({ traceparent: valid, 'x-request-id': 'r1' }))).toBe(
      '4bf92f3577b34da6a3ce929d0e0e4736',
    );
  });

  it.each([
    ['00-00000000000000000000000000000000-00f067aa0ba902b7-01', 'an all-zero trace-id'],
    ['ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'version ff'],
    ['00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01', 'upper-case hex'],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra', 'extra fields on version 00'],
    ['00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01', 'a short trace-id'],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01', 'a short parent-id'],
    ['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1', 'short flags'],
    ['0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'a short version'],
    ['nonsense', 'nonsense'],
  ])('ignores traceparent %s (%s) and falls back to x-request-id', (value) => {
    expect(traceId(request({ traceparent: value, 'x-request-id': 'fallback' }))).toBe('fallback');
    expect(traceId(request({ traceparent: value }))).toBeUndefined();
  });

  it('accepts later traceparent versions with more fields', () => {
    expect(
      traceId(
        request({ traceparent: `01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future` }),
      ),
    ).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
  });

  it('takes a request id of visible ascii up to the cap', () => {
    expect(traceId(request({ 'x-request-id': ' req-42 ' }))).toBe('req-42');
    expect(traceId(request({ 'x-correlation-id': 'c-1' }))).toBe('c-1');
    expect(traceId(request({ 'x-request-id': 'a'.repeat(MAX_REQUEST_ID_LENGTH) }))).toHaveLength(
      MAX_REQUEST_ID_LENGTH,
    );
    expect(
      traceId(request({ 'x-request-id': 'a'.repeat(MAX_REQUEST_ID_LENGTH + 1) })),
    ).toBeUndefined();
    expect(traceId(request({ 'x-request-id': 'has space' }))).toBeUndefined();
    expect(traceId(request({ 'x-request-id': '' }))).toBeUndefined();
  });

  it('reads only the headers it is told to', () => {
    expect(traceId(request({ 'x-request-id': 'r1', 'x-trace': 't1' }), ['x-trace'])).toBe('t1');
    expect(traceId(request({ 'x-request-id': 'r1' }), [])).toBeUndefined();
  });

  it('never throws and returns printable ascii or nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (parent, id) => {
        const headers = new Headers();
        try {
          headers.set('traceparent', parent);
          headers.set('x-request-id', id);
        } catch {
          return; // not a valid header value at all: no request can carry it
        }
        const result = traceId(new Request('https://api.test/', { headers }));
        if (result !== undefined) expect(result).toMatch(/^[\x21-\x7e]{1,128}$/);
      }),
    );
  });
});
