import { Ajv } from 'ajv';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from './http-error.js';
import { MAX_ISSUES, issueCollector, issuesFromAjv, validationError } from './validation-issues.js';

const ajv = new Ajv({ allErrors: true });
const blogSchema = {
  type: 'object',
  required: ['title', 'author'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1 },
    tags: { type: 'array', items: { type: 'string' } },
    author: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: { name: { type: 'string' }, 'a/b~c': { type: 'integer' } },
    },
  },
};
const validateBlog = ajv.compile(blogSchema);

describe('issuesFromAjv', () => {
  it('points at the failing value from instancePath', () => {
    validateBlog({ title: '', tags: ['a', 2], author: { name: 'x' } });
    expect(issuesFromAjv(validateBlog.errors)).toEqual([
      { pointer: '/title', detail: 'must NOT have fewer than 1 characters' },
      { pointer: '/tags/1', detail: 'must be string' },
    ]);
  });

  it('points at the missing member of a required error', () => {
    validateBlog({ title: 't', author: {} });
    expect(issuesFromAjv(validateBlog.errors)).toEqual([
      { pointer: '/author/name', detail: 'is required' },
    ]);
  });

  it('points at the extra member of an additionalProperties error, escaped per rfc 6901', () => {
    validateBlog({ title: 't', author: { name: 'n', 'x/y': 1 }, 'a~b': 1 });
    expect(issuesFromAjv(validateBlog.errors)).toEqual([
      { pointer: '/a~0b', detail: 'is not allowed' },
      { pointer: '/author/x~1y', detail: 'is not allowed' },
    ]);
  });

  it('keeps escaped tokens of instancePath as they are', () => {
    validateBlog({ title: 't', author: { name: 'n', 'a/b~c': 'x' } });
    expect(issuesFromAjv(validateBlog.errors)).toEqual([
      { pointer: '/author/a~1b~0c', detail: 'must be integer' },
    ]);
  });

  it('points at the root for a root type error', () => {
    validateBlog([]);
    expect(issuesFromAjv(validateBlog.errors)).toEqual([{ pointer: '', detail: 'must be object' }]);
  });

  it('names query parameters by the first pointer token', () => {
    const validateQuery = ajv.compile({
      type: 'object',
      required: ['page_size'],
      properties: {
        page_size: { type: 'integer', maximum: 100 },
        sort: { type: 'array', items: { enum: ['title'] } },
      },
      additionalProperties: false,
    });
    validateQuery({ sort: ['title', 'x'], q: 'a' });
    expect(issuesFromAjv(validateQuery.errors, { in: 'query' })).toEqual([
      { parameter: 'page_size', detail: 'is required' },
      { parameter: 'q', detail: 'is not allowed' },
      { parameter: 'sort', detail: 'must be one of "title"' },
    ]);
  });

  it('names headers by the first pointer token', () => {
    const validateHeaders = ajv.compile({
      type: 'object',
      properties: { 'x-api-version': { const: '2' } },
    });
    validateHeaders({ 'x-api-version': '1' });
    expect(issuesFromAjv(validateHeaders.errors, { in: 'header' })).toEqual([
      { header: 'x-api-version', detail: 'must be equal to constant' },
    ]);
  });

  it('handles the other member keywords and missing messages', () => {
    expect(
      issuesFromAjv([
        {
          keyword: 'dependentRequired',
          instancePath: '/a',
          params: { missingProperty: 'b' },
          message: 'needs b',
        },
        { keyword: 'propertyNames', instancePath: '', params: { propertyName: 'Bad' } },
        {
          keyword: 'unevaluatedProperties',
          instancePath: '',
          params: { unevaluatedProperty: 'z' },
          message: 'no',
        },
        { keyword: 'required', instancePath: '', params: {} },
      ]),
    ).toEqual([
      { pointer: '/a/b', detail: 'is required' },
      { pointer: '/Bad', detail: 'is not an allowed name' },
      { pointer: '/z', detail: 'is not allowed' },
      { pointer: '', detail: 'fails the required rule' },
    ]);
  });

  it('gives an empty list for null or undefined', () => {
    expect(issuesFromAjv(null)).toEqual([]);
    expect(issuesFromAjv(undefined)).toEqual([]);
  });
});

describe('issuesFromAjv: duplicates and if', () => {
  it('lists a pointer and detail once, and leaves out the summary error of an if', () => {
    const validate = ajv.compile({
      type: 'object',
      if: { required: ['kind'] },
      then: { required: ['size'] },
      properties: { n: { type: 'integer' } },
    });
    validate({ kind: 'a', n: 'x' });
    expect(issuesFromAjv(validate.errors)).toEqual([
      { pointer: '/size', detail: 'is required' },
      { pointer: '/n', detail: 'must be integer' },
    ]);
    const twice = { keyword: 'type', instancePath: '/n', params: {}, message: 'must be integer' };
    expect(issuesFromAjv([twice, twice])).toEqual([{ pointer: '/n', detail: 'must be integer' }]);
  });
});

describe('validationError', () => {
  it('is a 422 with the issues and a count in detail', () => {
    const error = validationError([{ pointer: '/title', detail: 'must be string' }]);
    expect(error.status).toBe(422);
    expect(error.detail).toBe('The request has 1 invalid value.');
    expect(error.errors).toEqual([{ pointer: '/title', detail: 'must be string' }]);
  });

  it('can be a 400 with its own detail and type', () => {
    const error = validationError(
      [
        { parameter: 'page', detail: 'must be a number' },
        { parameter: 'page_size', detail: 'must be a number' },
      ],
      { status: 400, type: '/problems/bad-query' },
    );
    expect(error.status).toBe(400);
    expect(error.type).toBe('/problems/bad-query');
    expect(error.detail).toBe('The request has 2 invalid values.');
    expect(validationError([], { detail: 'own' }).detail).toBe('own');
  });
});

describe('validationError: a hostile body cannot amplify the answer', () => {
  const validateClosed = ajv.compile({ type: 'object', additionalProperties: false });
  const body = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`m${i}`, i]));

  it(`lists at most ${MAX_ISSUES} issues and counts the rest`, () => {
    validateClosed(body);
    const error = validationError(issuesFromAjv(validateClosed.errors));
    expect(error.errors).toHaveLength(MAX_ISSUES);
    expect(error.errors?.[0]).toEqual({ pointer: '/m0', detail: 'is not allowed' });
    expect(error.extensions).toEqual({ omittedErrors: 5_000 - MAX_ISSUES });
    expect(error.detail).toBe(
      `The request has 5000 invalid values; the first ${MAX_ISSUES} are listed.`,
    );
  });

  it('keeps the caller’s extension members beside the count', () => {
    const issues = Array.from({ length: MAX_ISSUES + 1 }, () => ({ detail: 'x', pointer: '' }));
    expect(validationError(issues, { extensions: { hint: 'h' } }).extensions).toEqual({
      hint: 'h',
      omittedErrors: 1,
    });
  });

  it('adds no count when everything is listed', () => {
    const issues = Array.from({ length: MAX_ISSUES }, () => ({ detail: 'x', pointer: '' }));
    expect(validationError(issues).extensions).toEqual({});
  });
});

describe('validationError: the statuses that list issues', () => {
  it.each([400, 403, 413, 422] as const)('can be a %i', (status) => {
    const error = validationError([{ pointer: '/0/path', detail: 'is not allowed' }], { status });
    expect(error.status).toBe(status);
    expect(error.errors).toEqual([{ pointer: '/0/path', detail: 'is not allowed' }]);
  });
});

describe('issueCollector: the same cap while collecting', () => {
  const issue = (index: number): ValidationIssue => ({
    pointer: `/${index}`,
    detail: 'is refused',
  });

  it(`keeps the first ${MAX_ISSUES}, counts all and makes the same error as validationError`, () => {
    const collector = issueCollector();
    const all = Array.from({ length: MAX_ISSUES + 5 }, (_, index) => issue(index));
    for (const each of all) collector.add(each);
    expect(collector.total).toBe(MAX_ISSUES + 5);
    const error = collector.error({ status: 413, detail: 'Too large.' });
    expect(error.status).toBe(413);
    expect(error.detail).toBe('Too large.');
    expect(error.errors).toEqual(all.slice(0, MAX_ISSUES));
    expect(error.extensions).toEqual({ omittedErrors: 5 });
  });

  it('builds an issue given as a function only when it is listed', () => {
    const collector = issueCollector();
    let built = 0;
    for (let index = 0; index < 1_000; index++) {
      collector.add(() => {
        built++;
        return issue(index);
      });
    }
    expect(built).toBe(MAX_ISSUES);
    expect(collector.total).toBe(1_000);
    expect(collector.error({ status: 403 }).extensions).toEqual({
      omittedErrors: 1_000 - MAX_ISSUES,
    });
  });

  it('answers 422 with the counting detail by default', () => {
    const collector = issueCollector();
    collector.add(issue(0));
    const error = collector.error();
    expect(error.status).toBe(422);
    expect(error.detail).toBe('The request has 1 invalid value.');
  });

  it('agrees with validationError for any list and init', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ pointer: fc.string(), detail: fc.string() }), { maxLength: 60 }),
        fc.constantFrom(400, 403, 413, 422),
        fc.option(fc.dictionary(fc.string(), fc.integer()), { nil: undefined }),
        (issues, status, extensions) => {
          const init = { status, ...(extensions !== undefined && { extensions }) } as const;
          const collector = issueCollector();
          for (const each of issues) collector.add(() => each);
          const collected = collector.error(init);
          const direct = validationError(issues, init);
          expect(collected.status).toBe(direct.status);
          expect(collected.detail).toBe(direct.detail);
          expect(collected.errors).toEqual(direct.errors);
          expect(collected.extensions).toEqual(direct.extensions);
        },
      ),
    );
  });
});
