// Beyond CRUD over real HTTP: actions as verb sub-resources, toggles, members exposed as
// resources, computed endpoints, and the names a route lint needs.
import { beforeEach, describe, expect, it } from 'vitest';
import { createFixture } from './fixtures.js';
import { JSON_BODY, useServer } from './_http.js';

let fixture = createFixture();
const { send: call } = useServer(() => fixture.api.fetch);

beforeEach(() => {
  fixture = createFixture();
});

async function created(path: string, body: Record<string, unknown>) {
  const answer = await call('POST', path, { headers: JSON_BODY, body: JSON.stringify(body) });
  expect(answer.status).toBe(201);
  return { location: answer.headers.get('location') ?? '', etag: answer.headers.get('etag') ?? '' };
}

describe('actions: verb sub-resources', () => {
  it('POST {item}/resend answers the action result (202 with Location) and may change the item', async () => {
    const { location } = await created('/api/alerts', { message: 'Disk full' });
    const answer = await call('POST', `${location}/resend`);
    expect(answer.status).toBe(202);
    expect(answer.headers.get('location')).toBe('/api/jobs/1');
    expect(answer.json()).toEqual({ queued: true });
    const item = await call('GET', location);
    expect(item.json()).toMatchObject({ sent: 1 });
    expect(item.headers.get('etag')).toMatch(/^"v2-/);
  });

  it('an action that returns nothing answers 204', async () => {
    const { location } = await created('/api/alerts', { message: 'x' });
    expect((await call('POST', `${location}/silence`)).status).toBe(204);
  });

  it('validates the input against its own schema (422 with pointers, 415 for another type)', async () => {
    const { location, etag } = await created('/api/tasks', { title: 'a' });
    const invalid = await call('POST', `${location}/escalate`, {
      headers: { ...JSON_BODY, 'If-Match': etag },
      body: '{"to":9,"extra":1}',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json().errors).toEqual([
      { pointer: '/extra', detail: 'is not allowed' },
      { pointer: '/to', detail: 'must be <= 5' },
    ]);
    const wrongType = await call('POST', `${location}/escalate`, {
      headers: { 'Content-Type': 'text/plain', 'If-Match': etag },
      body: 'to=3',
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get('accept-post')).toContain('application/json');
  });

  it('a conditional action needs If-Match (428), refuses a stale one (412) and runs with the current one', async () => {
    const { location, etag } = await created('/api/tasks', { title: 'a' });
    const body = '{"to":4}';
    expect((await call('POST', `${location}/escalate`, { headers: JSON_BODY, body })).status).toBe(
      428,
    );
    const ok = await call('POST', `${location}/escalate`, {
      headers: { ...JSON_BODY, 'If-Match': etag },
      body,
    });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ priority: 4 });
    const stale = await call('POST', `${location}/escalate`, {
      headers: { ...JSON_BODY, 'If-Match': etag },
      body,
    });
    expect(stale.status).toBe(412);
  });

  it('an action on a missing item is a 404, and GET on an action is a 405 with Allow', async () => {
    expect((await call('POST', '/api/alerts/9/resend')).status).toBe(404);
    await created('/api/alerts', { message: 'x' });
    const get = await call('GET', '/api/alerts/1/resend');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('links every action from the item, and HAL-FORMS describes it with its input', async () => {
    const { location } = await created('/api/tasks', { title: 'a' });
    const forms = await call('GET', location, {
      headers: { Accept: 'application/prs.hal-forms+json' },
    });
    const document = forms.json<{
      _links: Record<string, { href: string }>;
      _templates: Record<string, unknown>;
    }>();
    expect(document._links['doc:escalate']).toEqual({ href: '/api/tasks/1/escalate' });
    expect(document._links['doc:complete']).toEqual({ href: '/api/tasks/1/complete' });
    expect(document._templates.escalate).toEqual({
      method: 'POST',
      contentType: 'application/json',
      target: '/api/tasks/1/escalate',
      title: 'escalate',
      properties: [{ name: 'to', required: true, type: 'number', min: 1, max: 5, step: 1 }],
    });
    expect(Object.keys(document._templates)).toEqual(['default', 'delete', 'escalate']);
  });
});

describe('toggles', () => {
  it('PUT turns a boolean member on, DELETE off (204, idempotent); GET tells with 204 or 404', async () => {
    const { location } = await created('/api/tasks', { title: 'a' });
    expect((await call('GET', `${location}/complete`)).status).toBe(404);
    expect((await call('PUT', `${location}/complete`)).status).toBe(204);
    expect((await call('PUT', `${location}/complete`)).status).toBe(204);
    expect((await call('GET', `${location}/complete`)).status).toBe(204);
    expect((await call('GET', location)).json()).toMatchObject({ done: true });
    expect((await call('DELETE', `${location}/complete`)).status).toBe(204);
    expect((await call('GET', `${location}/complete`)).status).toBe(404);
    expect((await call('GET', location)).headers.get('etag')).toMatch(/^"v3-/);
  });

  it('custom get and set (a star kept outside the item)', async () => {
    const { location } = await created('/api/gists', { files: 2 });
    expect((await call('PUT', `${location}/star`)).status).toBe(204);
    expect(fixture.starred.has('1')).toBe(true);
    expect((await call('GET', `${location}/star`)).status).toBe(204);
    expect((await call('DELETE', `${location}/star`)).status).toBe(204);
    expect((await call('GET', `${location}/star`)).status).toBe(404);
  });

  it('honours an If-Match a client sends of its own accord', async () => {
    const { location } = await created('/api/tasks', { title: 'a' });
    expect(
      (await call('PUT', `${location}/complete`, { headers: { 'If-Match': '"v9-0-hal"' } })).status,
    ).toBe(412);
  });

  it('a toggle of a missing item is a 404', async () => {
    expect((await call('PUT', '/api/tasks/7/complete')).status).toBe(404);
  });
});

describe('members as resources', () => {
  it('GET {item}/email answers the member with its own strong ETag and 304', async () => {
    const { location } = await created('/api/users', { name: 'Roy', email: 'roy@example.test' });
    const email = await call('GET', `${location}/email`);
    expect(email.status).toBe(200);
    expect(email.headers.get('content-type')).toBe('application/json');
    expect(email.json<string>()).toBe('roy@example.test');
    const etag = email.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"v1-.*-email-json"$/);
    expect(
      (await call('GET', `${location}/email`, { headers: { 'If-None-Match': etag } })).status,
    ).toBe(304);
  });

  it('PUT {item}/email replaces only that member, pinned by If-Match', async () => {
    const { location, etag } = await created('/api/users', {
      name: 'Roy',
      email: 'roy@example.test',
    });
    const body = '"r@example.test"';
    expect((await call('PUT', `${location}/email`, { headers: JSON_BODY, body })).status).toBe(428);
    const put = await call('PUT', `${location}/email`, {
      headers: { ...JSON_BODY, 'If-Match': etag },
      body,
    });
    expect(put.status).toBe(200);
    expect(put.json<string>()).toBe('r@example.test');
    expect((await call('GET', location)).json()).toMatchObject({
      name: 'Roy',
      email: 'r@example.test',
    });
    const invalid = await call('PUT', `${location}/email`, {
      headers: { ...JSON_BODY, 'If-Match': put.headers.get('etag') ?? '' },
      body: '"not an email"',
    });
    expect(invalid.status).toBe(422);
    expect(invalid.json().errors).toEqual([
      { pointer: '', detail: 'must match pattern "^[^@\\s]+@[^@\\s]+$"' },
    ]);
  });

  it('DELETE removes an optional member; a required one has no DELETE', async () => {
    const { location, etag } = await created('/api/users', {
      name: 'Roy',
      email: 'roy@example.test',
      nickname: 'R',
    });
    expect(
      (await call('DELETE', `${location}/nickname`, { headers: { 'If-Match': etag } })).status,
    ).toBe(204);
    expect((await call('GET', `${location}/nickname`)).status).toBe(404);
    expect((await call('GET', location)).json()).not.toHaveProperty('nickname');
    const refused = await call('DELETE', `${location}/email`);
    expect(refused.status).toBe(405);
    expect(refused.headers.get('allow')).toBe('GET, HEAD, PUT, OPTIONS');
  });

  it('Prefer: return=minimal answers 204', async () => {
    const { location, etag } = await created('/api/users', {
      name: 'Roy',
      email: 'roy@example.test',
    });
    const put = await call('PUT', `${location}/email`, {
      headers: { ...JSON_BODY, 'If-Match': etag, Prefer: 'return=minimal' },
      body: '"x@y.z"',
    });
    expect(put.status).toBe(204);
    expect(put.headers.get('preference-applied')).toBe('return=minimal');
  });
});

describe('computed endpoints', () => {
  it('GET /convert answers the computed value, typed from the query schema, as HAL or JSON', async () => {
    const hal = await call('GET', '/api/convert?from=EUR&to=CNY&amount=100');
    expect(hal.status).toBe(200);
    expect(hal.headers.get('content-type')).toBe('application/hal+json');
    expect(hal.headers.get('vary')).toBe('Accept');
    expect(hal.json()).toMatchObject({
      from: 'EUR',
      to: 'CNY',
      amount: 100,
      result: 780,
      _links: { self: { href: '/api/convert?from=EUR&to=CNY&amount=100' } },
    });
    const json = await call('GET', '/api/convert?from=CNY&to=EUR&amount=78', {
      headers: { Accept: 'application/json' },
    });
    expect(json.json()).toEqual({ from: 'CNY', to: 'EUR', amount: 78, result: 10 });
  });

  it.each([
    ['a missing required parameter', '/api/convert?from=EUR&to=CNY', 'amount'],
    ['a value outside the enum', '/api/convert?from=XXX&to=CNY&amount=1', 'from'],
    ['a value that is no number', '/api/convert?from=EUR&to=CNY&amount=ten', 'amount'],
    ['a value under the minimum', '/api/convert?from=EUR&to=CNY&amount=-1', 'amount'],
    ['an unknown parameter', '/api/convert?from=EUR&to=CNY&amount=1&fee=2', 'fee'],
  ])('answers %s with a 400 naming the parameter', async (_name, path, parameter) => {
    const answer = await call('GET', path);
    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.json<{ errors: { parameter: string }[] }>().errors).toContainEqual(
      expect.objectContaining({ parameter }),
    );
  });

  it('answers only GET and HEAD (405 with Allow)', async () => {
    const post = await call('POST', '/api/convert');
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });
});

describe('names for lint', () => {
  it('lists every action, toggle and member name, and the routes with the base', () => {
    expect([...fixture.api.actionNames].sort()).toEqual([
      'complete',
      'email',
      'escalate',
      'nickname',
      'resend',
      'silence',
      'star',
    ]);
    expect(fixture.tasks.actionNames).toEqual(['complete', 'escalate']);
    expect(fixture.api.routes()).toContainEqual({
      method: 'POST',
      pattern: '/api/alerts/:alertId/resend',
    });
    expect(fixture.api.routes()).toContainEqual({
      method: 'PUT',
      pattern: '/api/gists/:gistId/star',
    });
    expect(fixture.tasks.routes()).toEqual([
      { method: 'GET', pattern: '/tasks' },
      { method: 'POST', pattern: '/tasks' },
      { method: 'GET', pattern: '/tasks/:taskId' },
      { method: 'PUT', pattern: '/tasks/:taskId' },
      { method: 'PATCH', pattern: '/tasks/:taskId' },
      { method: 'DELETE', pattern: '/tasks/:taskId' },
      { method: 'GET', pattern: '/tasks/:taskId/complete' },
      { method: 'PUT', pattern: '/tasks/:taskId/complete' },
      { method: 'DELETE', pattern: '/tasks/:taskId/complete' },
      { method: 'POST', pattern: '/tasks/:taskId/escalate' },
    ]);
  });
});
