// describeApi over the shared declarations (tasks with filters, nested articles, actions,
// toggles, member resources, an endpoint): what it says matches what the API answers.
import { describe, expect, it } from 'vitest';
import {
  createApi,
  defineResource,
  describeApi,
  memoryStore,
  type Api,
  type RouteDescription,
} from '../src/index.js';
import { createFixture, taskSchema } from './fixtures.js';
import { JSON_BODY, useServer } from './_http.js';

const fixture = createFixture();
const description = describeApi(fixture.api);
const { send } = useServer(() => fixture.api.fetch);

const resourceNamed = (name: string) => {
  const found = description.resources.find((resource) => resource.name === name);
  if (found === undefined) throw new Error(`no resource ${name}`);
  return found;
};
const routesAt = (suffix: string): RouteDescription[] =>
  description.routes.filter((route) => route.pattern.endsWith(suffix));
const routerPattern = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

describe('describeApi', () => {
  it('describes every route the API answers, each once: CRUD by resources, the rest by routes', () => {
    const described: string[] = description.routes.map((r) => `${r.method} ${r.pattern}`);
    for (const resource of description.resources) {
      const item = routerPattern(resource.path);
      const collection = item.slice(0, item.lastIndexOf('/'));
      for (const method of resource.methods) {
        const onCollection = method === 'POST' || method === 'GET';
        if (onCollection) described.push(`${method} ${collection}`);
        if (method !== 'POST') described.push(`${method} ${item}`);
      }
    }
    const served = fixture.api.routes().map((r) => `${r.method} ${r.pattern}`);
    expect(new Set(described).size).toBe(described.length);
    expect([...described].sort()).toEqual([...served].sort());
  });

  it('describes a resource: path with the base, schema, methods, collection query, media types', () => {
    expect(resourceNamed('tasks')).toEqual({
      name: 'tasks',
      singular: 'task',
      path: '/api/tasks/{taskId}',
      schema: taskSchema,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      collection: {
        paging: {
          style: 'page',
          pageIndexParameters: ['pageIndex', 'page_index'],
          pageSizeParameters: ['pageSize', 'page_size'],
          defaultPageSize: 2,
          maxPageSize: 50,
        },
        sort: { fields: ['id', 'title', 'priority'] },
        fields: { allowed: ['id', 'title', 'done', 'priority', 'assigneeId'] },
        filters: {
          schema: {
            properties: {
              done: { type: 'boolean' },
              priority: { type: 'array', items: { type: 'integer', minimum: 1, maximum: 5 } },
              title: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 } },
            },
          },
          operators: {
            done: ['eq'],
            priority: ['in', 'gt', 'gte', 'lt', 'lte'],
            title: ['in', 'gt', 'gte', 'lt', 'lte'],
          },
        },
      },
      mediaTypes: ['application/hal+json', 'application/json', 'application/prs.hal-forms+json'],
      collectionMediaTypes: [
        'application/hal+json',
        'application/json',
        'application/prs.hal-forms+json',
        'text/csv',
      ],
      patchMediaTypes: ['application/json-patch+json', 'application/merge-patch+json'],
      pathParameters: { taskId: { type: 'string', pattern: '^[\\w.~-]{1,128}$' } },
      requireIfMatch: true,
    });
    expect(fixture.api.mediaTypes).toEqual(resourceNamed('tasks').collectionMediaTypes);
  });

  it('describes a nested resource with both path parameters and its default sort', () => {
    const articles = resourceNamed('articles');
    expect(articles.path).toBe('/api/blogs/{blogId}/articles/{articleId}');
    expect(Object.keys(articles.pathParameters)).toEqual(['articleId', 'blogId']);
    expect(articles.collection?.sort).toEqual({ fields: ['id', 'title'] });
    expect(articles.collection?.filters).toBeUndefined();
  });

  it('describes an action with its input schema, If-Match and success status', () => {
    const [escalate] = routesAt('/escalate');
    expect(escalate).toMatchObject({
      method: 'POST',
      pattern: '/api/tasks/:taskId/escalate',
      operationId: 'escalateTask',
      tags: ['tasks'],
      requestBody: {
        schema: {
          type: 'object',
          required: ['to'],
          additionalProperties: false,
          properties: { to: { type: 'integer', minimum: 1, maximum: 5 } },
        },
        mediaTypes: ['application/json'],
        required: true,
      },
      response: { status: 200 },
      conditional: true,
      requireIfMatch: true,
    });
    const [resend] = routesAt('/resend');
    expect(resend?.requestBody).toBeUndefined();
    expect(resend?.requireIfMatch).toBe(false);
  });

  it('describes a toggle as GET, PUT and DELETE answering 204, and a member resource', () => {
    expect(routesAt('/star').map((r) => [r.method, r.response?.status])).toEqual([
      ['GET', 204],
      ['PUT', 204],
      ['DELETE', 204],
    ]);
    // email is required (no DELETE), nickname is optional.
    expect(routesAt('/email').map((r) => r.method)).toEqual(['GET', 'PUT']);
    const [, put, remove] = routesAt('/nickname');
    expect(put).toMatchObject({
      method: 'PUT',
      requestBody: { schema: { type: 'string', maxLength: 20 }, required: true },
      requireIfMatch: true,
      prefer: true,
    });
    expect(remove).toMatchObject({ method: 'DELETE', response: { status: 204 } });
  });

  it('describes an endpoint with its query parameters, and the root document', () => {
    expect(routesAt('/convert')).toEqual([
      {
        method: 'GET',
        pattern: '/api/convert',
        operationId: 'convert',
        summary: 'convert',
        queryParameters: {
          from: { type: 'string', enum: ['EUR', 'CNY', 'USD'] },
          to: { type: 'string', enum: ['EUR', 'CNY', 'USD'] },
          amount: { type: 'number', minimum: 0 },
        },
        response: { status: 200, mediaTypes: ['application/hal+json', 'application/json'] },
        negotiated: true,
        statuses: [400],
      },
    ]);
    expect(description.routes.at(-1)).toMatchObject({ method: 'GET', pattern: '/api' });
  });

  it.each([
    'done=true',
    'priority=1,2',
    'priority[in]=1,2',
    'priority[gt]=1',
    'priority[gte]=1',
    'priority[lt]=5',
    'priority[lte]=5',
    'title[in]=a,b',
    'title[lt]=m',
  ])('a described filter parameter is accepted: ?%s → 200', async (query) => {
    expect((await send('GET', `/api/tasks?${query}`)).status).toBe(200);
  });

  it('a parameter it does not describe is refused: ?priority[ne]=1 → 400', async () => {
    expect((await send('GET', '/api/tasks?priority[ne]=1')).status).toBe(400);
  });

  it('the action status declared is the default answer and the described one', async () => {
    const jobs = defineResource({
      name: 'jobs',
      path: '/jobs/{jobId}',
      schema: { type: 'object', properties: { state: { type: 'string' } } },
      store: memoryStore(),
      methods: ['GET', 'POST'],
      actions: ({ action }) => ({ retry: action({ status: 202, handler: () => undefined }) }),
    });
    const api = createApi({ resources: [jobs], root: false });
    const { resources, routes } = describeApi(api);
    expect(resources[0]?.methods).toEqual(['GET', 'POST']);
    // memoryStore has trace(): its items may be gone (410), documented for every operation.
    expect(resources[0]?.statuses).toEqual([410]);
    expect(resources[0]?.patchMediaTypes).toBeUndefined();
    expect(routes.map((r) => [r.method, r.pattern, r.response?.status])).toEqual([
      ['POST', '/jobs/:jobId/retry', 202],
    ]);
    const created = await api.fetch(
      new Request('http://x.test/jobs', { method: 'POST', headers: JSON_BODY, body: '{}' }),
    );
    const location = created.headers.get('location') ?? '';
    const retried = await api.fetch(
      new Request(`http://x.test${location}/retry`, { method: 'POST' }),
    );
    expect(retried.status).toBe(202);
  });

  it('returns fresh data each call, and refuses an API it did not make', () => {
    const first = describeApi(fixture.api);
    (first.resources[0]?.schema as Record<string, unknown>).type = 'changed';
    expect(describeApi(fixture.api).resources[0]?.schema).toMatchObject({ type: 'object' });
    const fake: Api = { ...fixture.api };
    expect(() => describeApi(fake)).toThrow(TypeError);
  });
});
