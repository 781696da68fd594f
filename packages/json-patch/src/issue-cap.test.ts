// Error answers stay small however many problems a body has (hardening issue, item 3): every
// list is capped at MAX_ISSUES with `omittedErrors` counting the rest, Ajv errors are worded by
// the toolkit's one converter (issuesFromAjv), and a large invalid document is not validated
// with allErrors at all.
import { describe, expect, it } from 'vitest';
import { isHttpError, MAX_ISSUES, type HttpError } from '@fielding/problem-errors';
import { applyPatch } from './apply-patch.js';
import type { Patch } from './operation.js';
import { validatePatch } from './patch-document.js';
import { applyPatchRequest, JSON_PATCH, MERGE_PATCH } from './patch-request.js';

async function failure(run: () => unknown): Promise<HttpError> {
  try {
    await run();
  } catch (error) {
    if (isHttpError(error)) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

const strict = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: { id: { type: 'integer' }, title: { type: 'string', minLength: 1 } },
};

const document = { id: 7, title: 'Draft' };

/** A merge patch adding `count` members the schema does not allow: m0, m1, … */
function unknownMembers(count: number): string {
  const members = Array.from({ length: count }, (_, index) => `"m${index}":0`);
  return `{${members.join(',')}}`;
}

const patchRequest = (body: string, contentType: string): Request =>
  new Request('https://api.test/posts/7', {
    method: 'PATCH',
    headers: { 'Content-Type': contentType },
    body,
  });

describe('422: the patched resource fails its schema', () => {
  it('lists the first 20 problems, worded by issuesFromAjv, and counts the rest', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest(unknownMembers(200), MERGE_PATCH), document, {
        schema: strict,
      }),
    );
    expect(error.status).toBe(422);
    expect(error.errors).toHaveLength(MAX_ISSUES);
    expect(error.errors?.slice(0, 2)).toEqual([
      { pointer: '/m0', detail: 'is not allowed' },
      { pointer: '/m1', detail: 'is not allowed' },
    ]);
    expect(error.extensions).toEqual({ omittedErrors: 180 });
  });

  it.each([
    ['a missing member', '{"title":null}', [{ pointer: '/title', detail: 'is required' }]],
    ['a wrong type', '{"id":"7"}', [{ pointer: '/id', detail: 'must be integer' }]],
    [
      'several problems, each once',
      '{"title":"","x":1}',
      [
        { pointer: '/x', detail: 'is not allowed' },
        { pointer: '/title', detail: 'must NOT have fewer than 1 characters' },
      ],
    ],
  ])('words %s like the rest of the toolkit', async (_, body, errors) => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest(body, MERGE_PATCH), document, { schema: strict }),
    );
    expect(error.errors).toEqual(errors);
    expect(error.extensions).toEqual({});
  });

  it('answers a huge invalid document with its first problem, without listing them all', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest(unknownMembers(50_000), MERGE_PATCH), document, {
        schema: strict,
      }),
    );
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([{ pointer: '/m0', detail: 'is not allowed' }]);
    expect(error.detail).toContain('first');
  });

  it('caps issues from a custom validate function too', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest('{}', MERGE_PATCH), document, {
        validate: () =>
          Array.from({ length: 50 }, (_, index) => ({ pointer: `/${index}`, detail: 'is bad' })),
      }),
    );
    expect(error.errors).toHaveLength(MAX_ISSUES);
    expect(error.extensions).toEqual({ omittedErrors: 30 });
  });
});

describe('400: the patch document is malformed', () => {
  it('lists the first 20 problems and counts the rest', async () => {
    const patch = Array.from({ length: 100 }, () => ({ op: 'nope', path: '/a' }));
    const error = await failure(() => applyPatch({}, patch as unknown as Patch));
    expect(error.status).toBe(400);
    expect(error.errors).toHaveLength(MAX_ISSUES);
    expect(error.errors?.[0]).toEqual({
      pointer: '/0/op',
      detail: 'must be one of "add", "remove", "replace", "move", "copy", "test"',
    });
    expect(error.extensions).toEqual({ omittedErrors: 80 });
  });

  it('answers a long malformed patch with its first problem', async () => {
    const body = JSON.stringify(Array.from({ length: 10_000 }, () => ({ path: 1 })));
    const error = await failure(() => applyPatchRequest(patchRequest(body, JSON_PATCH), document));
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([{ pointer: '/0/op', detail: 'is required' }]);
  });

  it('caps invalid pointers', () => {
    const patch = Array.from({ length: 30 }, () => ({ op: 'remove', path: 'a' }));
    const issues = validatePatch(patch);
    expect(issues).toHaveLength(MAX_ISSUES);
    expect(issues[0]).toEqual({ pointer: '/0/path', detail: 'is not a JSON Pointer' });
  });
});

describe('403 and 413: policy and limits', () => {
  it('lists the first 20 refused members of a merge patch and counts the rest', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest(unknownMembers(1000), MERGE_PATCH), document, {
        policy: { allow: ['/title'] },
      }),
    );
    expect(error.status).toBe(403);
    expect(error.errors).toHaveLength(MAX_ISSUES);
    expect(error.errors?.[0]).toEqual({
      pointer: '/m0',
      detail: '"replace" is not allowed at this location.',
    });
    expect(error.extensions).toEqual({ omittedErrors: 980 });
  });

  it('lists the first 20 refused operations of a json patch and counts the rest', async () => {
    const patch = Array.from({ length: 30 }, () => ({ op: 'remove', path: '/id' }));
    const error = await failure(() =>
      applyPatch(document, patch as Patch, { policy: { readOnly: ['/id'] } }),
    );
    expect(error.status).toBe(403);
    expect(error.detail).toBe('The patch touches locations it may not.');
    expect(error.errors).toHaveLength(MAX_ISSUES);
    expect(error.extensions).toEqual({ omittedErrors: 10 });
  });

  it('words a single refusal in the singular and lists it alone', async () => {
    const patch: Patch = [{ op: 'remove', path: '/id' }];
    const error = await failure(() =>
      applyPatch(document, patch, { policy: { readOnly: ['/id'] } }),
    );
    expect(error.status).toBe(403);
    expect(error.detail).toBe('The patch touches a location it may not.');
    expect(error.errors).toEqual([{ pointer: '/0/path', detail: 'This location is read-only.' }]);
    expect(error.extensions).toEqual({});
  });

  it('lists the first 20 values over the limits and counts the rest', async () => {
    const patch = Array.from({ length: 25 }, () => ({ op: 'add', path: '/a', value: [[1]] }));
    const error = await failure(() => applyPatch({}, patch as Patch, { limits: { maxDepth: 1 } }));
    expect(error.status).toBe(413);
    expect(error.detail).toBe('The patch exceeds the configured limits.');
    expect(error.errors).toHaveLength(MAX_ISSUES);
    expect(error.errors?.[0]).toEqual({ pointer: '/0/value', detail: 'nests deeper than 1' });
    expect(error.extensions).toEqual({ omittedErrors: 5 });
  });
});
