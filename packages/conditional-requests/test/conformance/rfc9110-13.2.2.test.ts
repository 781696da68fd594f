// RFC 9110 §13.2.2, "Precedence of Preconditions", walked row by row: every method × every
// combination of the four precondition fields × match / no match / `*` / invalid. The expected
// outcome is the spec's five steps written over the already-known match results, so it shares
// no parsing with the code under test.
import { describe, expect, it } from 'vitest';
import { evaluatePreconditions, respondToPreconditions } from '../../src/index.js';

const ETAG = '"v2"';
const LAST_MODIFIED = Date.UTC(2024, 0, 10, 12, 0, 0);
const NOW = Date.UTC(2024, 0, 20);
const http = (time: number): string => new Date(time).toUTCString();

type TagCase = 'absent' | 'match' | 'no-match' | 'star' | 'weak-match' | 'invalid';
type DateCase = 'absent' | 'same' | 'later' | 'earlier' | 'invalid';

const TAG_VALUE: Record<Exclude<TagCase, 'absent'>, string> = {
  match: `"v1", ${ETAG}`,
  'no-match': '"v1", "v3"',
  star: '*',
  'weak-match': 'W/"v2"',
  invalid: 'v2',
};
const DATE_VALUE: Record<Exclude<DateCase, 'absent'>, string> = {
  same: http(LAST_MODIFIED),
  later: http(LAST_MODIFIED + 60_000),
  earlier: http(LAST_MODIFIED - 60_000),
  invalid: '2024-01-10T12:00:00Z',
};

type Outcome = 'proceed' | 'not-modified' | 'precondition-failed';

// The spec, step by step, over facts: does the strong / weak comparison match, is the date valid.
const expected = (
  method: string,
  ifMatch: TagCase,
  ifUnmodifiedSince: DateCase,
  ifNoneMatch: TagCase,
  ifModifiedSince: DateCase,
): Outcome => {
  const safe = method === 'GET' || method === 'HEAD';
  // Step 1: If-Match — true when `*` (a representation exists) or a listed tag strongly matches.
  if (ifMatch !== 'absent') {
    const strong = ifMatch === 'match' || ifMatch === 'star';
    if (!strong) return 'precondition-failed';
  } else if (ifUnmodifiedSince !== 'absent' && ifUnmodifiedSince !== 'invalid') {
    // Step 2: If-Unmodified-Since — false when modified after the date.
    if (ifUnmodifiedSince === 'earlier') return 'precondition-failed';
  }
  // Step 3: If-None-Match — false when `*` or a listed tag weakly matches.
  if (ifNoneMatch !== 'absent') {
    const weak = ifNoneMatch === 'match' || ifNoneMatch === 'star' || ifNoneMatch === 'weak-match';
    if (weak) return safe ? 'not-modified' : 'precondition-failed';
  } else if (safe && ifModifiedSince !== 'absent' && ifModifiedSince !== 'invalid') {
    // Step 4: If-Modified-Since — false when not modified since the date.
    if (ifModifiedSince !== 'earlier') return 'not-modified';
  }
  return 'proceed';
};

const STATUS: Record<Outcome, number> = {
  proceed: 200,
  'not-modified': 304,
  'precondition-failed': 412,
};

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
const TAGS: TagCase[] = ['absent', 'match', 'no-match', 'star', 'weak-match', 'invalid'];
const DATES: DateCase[] = ['absent', 'same', 'later', 'earlier', 'invalid'];

const rows = METHODS.flatMap((method) =>
  TAGS.flatMap((ifMatch) =>
    DATES.flatMap((ifUnmodifiedSince) =>
      TAGS.flatMap((ifNoneMatch) =>
        DATES.map((ifModifiedSince) => {
          const outcome = expected(
            method,
            ifMatch,
            ifUnmodifiedSince,
            ifNoneMatch,
            ifModifiedSince,
          );
          return {
            method,
            ifMatch,
            ifUnmodifiedSince,
            ifNoneMatch,
            ifModifiedSince,
            outcome,
            status: STATUS[outcome],
          };
        }),
      ),
    ),
  ),
);

const request = (row: (typeof rows)[number]): Request => {
  const headers = new Headers();
  if (row.ifMatch !== 'absent') headers.set('If-Match', TAG_VALUE[row.ifMatch]);
  if (row.ifUnmodifiedSince !== 'absent') {
    headers.set('If-Unmodified-Since', DATE_VALUE[row.ifUnmodifiedSince]);
  }
  if (row.ifNoneMatch !== 'absent') headers.set('If-None-Match', TAG_VALUE[row.ifNoneMatch]);
  if (row.ifModifiedSince !== 'absent') {
    headers.set('If-Modified-Since', DATE_VALUE[row.ifModifiedSince]);
  }
  return new Request('https://api.test/articles/7', { method: row.method, headers });
};

const validators = { etag: ETAG, lastModified: LAST_MODIFIED, now: NOW };

describe('rfc 9110 §13.2.2 precedence of preconditions', () => {
  it('walks every method × field combination', () => {
    // 6 methods × 6 If-Match × 5 If-Unmodified-Since × 6 If-None-Match × 5 If-Modified-Since
    expect(rows).toHaveLength(6 * 6 * 5 * 6 * 5);
    const count = (outcome: Outcome): number =>
      rows.filter((row) => row.outcome === outcome).length;
    expect(count('proceed')).toBe(1204);
    expect(count('not-modified')).toBe(476);
    expect(count('precondition-failed')).toBe(3720);
  });

  it.each(rows)(
    '$method if-match=$ifMatch if-unmodified-since=$ifUnmodifiedSince if-none-match=$ifNoneMatch if-modified-since=$ifModifiedSince → $status',
    (row) => {
      const decision = evaluatePreconditions(request(row), validators);
      expect(decision.type).toBe(row.outcome);
      const response = respondToPreconditions(request(row), validators);
      expect(response?.status ?? 200).toBe(row.status);
    },
  );
});

describe('rfc 9110 §13.2.2 step 5: if-range', () => {
  const rangeRows = [
    { ifRange: ETAG, type: 'proceed' },
    { ifRange: '"v1"', type: 'ignore-range' },
    { ifRange: 'W/"v2"', type: 'ignore-range' },
    { ifRange: http(LAST_MODIFIED), type: 'proceed' },
    { ifRange: http(LAST_MODIFIED + 1000), type: 'ignore-range' },
    { ifRange: 'garbage', type: 'ignore-range' },
  ];
  it.each(rangeRows)('get with range and if-range: $ifRange → $type', ({ ifRange, type }) => {
    const headers = { Range: 'bytes=0-9', 'If-Range': ifRange };
    const get = new Request('https://api.test/files/1', { headers });
    expect(evaluatePreconditions(get, validators).type).toBe(type);
  });

  it('ignores if-range without range', () => {
    const get = new Request('https://api.test/files/1', { headers: { 'If-Range': '"v1"' } });
    expect(evaluatePreconditions(get, validators).type).toBe('proceed');
  });

  it('ignores if-range on head', () => {
    const head = new Request('https://api.test/files/1', {
      method: 'HEAD',
      headers: { Range: 'bytes=0-9', 'If-Range': '"v1"' },
    });
    expect(evaluatePreconditions(head, validators).type).toBe('proceed');
  });

  it('treats a last-modified within the last second as weak for if-range (§8.8.2.2)', () => {
    const get = new Request('https://api.test/files/1', {
      headers: { Range: 'bytes=0-9', 'If-Range': http(LAST_MODIFIED) },
    });
    expect(
      evaluatePreconditions(get, { lastModified: LAST_MODIFIED, now: LAST_MODIFIED + 500 }).type,
    ).toBe('ignore-range');
  });
});
