import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHttpError } from '@fielding/problem-errors';
import { createFilterReader } from './_filters.js';

const properties = {
  done: { type: 'boolean' },
  priority: { type: 'integer', minimum: 1, maximum: 5 },
  title: { type: 'string', maxLength: 20 },
  status: { enum: ['draft', 'published'] },
} as const;
const read = createFilterReader(['done', 'priority', 'title', 'status'], properties, ['sort']);
const OPS = new Set(['eq', 'in', 'gt', 'gte', 'lt', 'lte']);

describe('createFilterReader', () => {
  it.each([
    ['done=false', [{ field: 'done', op: 'eq', value: false }]],
    ['priority=1,3', [{ field: 'priority', op: 'in', value: [1, 3] }]],
    ['priority=1&priority=3', [{ field: 'priority', op: 'in', value: [1, 3] }]],
    ['priority[gte]=0', [{ field: 'priority', op: 'gte', value: 0 }]],
    [
      'priority[gt]=1&priority[lt]=4',
      [
        { field: 'priority', op: 'gt', value: 1 },
        { field: 'priority', op: 'lt', value: 4 },
      ],
    ],
    ['title[lte]=m', [{ field: 'title', op: 'lte', value: 'm' }]],
    ['status=draft,published', [{ field: 'status', op: 'in', value: ['draft', 'published'] }]],
    ['sort=title', []],
  ])('reads ?%s', (query, expected) => {
    expect(read(new URL(`http://x/?${query}`))).toEqual(expected);
  });

  it.each([
    ['an unknown parameter', 'colour=red'],
    ['a range over a boolean', 'done[gte]=true'],
    ['an operator no member has', 'priority[ne]=1'],
    ['a value outside the enum', 'status=gone'],
    ['a value over the maximum', 'priority=9'],
    ['a bound that is no number', 'priority[lt]=soon'],
    ['a bound given twice', 'priority[lt]=1&priority[lt]=2'],
    ['a set of booleans', 'done=true,false'],
    ['a boolean given twice', 'done=true&done=false'],
  ])('refuses %s with a 400', (_name, query) => {
    let error: unknown;
    try {
      read(new URL(`http://x/?${query}`));
    } catch (thrown) {
      error = thrown;
    }
    expect(isHttpError(error) && error.status).toBe(400);
  });

  it('refuses a member that cannot be a filter at declaration time', () => {
    expect(() => createFilterReader(['tags'], { tags: { type: 'array' } }, [])).toThrow(TypeError);
  });

  it('never throws anything but a 400, and only returns declared fields and operators', () => {
    const names = fc.constantFrom(
      'done',
      'priority',
      'title',
      'status',
      'sort',
      'priority[gte]',
      'title[lt]',
      'done[gt]',
      'priority[',
      '__proto__',
      'constructor',
    );
    const pair = fc.tuple(names, fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 6 }), (pairs) => {
        const url = new URL('http://x/');
        for (const [name, value] of pairs) url.searchParams.append(name, value);
        try {
          for (const filter of read(url)) {
            expect(Object.hasOwn(properties, filter.field)).toBe(true);
            expect(OPS.has(filter.op)).toBe(true);
          }
        } catch (error) {
          expect(isHttpError(error) && error.status).toBe(400);
        }
      }),
      { numRuns: 500 },
    );
  });
});
