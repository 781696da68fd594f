import { appendVary, compose } from '@fielding/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';
import { problem } from './problem.js';
import { problemDetails } from './problem-details.js';

// A problem's fields go to its Response as pairs, not through a Headers built, copied and
// edited per answer (issue 22): the answer must carry what that Headers carried.
function throughHeaders(init: HeadersInit, varyAccept: boolean): Array<[string, string]> {
  const headers = new Headers(init);
  headers.set('content-type', 'application/problem+json');
  headers.delete('content-length');
  headers.delete('content-encoding');
  if (varyAccept) appendVary(headers, 'Accept');
  return [...headers];
}

const NAMES = [
  'Vary',
  'vary',
  'Content-Type',
  'Content-Length',
  'content-encoding',
  'Set-Cookie',
  'Retry-After',
  'ETag',
];
const field = fc.tuple(
  fc.constantFrom(...NAMES),
  fc.constantFrom('Accept', 'Origin, accept', '*', '5', 'a=b', '"7"', 'text/plain', ' x '),
);

describe('problem headers', () => {
  it('are those of the init with the problem media type (property)', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 6 }), (pairs) => {
        const expected = throughHeaders(pairs, false);
        expect([...problem({ status: 409, headers: pairs }).headers]).toEqual(expected);
        const record = Object.fromEntries(pairs);
        expect([...problem({ status: 409, headers: record }).headers]).toEqual(
          throughHeaders(record, false),
        );
        const headers = new Headers(pairs);
        expect([...problem({ status: 409, headers }).headers]).toEqual(expected);
      }),
    );
  });

  it('merge Vary: Accept when the middleware negotiated the media type (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(field, { maxLength: 6 }), async (pairs) => {
        const handler = compose(problemDetails())(() => {
          throw new HttpError(409, { headers: pairs });
        });
        const response = await handler(new Request('https://api.test/a'));
        expect([...response.headers]).toEqual(throughHeaders(pairs, true));
      }),
    );
  });

  it.each([
    [{}, [['content-type', 'application/problem+json']]],
    [[], [['content-type', 'application/problem+json']]],
    [new Headers(), [['content-type', 'application/problem+json']]],
  ])('add nothing for an empty init (%o)', (headers, expected) => {
    expect([...problem({ status: 400, headers }).headers]).toEqual(expected);
  });

  it('refuse a pair that is not a name and a value, as Headers does', () => {
    const headers = [['Retry-After']] as unknown as Array<[string, string]>;
    expect(() => problem({ status: 429, headers })).toThrow(TypeError);
  });
});
