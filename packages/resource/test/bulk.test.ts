// Bulk PATCH of a collection over real HTTP (issue 19): one request, a JSON array of
// { id, ifMatch, patch }, answered 207 Multi-Status with the problem each item's own PATCH would
// give; atomic resources write all or nothing (424 for the items that did not fail).
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createApi,
  defineResource,
  describeApi,
  memoryStore,
  type ResourceBase,
  type Store,
  type ValueOf,
} from '../src/index.js';
import { JSON_BODY, useServer } from './_http.js';

const schema = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', readOnly: true },
    title: { type: 'string', minLength: 1 },
    done: { type: 'boolean', default: false },
    owner: { type: 'string', readOnly: true },
  },
} as const;

function createBulkApi() {
  const tasks = defineResource({
    name: 'tasks',
    path: '/tasks/{taskId}',
    schema,
    store: memoryStore(),
    bulk: { maxItems: 3 },
  });
  const chores = defineResource({
    name: 'chores',
    path: '/chores/{choreId}',
    schema,
    store: memoryStore(),
    bulk: { atomic: true },
  });
  // A writer slips in between the checks of the request and the store's replaceAll.
  const raced = memoryStore<ValueOf<typeof schema>>();
  const races = defineResource({
    name: 'races',
    path: '/races/{raceId}',
    schema,
    store: {
      ...raced,
      replaceAll: async (inputs) => {
        const last = inputs[inputs.length - 1];
        if (last !== undefined)
          await raced.replace({ ...last, value: { title: 'theirs', done: false } });
        return (raced.replaceAll as NonNullable<typeof raced.replaceAll>)(inputs);
      },
    },
    bulk: { atomic: true },
  });
  const notes = defineResource({
    name: 'notes',
    path: '/notes/{noteId}',
    schema,
    store: memoryStore(),
  });
  return createApi({ base: '/api', resources: [tasks, chores, races, notes] as ResourceBase[] });
}

let api = createBulkApi();
const { send } = useServer(() => api.fetch);

type Outcome = { id: string; status: number; etag?: string; problem?: Record<string, unknown> };
const itemsOf = (answer: { json: <T>() => T }) => answer.json<{ items: Outcome[] }>().items;

/** Creates three items of a collection; their ETags by id. */
async function seed(collection: string): Promise<Record<string, string>> {
  const tags: Record<string, string> = {};
  for (const title of ['one', 'two', 'three']) {
    const answer = await send('POST', `/api/${collection}`, {
      headers: JSON_BODY,
      body: JSON.stringify({ title }),
    });
    expect(answer.status).toBe(201);
    tags[answer.json<{ id: string }>().id] = answer.headers.get('etag') ?? '';
  }
  return tags;
}

const bulk = (collection: string, body: unknown, headers: Record<string, string> = JSON_BODY) =>
  send('PATCH', `/api/${collection}`, {
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function titleOf(collection: string, id: string): Promise<unknown> {
  return (await send('GET', `/api/${collection}/${id}?format=json`)).json<{ title: string }>()
    .title;
}

beforeEach(() => {
  api = createBulkApi();
});

describe('bulk PATCH, each item on its own', () => {
  it('answers 207 with 200 and the new ETag, 412, 428, 404 and 422 side by side', async () => {
    const tags = await seed('tasks');
    const answer = await bulk('tasks', [
      { id: '1', ifMatch: tags['1'], patch: { title: 'uno', done: true } },
      { id: '2', ifMatch: '"v9-x-hal"', patch: { title: 'dos' } },
      { id: '3', patch: { title: 'tres' } },
    ]);
    expect(answer.status).toBe(207);
    expect(answer.headers.get('content-type')).toBe('application/json');
    const items = itemsOf(answer);
    expect(items.map((item) => [item.id, item.status])).toEqual([
      ['1', 200],
      ['2', 412],
      ['3', 428],
    ]);
    // The new ETag is the one GET answers, and If-Match on the item accepts it.
    const read = await send('GET', '/api/tasks/1');
    expect(items[0]?.etag).toBe(read.headers.get('etag'));
    expect(read.json()).toMatchObject({ title: 'uno', done: true });
    const alone = await send('PATCH', '/api/tasks/2', {
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': '"v9-x-hal"' },
      body: '{"title":"dos"}',
    });
    expect(items[1]?.problem).toEqual(alone.json());
    expect(items[1]?.problem).toMatchObject({ status: 412, instance: '/api/tasks/2' });
    expect(items[1]?.etag).toBe(tags['2']);
    expect(items[2]?.problem).toMatchObject({ status: 428 });
    expect([await titleOf('tasks', '2'), await titleOf('tasks', '3')]).toEqual(['two', 'three']);

    const more = await bulk('tasks', [
      { id: '404', ifMatch: tags['1'], patch: { title: 'x' } },
      { id: '2', ifMatch: tags['2'], patch: { title: '' } },
      { id: '3', ifMatch: tags['3'], patch: { title: 'tres' } },
    ]);
    const outcomes = itemsOf(more);
    expect(outcomes.map((item) => item.status)).toEqual([404, 422, 200]);
    expect(outcomes[0]?.problem).toMatchObject({ detail: 'There is no task 404.' });
    expect(await titleOf('tasks', '3')).toBe('tres');
  });

  it('gives each item the problem document its own PATCH gives', async () => {
    const tags = await seed('tasks');
    const patch = { title: '' };
    const alone = await send('PATCH', '/api/tasks/2', {
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': tags['2'] ?? '' },
      body: JSON.stringify(patch),
    });
    const [outcome] = itemsOf(await bulk('tasks', [{ id: '2', ifMatch: tags['2'], patch }]));
    expect(alone.status).toBe(422);
    expect(outcome).toEqual({ id: '2', status: 422, problem: alone.json() });
  });

  it('keeps readOnly members as the item PATCH does', async () => {
    const tags = await seed('tasks');
    const alone = await send('PATCH', '/api/tasks/1', {
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': tags['1'] ?? '' },
      body: '{"owner":"mallory"}',
    });
    const [outcome] = itemsOf(
      await bulk('tasks', [{ id: '1', ifMatch: tags['1'], patch: { owner: 'mallory' } }]),
    );
    expect(outcome?.status).toBe(alone.status);
    expect(outcome?.status).toBeGreaterThanOrEqual(400);
    expect((await send('GET', '/api/tasks/1?format=json')).json()).not.toHaveProperty('owner');
  });
});

describe('bulk PATCH, all or nothing', () => {
  it('writes every item when all pass', async () => {
    const tags = await seed('chores');
    const answer = await bulk('chores', [
      { id: '3', ifMatch: tags['3'], patch: { done: true } },
      { id: '1', ifMatch: tags['1'], patch: { title: 'uno' } },
    ]);
    expect(answer.status).toBe(207);
    const items = itemsOf(answer);
    expect(items.map((item) => [item.id, item.status])).toEqual([
      ['3', 200],
      ['1', 200],
    ]);
    expect(items[1]?.etag).toMatch(/^"v2-/);
    expect(await titleOf('chores', '1')).toBe('uno');
  });

  it('writes nothing when one fails: it carries its problem, the others 424', async () => {
    const tags = await seed('chores');
    const answer = await bulk('chores', [
      { id: '1', ifMatch: tags['1'], patch: { title: 'uno' } },
      { id: '2', ifMatch: tags['1'], patch: { title: 'dos' } },
      { id: '3', ifMatch: tags['3'], patch: { title: 'tres' } },
    ]);
    const items = itemsOf(answer);
    expect(items.map((item) => item.status)).toEqual([424, 412, 424]);
    expect(items[0]?.problem).toMatchObject({ status: 424, title: 'Failed Dependency' });
    expect(items[1]?.problem).toMatchObject({ status: 412 });
    const titles = await Promise.all(['1', '2', '3'].map((id) => titleOf('chores', id)));
    expect(titles).toEqual(['one', 'two', 'three']);
    // Nothing moved on: the old tags still write.
    const retry = await bulk('chores', [{ id: '1', ifMatch: tags['1'], patch: { title: 'uno' } }]);
    expect(itemsOf(retry)[0]?.status).toBe(200);
  });

  it('writes nothing when an item changes after the checks: 412 with its new tag, 424', async () => {
    const tags = await seed('races');
    const answer = await bulk('races', [
      { id: '1', ifMatch: tags['1'], patch: { title: 'uno' } },
      { id: '2', ifMatch: tags['2'], patch: { title: 'dos' } },
    ]);
    const items = itemsOf(answer);
    expect(items.map((item) => item.status)).toEqual([424, 412]);
    expect(items[1]?.etag).toBe((await send('GET', '/api/races/2')).headers.get('etag'));
    expect(await titleOf('races', '1')).toBe('one');
    expect(await titleOf('races', '2')).toBe('theirs');
  });

  it('refuses at declaration a store without replaceAll', () => {
    const { replaceAll: _replaceAll, ...plain } = memoryStore() as Store<never>;
    expect(() =>
      defineResource({
        name: 'jobs',
        path: '/jobs/{jobId}',
        schema,
        store: plain,
        bulk: { atomic: true },
      }),
    ).toThrow(/replaceAll/);
  });
});

describe('what the collection says about bulk', () => {
  it('lists PATCH in Allow with Accept-Patch: application/json only where bulk is on', async () => {
    const on = await send('OPTIONS', '/api/tasks');
    expect(on.headers.get('allow')).toContain('PATCH');
    expect(on.headers.get('accept-patch')).toBe('application/json');
    const page = await send('GET', '/api/tasks');
    expect(page.headers.get('accept-patch')).toBe('application/json');
    const off = await send('OPTIONS', '/api/notes');
    expect(off.headers.get('allow')).not.toContain('PATCH');
    expect(off.headers.get('accept-patch')).toBeNull();
    expect((await send('GET', '/api/notes')).headers.get('accept-patch')).toBeNull();
    expect((await bulk('notes', [])).status).toBe(405);
  });

  it('describes the operation with its request schema and 207 answer', () => {
    const route = describeApi(api).routes.find(
      (entry) => entry.method === 'PATCH' && entry.pattern === '/api/tasks',
    );
    expect(route).toMatchObject({
      operationId: 'patchTasks',
      requestBody: { mediaTypes: ['application/json'], schema: { type: 'array', maxItems: 3 } },
      response: { status: 207, mediaTypes: ['application/json'] },
    });
    expect(describeApi(api).routes.some((entry) => entry.pattern === '/api/notes')).toBe(false);
  });
});

describe('bad bulk requests', () => {
  it('answers 413 past maxItems, writing nothing', async () => {
    const tags = await seed('tasks');
    const entries = ['1', '2', '3', '4'].map((id) => ({
      id,
      ifMatch: tags[id],
      patch: { done: true },
    }));
    const answer = await bulk('tasks', entries);
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.json()).toMatchObject({ status: 413, maxItems: 3 });
    expect((await send('GET', '/api/tasks/1?format=json')).json()).toMatchObject({ done: false });
  });

  const hostile: [string, number, string, Record<string, string>][] = [
    ['not JSON', 400, '[{"id":', JSON_BODY],
    ['an empty body', 400, '', JSON_BODY],
    ['an object, not an array', 422, '{"id":"1","patch":{}}', JSON_BODY],
    ['a string', 422, '"1"', JSON_BODY],
    ['an entry without id', 422, '[{"patch":{}}]', JSON_BODY],
    ['an empty id', 422, '[{"id":"","patch":{}}]', JSON_BODY],
    ['a numeric id', 422, '[{"id":1,"patch":{}}]', JSON_BODY],
    ['an entry without patch', 422, '[{"id":"1"}]', JSON_BODY],
    ['a non-object patch', 422, '[{"id":"1","patch":[1]}]', JSON_BODY],
    ['a null patch', 422, '[{"id":"1","patch":null}]', JSON_BODY],
    ['an unknown member', 422, '[{"id":"1","patch":{},"op":"x"}]', JSON_BODY],
    [
      'an If-Match with a line break',
      422,
      '[{"id":"1","ifMatch":"\\"a\\"\\r\\nX: y","patch":{}}]',
      JSON_BODY,
    ],
    [
      'an If-Match beyond Latin-1',
      422,
      '[{"id":"1","ifMatch":"\\"\\u2603\\"","patch":{}}]',
      JSON_BODY,
    ],
    ['duplicate ids', 422, '[{"id":"1","patch":{}},{"id":"1","patch":{}}]', JSON_BODY],
    ['a __proto__ entry', 422, '[{"__proto__":{"id":"1"},"patch":{}}]', JSON_BODY],
    ['a merge patch media type', 415, '[]', { 'Content-Type': 'application/merge-patch+json' }],
    ['text', 415, '[]', { 'Content-Type': 'text/plain' }],
    ['a huge body', 413, `[${'{"id":"1","patch":{}},'.repeat(60_000)}1]`, JSON_BODY],
  ];

  it.each(hostile)('%s → %i', async (_name, status, body, headers) => {
    await seed('tasks');
    const answer = await bulk('tasks', body, headers);
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.json()).toMatchObject({ status });
    expect(await titleOf('tasks', '1')).toBe('one');
  });

  it('names the repeated id by pointer', async () => {
    const answer = await bulk('tasks', [
      { id: '1', patch: {} },
      { id: '2', patch: {} },
      { id: '1', patch: {} },
    ]);
    expect(answer.json()).toMatchObject({ errors: [{ pointer: '/2/id' }] });
  });

  it('answers a patch nested deeper than the item PATCH takes with 413 for that item', async () => {
    const tags = await seed('tasks');
    const deep = `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}`;
    const alone = await send('PATCH', '/api/tasks/1', {
      headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': tags['1'] ?? '' },
      body: deep,
    });
    const answer = await bulk(
      'tasks',
      `[{"id":"1","ifMatch":${JSON.stringify(tags['1'])},"patch":${deep}},` +
        `{"id":"2","ifMatch":${JSON.stringify(tags['2'])},"patch":{"done":true}}]`,
    );
    expect(answer.status).toBe(207);
    expect(itemsOf(answer)).toEqual([
      { id: '1', status: 413, problem: alone.json() },
      { id: '2', status: 200, etag: expect.stringMatching(/^"v2-/) as unknown },
    ]);
  });

  it('answers an id the resource cannot have with 404 for that item', async () => {
    await seed('tasks');
    const items = itemsOf(await bulk('tasks', [{ id: '../1', ifMatch: '*', patch: {} }]));
    expect(items).toMatchObject([{ id: '../1', status: 404 }]);
  });
});
