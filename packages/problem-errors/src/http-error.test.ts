import { describe, expect, it } from 'vitest';
import { HttpError, isHttpError, statusTitle } from './http-error.js';

describe('HttpError', () => {
  it('defaults type to about:blank and title to the status phrase', () => {
    const error = new HttpError(404);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('HttpError');
    expect(error.type).toBe('about:blank');
    expect(error.title).toBe('Not Found');
    expect(error.message).toBe('404 Not Found');
    expect(error.detail).toBeUndefined();
    expect(error.instance).toBeUndefined();
    expect(error.errors).toBeUndefined();
    expect(error.extensions).toEqual({});
    expect([...error.headers]).toEqual([]);
  });

  it('keeps every member it is given', () => {
    const cause = new Error('db');
    const error = new HttpError(409, {
      type: 'https://example.com/probs/conflict',
      title: 'Edit conflict',
      detail: 'Blog 7 changed.',
      instance: '/blogs/7',
      errors: [{ pointer: '/title', detail: 'taken' }],
      extensions: { current: 8 },
      headers: { ETag: '"8"' },
      cause,
    });
    expect(error.message).toBe('409 Edit conflict: Blog 7 changed.');
    expect(error.cause).toBe(cause);
    expect(error.errors).toEqual([{ pointer: '/title', detail: 'taken' }]);
    expect(error.extensions).toEqual({ current: 8 });
    expect(error.headers.get('etag')).toBe('"8"');
  });

  it.each([0, 200, 302, 399, 600, 404.5, Number.NaN])('rejects status %s', (status) => {
    expect(() => new HttpError(status)).toThrow(RangeError);
  });

  it.each([
    ['type', { type: 'not a uri' }],
    ['instance', { instance: '/blogs/7 8' }],
  ])('rejects a %s that is not a uri reference', (_member, init) => {
    expect(() => new HttpError(400, init)).toThrow(TypeError);
  });
});

describe('HttpError stacks', () => {
  it('keeps no call stack for a 4xx (an answer, not a fault) and a full one for a 5xx', () => {
    const answer = new HttpError(404);
    expect(answer.stack).toBe('HttpError: 404 Not Found');
    expect(new HttpError(503).stack?.split('\n').length).toBeGreaterThan(1);
  });

  it('leaves the global stack limit as it found it', () => {
    const before = Error.stackTraceLimit;
    new HttpError(400);
    new HttpError(500);
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('x').stack?.split('\n').length).toBeGreaterThan(1);
  });
});

describe('isHttpError', () => {
  it('recognises instances and look-alikes from another realm or copy', () => {
    expect(isHttpError(new HttpError(400))).toBe(true);
    expect(isHttpError({ name: 'HttpError', status: 400 })).toBe(true);
  });

  it.each([
    ['an error', new Error('x')],
    ['null', null],
    ['a string', 'HttpError'],
    ['a wrong status type', { name: 'HttpError', status: '400' }],
    [
      'an object whose getters throw',
      Object.defineProperty({}, 'name', {
        get() {
          throw new Error('boom');
        },
      }),
    ],
  ])('rejects %s', (_title, value) => {
    expect(isHttpError(value)).toBe(false);
  });
});

describe('statusTitle (rfc 9110 §15, rfc 6585, rfc 4918)', () => {
  it.each([
    [400, 'Bad Request'],
    [413, 'Content Too Large'],
    [422, 'Unprocessable Content'],
    [428, 'Precondition Required'],
    [507, 'Insufficient Storage'],
    [499, 'Client Error'],
    [599, 'Server Error'],
  ])('%i → %s', (status, title) => {
    expect(statusTitle(status)).toBe(title);
  });
});
