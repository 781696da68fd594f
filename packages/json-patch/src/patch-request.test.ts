import { describe, expect, it } from 'vitest';
import { isHttpError, type HttpError } from '@fielding/problem-errors';
import {
  ACCEPT_PATCH,
  JSON_PATCH,
  MERGE_PATCH,
  acceptPatch,
  applyPatchRequest,
  patchResource,
} from './patch-request.js';
import { schemaCacheSize, schemaCompilations } from './_ajv.js';

const post = { id: 7, title: 'Draft', tags: ['rest'], secret: 'x' };

const schema = {
  type: 'object',
  required: ['id', 'title'],
  properties: {
    id: { type: 'integer' },
    title: { type: 'string', minLength: 1 },
    tags: { type: 'array' },
  },
};

const patchRequest = (
  body: BodyInit | null,
  contentType?: string,
  headers: HeadersInit = {},
): Request =>
  new Request('https://api.test/posts/7', {
    method: 'PATCH',
    headers: { ...(contentType && { 'Content-Type': contentType }), ...headers },
    body,
  });

async function failure(run: () => Promise<unknown>): Promise<HttpError> {
  try {
    await run();
  } catch (error) {
    if (isHttpError(error)) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('applyPatchRequest', () => {
  it('applies a json patch body', async () => {
    const request = patchRequest(
      JSON.stringify([{ op: 'add', path: '/tags/-', value: 'http' }]),
      JSON_PATCH,
    );
    expect(await applyPatchRequest(request, post)).toEqual({ ...post, tags: ['rest', 'http'] });
  });

  it('applies a merge patch body, ignoring parameters and case in the media type', async () => {
    const request = patchRequest(
      '{"title":"Final","secret":null}',
      'Application/Merge-Patch+JSON; charset=utf-8',
    );
    expect(await applyPatchRequest(request, post)).toEqual({
      id: 7,
      title: 'Final',
      tags: ['rest'],
    });
  });

  it.each([
    ['application/json', 'application/json'],
    ['text/plain', 'text/plain'],
    ['no content type', undefined],
  ])('rfc 5789 §2.2: %s is a 415 with Accept-Patch', async (_, contentType) => {
    const error = await failure(() => applyPatchRequest(patchRequest('[]', contentType), post));
    expect(error.status).toBe(415);
    expect(error.headers.get('Accept-Patch')).toBe(ACCEPT_PATCH);
  });

  it('rfc 9110 §15.5.16: a compressed body is a 415 with Accept-Encoding: identity', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest('[]', JSON_PATCH, { 'Content-Encoding': 'gzip' }), post),
    );
    expect(error.status).toBe(415);
    expect(error.headers.get('Accept-Encoding')).toBe('identity');
  });

  it('keeps Accept-Patch on a 415 whatever the method', async () => {
    const request = new Request('https://api.test/posts/7', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '[]',
    });
    const error = await failure(() => applyPatchRequest(request, post));
    expect(error.status).toBe(415);
    expect(error.headers.get('Accept-Patch')).toBe(ACCEPT_PATCH);
  });

  it('answers malformed json with a 400 pointing at the offending position', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest('[\n  {"op": }]', JSON_PATCH), post),
    );
    expect(error.status).toBe(400);
    expect(error.extensions).toMatchObject({ position: { line: 2, column: 10, offset: 11 } });
  });

  it('limits the accepted formats', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest('{}', MERGE_PATCH), post, { mediaTypes: [JSON_PATCH] }),
    );
    expect(error.status).toBe(415);
    expect(error.headers.get('Accept-Patch')).toBe(JSON_PATCH);
  });

  it.each([
    ['malformed json', '[{"op":', JSON_PATCH],
    ['an empty body', null, JSON_PATCH],
    ['a patch document that is not an array', '{"op":"add"}', JSON_PATCH],
    ['malformed merge patch json', '{', MERGE_PATCH],
  ])('rfc 5789 §2.2: %s is a 400', async (_, body, contentType) => {
    expect(
      (await failure(() => applyPatchRequest(patchRequest(body, contentType), post))).status,
    ).toBe(400);
  });

  it.each([
    ['a patch type', JSON_PATCH],
    ['another type', 'text/plain'],
    ['no type', undefined],
  ])(
    'a request without a body is a 400 with %s (there is no content to be of a type)',
    async (_, contentType) => {
      const error = await failure(() =>
        applyPatchRequest(patchRequest(null, contentType, { 'Content-Length': '0' }), post),
      );
      expect(error.status).toBe(400);
      expect(error.detail).toBe('The request has no body; send a JSON document.');
    },
  );

  it('rejects a body that is not utf-8 with a 400', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest(new Uint8Array([0x5b, 0xff, 0x5d]), JSON_PATCH), post),
    );
    expect(error.detail).toContain('UTF-8');
  });

  it('points at the offending operation member', async () => {
    const body = JSON.stringify([
      { op: 'test', path: '/id', value: 7 },
      { op: 'add', path: 'title', value: 1 },
    ]);
    const error = await failure(() => applyPatchRequest(patchRequest(body, JSON_PATCH), post));
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([{ pointer: '/1/path', detail: 'is not a JSON Pointer' }]);
  });

  it('rfc 5789 §2.2: a failing test is a 409 (conflicting state)', async () => {
    const body = JSON.stringify([{ op: 'test', path: '/title', value: 'Other' }]);
    expect(
      (await failure(() => applyPatchRequest(patchRequest(body, JSON_PATCH), post))).status,
    ).toBe(409);
  });

  it('rfc 5789 §2.2: a result that breaks the schema is a 422 with pointers into the resource', async () => {
    const body = JSON.stringify([
      { op: 'replace', path: '/title', value: '' },
      { op: 'replace', path: '/id', value: 'seven' },
    ]);
    const error = await failure(() =>
      applyPatchRequest(patchRequest(body, JSON_PATCH), post, { schema }),
    );
    expect(error.status).toBe(422);
    expect(error.errors?.map((issue) => issue.pointer).sort()).toEqual(['/id', '/title']);
    const missing = await failure(() =>
      applyPatchRequest(patchRequest('{"title":null}', MERGE_PATCH), post, { schema }),
    );
    expect(missing.errors).toEqual([{ pointer: '/title', detail: 'is required' }]);
  });

  it('accepts a valid result against the schema (compiled once per schema object)', async () => {
    for (let round = 0; round < 2; round++) {
      const request = patchRequest('{"title":"Final"}', MERGE_PATCH);
      expect(await applyPatchRequest(request, post, { schema })).toMatchObject({ title: 'Final' });
    }
    expect(
      await applyPatchRequest(patchRequest('{}', MERGE_PATCH), post, { schema: true }),
    ).toEqual(post);
  });

  describe('schema compilation (a schema built per request must not leak)', () => {
    // A shape no other test uses, so the counts below start from nothing.
    const counted = (): Record<string, unknown> => ({
      type: 'object',
      required: ['title'],
      properties: { title: { type: 'string', minLength: 1, maxLength: 12_345 } },
    });
    const patchTitle = (title: string): Request =>
      patchRequest(JSON.stringify({ title }), MERGE_PATCH);

    it('compiles 1,000 structurally equal fresh schema objects once', async () => {
      const before = schemaCompilations();
      for (let index = 0; index < 1000; index++) {
        const schema = index % 2 === 0 ? counted() : { ...counted(), type: 'object' };
        expect(await applyPatchRequest(patchTitle(`t${index}`), post, { schema })).toMatchObject({
          title: `t${index}`,
        });
      }
      expect(schemaCompilations() - before).toBe(1);
    });

    it('treats member order as irrelevant and different content as a different schema', async () => {
      const before = schemaCompilations();
      const title = { type: 'string', maxLength: 54_321 };
      await applyPatchRequest(patchTitle('a'), post, {
        schema: { type: 'object', required: ['title'], properties: { title } },
      });
      await applyPatchRequest(patchTitle('b'), post, {
        schema: {
          properties: { title: { maxLength: 54_321, type: 'string' } },
          required: ['title'],
          type: 'object',
        },
      });
      expect(schemaCompilations() - before).toBe(1);
      const shorter = {
        type: 'object',
        required: ['title'],
        properties: { title: { ...title, maxLength: 3 } },
      };
      const error = await failure(() =>
        applyPatchRequest(patchTitle('four'), post, { schema: shorter }),
      );
      expect(error.status).toBe(422);
      expect(
        await applyPatchRequest(patchTitle('abc'), post, { schema: { ...shorter } }),
      ).toMatchObject({
        title: 'abc',
      });
      // Two schemas; the one that failed also compiled its all-errors half.
      expect(schemaCompilations() - before).toBe(3);
    });

    it('compiles fresh schemas with one $id once, and a changed schema under that $id anew', async () => {
      const before = schemaCompilations();
      const versioned = (maxLength: number): Record<string, unknown> => ({
        $id: 'https://api.test/schemas/post',
        type: 'object',
        properties: { title: { type: 'string', maxLength } },
      });
      for (let index = 0; index < 10; index++) {
        await applyPatchRequest(patchTitle('abc'), post, { schema: versioned(5) });
      }
      const error = await failure(() =>
        applyPatchRequest(patchTitle('abc'), post, { schema: versioned(2) }),
      );
      expect(error.errors).toEqual([
        { pointer: '/title', detail: 'must NOT have more than 2 characters' },
      ]);
      // Two schemas; the one that failed also compiled its all-errors half.
      expect(schemaCompilations() - before).toBe(3);
    });

    it('keeps a bounded number of compiled schemas when every request brings a new one', async () => {
      for (let index = 0; index < 300; index++) {
        const schema = { type: 'object', properties: { title: { maxLength: 1000 + index } } };
        await applyPatchRequest(patchTitle('ok'), post, { schema });
        expect(schemaCacheSize()).toBeLessThanOrEqual(64);
      }
    });
  });

  it('runs a custom validator too', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest('{"tags":[]}', MERGE_PATCH), post, {
        validate: (document) =>
          (document as typeof post).tags.length === 0
            ? [{ pointer: '/tags', detail: 'needs a tag' }]
            : undefined,
      }),
    );
    expect(error.status).toBe(422);
    expect(error.errors).toEqual([{ pointer: '/tags', detail: 'needs a tag' }]);
    expect(
      await applyPatchRequest(patchRequest('{}', MERGE_PATCH), post, { validate: () => undefined }),
    ).toEqual(post);
  });

  it('enforces the policy on merge patches, pointing into the merge patch', async () => {
    const policy = { readOnly: ['/id'], hidden: ['/secret'] };
    const error = await failure(() =>
      applyPatchRequest(
        patchRequest('{"id":8,"title":"ok","nested":{"id":1}}', MERGE_PATCH),
        post,
        { policy },
      ),
    );
    expect(error.status).toBe(403);
    expect(error.errors).toEqual([{ pointer: '/id', detail: 'This location is read-only.' }]);
    const removal = await failure(() =>
      applyPatchRequest(patchRequest('{"id":null}', MERGE_PATCH), post, { policy }),
    );
    expect(removal.status).toBe(403);
    const root = await failure(() =>
      applyPatchRequest(patchRequest('[1]', MERGE_PATCH), post, { policy }),
    );
    expect(root.errors?.[0]?.pointer).toBe('');
    expect(
      await applyPatchRequest(patchRequest('{"title":"ok"}', MERGE_PATCH), post, { policy }),
    ).toMatchObject({
      title: 'ok',
    });
  });

  it.each([
    ['an empty object over a read-only number', '{"id":{}}', { readOnly: ['/id'] }, '/id'],
    ['an object over a read-only number', '{"id":{"x":1}}', { readOnly: ['/id'] }, '/id'],
    [
      'an empty object outside the allowed members',
      '{"other":{}}',
      { allow: ['/title'] },
      '/other',
    ],
    ['an object over a document that is not one', '{"a":1}', {}, ''],
  ])(
    'a merge patch object where the target has none is a write there: %s',
    async (_, body, policy, pointer) => {
      const document = (pointer === '' ? [1] : post) as typeof post;
      const error = await failure(() =>
        applyPatchRequest(patchRequest(body, MERGE_PATCH), document, { policy }),
      );
      expect(error.status).toBe(403);
      expect(error.errors?.[0]?.pointer).toBe(pointer);
    },
  );

  it('lets a merge patch object merge into an object below a read-only sibling', async () => {
    const document = { id: 7, meta: { a: 1 } };
    const request = patchRequest('{"meta":{}}', MERGE_PATCH);
    expect(await applyPatchRequest(request, document, { policy: { readOnly: ['/id'] } })).toBe(
      document,
    );
  });

  it('refuses bodies over maxBodySize with a 413, declared or streamed', async () => {
    const body = JSON.stringify([{ op: 'add', path: '/x', value: 'y'.repeat(100) }]);
    const declared = await failure(() =>
      applyPatchRequest(
        patchRequest(body, JSON_PATCH, { 'Content-Length': String(body.length) }),
        post,
        {
          maxBodySize: 50,
        },
      ),
    );
    expect(declared.status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let chunk = 0; chunk < 10; chunk++)
          controller.enqueue(new TextEncoder().encode('[         '));
        controller.close();
      },
    });
    const streamed = await failure(() =>
      applyPatchRequest(
        new Request('https://api.test/posts/7', {
          method: 'PATCH',
          headers: { 'Content-Type': JSON_PATCH },
          body: stream,
          duplex: 'half',
        } as RequestInit),
        post,
        { maxBodySize: 50 },
      ),
    );
    expect(streamed.status).toBe(413);
  });

  it('applies the merge patch depth limit from limits.maxDepth', async () => {
    const error = await failure(() =>
      applyPatchRequest(patchRequest('{"a":{"b":{"c":1}}}', MERGE_PATCH), post, {
        limits: { maxDepth: 2 },
      }),
    );
    expect(error.status).toBe(413);
  });
});

describe('patchResource', () => {
  const store = new Map<string, Record<string, unknown>>();
  const handler = patchResource<Record<string, unknown>>({
    load: (request) => store.get(new URL(request.url).pathname),
    save: (document, request) => {
      store.set(new URL(request.url).pathname, document);
    },
    policy: { readOnly: ['/id'] },
    schema,
  });

  it('answers 200 with the new representation and Accept-Patch', async () => {
    store.set('/posts/7', { ...post });
    const response = await handler(patchRequest('{"title":"Final"}', MERGE_PATCH));
    expect(response.status).toBe(200);
    expect(response.headers.get('Accept-Patch')).toBe(ACCEPT_PATCH);
    expect(await response.json()).toMatchObject({ title: 'Final' });
    expect(store.get('/posts/7')).toMatchObject({ title: 'Final' });
  });

  it('answers every error as problem+json', async () => {
    store.set('/posts/7', { ...post });
    const cases: [Request, number][] = [
      [patchRequest('{"id":1}', MERGE_PATCH), 403],
      [patchRequest('[{"op":"test","path":"/title","value":"x"}]', JSON_PATCH), 409],
      [patchRequest('{"title":""}', MERGE_PATCH), 422],
      [patchRequest('{}', 'application/json'), 415],
      [new Request('https://api.test/posts/8', { method: 'PATCH', body: '{}' }), 404],
    ];
    for (const [request, status] of cases) {
      const response = await handler(request);
      expect(response.status).toBe(status);
      expect(response.headers.get('Content-Type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({ status });
    }
    expect(store.get('/posts/7')).toEqual(post);
  });

  it('uses the response save returns and rethrows errors that are not HttpErrors', async () => {
    store.set('/posts/7', { ...post });
    const custom = patchResource({
      load: () => post,
      save: () => new Response(null, { status: 204 }),
    });
    expect((await custom(patchRequest('{}', MERGE_PATCH))).status).toBe(204);
    const broken = patchResource({
      load: () => {
        throw new TypeError('database down');
      },
      save: () => undefined,
    });
    await expect(broken(patchRequest('{}', MERGE_PATCH))).rejects.toThrow('database down');
  });
});

describe('acceptPatch', () => {
  const middleware = acceptPatch();
  const ok = () => Response.json({});

  it.each(['GET', 'HEAD', 'OPTIONS'])('rfc 5789 §3.1: adds Accept-Patch to %s', async (method) => {
    const response = await middleware(new Request('https://api.test/posts/7', { method }), ok);
    expect(response.headers.get('Accept-Patch')).toBe(ACCEPT_PATCH);
  });

  it('leaves other methods, errors and existing values alone', async () => {
    const url = 'https://api.test/posts/7';
    expect(
      (await middleware(new Request(url, { method: 'POST' }), ok)).headers.has('Accept-Patch'),
    ).toBe(false);
    expect(
      (await middleware(new Request(url), () => new Response(null, { status: 404 }))).headers.has(
        'Accept-Patch',
      ),
    ).toBe(false);
    const own = await middleware(
      new Request(url),
      () => new Response(null, { headers: { 'Accept-Patch': MERGE_PATCH } }),
    );
    expect(own.headers.get('Accept-Patch')).toBe(MERGE_PATCH);
  });

  it('copies responses whose headers are immutable', async () => {
    const only = acceptPatch({ mediaTypes: [JSON_PATCH] });
    const response = await only(new Request('https://api.test/'), () => {
      const immutable = Response.redirect('https://api.test/other', 302);
      return new Response('body', { status: 200, headers: immutable.headers });
    });
    expect(response.headers.get('Accept-Patch')).toBe(JSON_PATCH);
    const frozen = Response.error();
    Object.defineProperty(frozen, 'status', { value: 200 });
    const copied = await only(new Request('https://api.test/'), () => frozen);
    expect(copied.headers.get('Accept-Patch')).toBe(JSON_PATCH);
  });
});
