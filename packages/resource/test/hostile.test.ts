// Hostile requests over a raw socket against a declared API served by serve(): the toolkit's
// shared table (test-utils/hostile-http.ts) and rows aimed at what a declaration reads —
// preconditions, negotiation, paging, sort, fields, filters, embeds, bodies, patches, ids.
// Every answer is one of the row's statuses, a problem+json for an error, never a 500, never a
// leak, and quick; the server keeps serving and no prototype is polluted.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectProblem,
  forOrigin,
  hostileRequests,
  sendRaw,
  type HostileRow,
} from '../../../test-utils/hostile-http.js';
import { createFixture } from './fixtures.js';
import { useServer } from './_http.js';

const fixture = createFixture();
const { origin, send } = useServer(() => fixture.api.fetch);

let etag = '';
beforeAll(async () => {
  const created = await send('POST', '/api/tasks', {
    headers: { 'Content-Type': 'application/json' },
    body: '{"title":"target","priority":2}',
  });
  etag = created.headers.get('etag') ?? '';
  await send('POST', '/api/users', {
    headers: { 'Content-Type': 'application/json' },
    body: '{"name":"Ann","email":"ann@example.test"}',
  });
  await send('POST', '/api/blogs', {
    headers: { 'Content-Type': 'application/json' },
    body: '{"title":"One"}',
  });
});

const CRLF = '\r\n';
/** A whole request; `ETAG` in a field value becomes the task's current entity-tag. */
function raw(
  method: string,
  target: string,
  fields: Record<string, string> = {},
  body?: string | Buffer,
): (currentTag: string) => Buffer {
  return (currentTag) => {
    const bytes = body === undefined ? undefined : Buffer.from(body);
    const lines = [`${method} ${target} HTTP/1.1`, 'Host: HOST', 'Connection: close'];
    for (const [name, value] of Object.entries(fields)) {
      lines.push(`${name}: ${value.replaceAll('ETAG', currentTag)}`);
    }
    if (bytes !== undefined) lines.push(`Content-Length: ${bytes.length}`);
    const head = Buffer.from(`${lines.join(CRLF)}${CRLF}${CRLF}`, 'latin1');
    return bytes === undefined ? head : Buffer.concat([head, bytes]);
  };
}

interface ResourceRow {
  name: string;
  request: (currentTag: string) => Buffer;
  statuses: readonly number[];
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const MERGE = { 'Content-Type': 'application/merge-patch+json' };
const PATCH = { 'Content-Type': 'application/json-patch+json' };
const many = (count: number, make: (index: number) => string, separator = ','): string =>
  Array.from({ length: count }, (_, index) => make(index)).join(separator);

const rows: ResourceRow[] = [
  // Preconditions
  {
    name: 'If-Match with 1,000 entity-tags',
    request: raw(
      'PUT',
      '/api/tasks/1',
      { ...JSON_TYPE, 'If-Match': many(1000, (i) => `"v${i}"`) },
      '{"title":"x"}',
    ),
    statuses: [412],
  },
  {
    name: 'If-Match that is not an entity-tag',
    request: raw(
      'PUT',
      '/api/tasks/1',
      { ...JSON_TYPE, 'If-Match': '"unterminated' },
      '{"title":"x"}',
    ),
    statuses: [400, 412, 428],
  },
  {
    name: 'If-Match with a weak tag of the current version',
    request: raw('PUT', '/api/tasks/1', { ...JSON_TYPE, 'If-Match': 'W/ETAG' }, '{"title":"x"}'),
    statuses: [412],
  },
  {
    name: 'If-None-Match with 1,000 entity-tags',
    request: raw('GET', '/api/tasks/1', { 'If-None-Match': many(1000, (i) => `"v${i}"`) }),
    statuses: [200],
  },
  {
    name: 'If-Modified-Since that is no date',
    request: raw('GET', '/api/tasks/1', { 'If-Modified-Since': 'yesterday, probably' }),
    statuses: [200],
  },
  {
    name: 'If-Unmodified-Since instead of If-Match',
    request: raw('DELETE', '/api/tasks/1', {
      'If-Unmodified-Since': 'Thu, 01 Jan 1970 00:00:00 GMT',
    }),
    statuses: [428],
  },
  // Negotiation
  {
    name: 'Accept with 500 media ranges',
    request: raw('GET', '/api/tasks/1', {
      Accept: many(500, (i) => `application/x-${i};q=0.${i % 9}`),
    }),
    statuses: [200, 406],
  },
  {
    name: 'Accept with malformed q values',
    request: raw('GET', '/api/tasks/1', { Accept: 'application/json;q=abc, */*;q=-1, ;;;' }),
    statuses: [200, 406],
  },
  {
    name: 'a format the API does not have',
    request: raw('GET', '/api/tasks/1?format=../../etc/passwd'),
    statuses: [400, 404, 406],
  },
  {
    name: 'an extension the API does not have',
    request: raw('GET', '/api/tasks/1.exe'),
    statuses: [404],
  },
  { name: 'CSV of an item', request: raw('GET', '/api/tasks/1.csv'), statuses: [406] },
  {
    name: 'Prefer with 10 KB of garbage',
    request: raw('GET', '/api/tasks/1', { Prefer: 'x'.repeat(10_000) }),
    statuses: [200],
  },
  // Ids and paths
  {
    name: 'an id of 300 characters',
    request: raw('GET', `/api/tasks/${'a'.repeat(300)}`),
    statuses: [404],
  },
  {
    name: 'an id that is a dot segment',
    request: raw('GET', '/api/tasks/%2e%2e'),
    // The URL parser resolves an encoded dot segment: this is /api, the root document.
    statuses: [200, 400, 404],
  },
  { name: 'an id with a NUL', request: raw('GET', '/api/tasks/1%00'), statuses: [400, 404] },
  {
    name: 'an id with an encoded slash',
    request: raw('GET', '/api/tasks/1%2Fcomplete'),
    statuses: [404],
  },
  {
    name: 'a parent id of 300 characters',
    request: raw('GET', `/api/blogs/${'b'.repeat(300)}/articles`),
    statuses: [404],
  },
  {
    name: 'an action of a missing item',
    request: raw('POST', '/api/tasks/404/escalate', JSON_TYPE, '{"to":1}'),
    statuses: [404, 428],
  },
  // Paging, sort, fields, filters, embeds
  ...(
    [
      ['a negative page size', '/api/tasks?pageSize=-1', [400]],
      ['a page size of 1e309', '/api/tasks?pageSize=1e309', [400]],
      ['a fractional page size', '/api/tasks?pageSize=1.5', [400]],
      ['page 0', '/api/tasks?pageIndex=0', [400]],
      ['page 10^20', '/api/tasks?pageIndex=100000000000000000000', [200, 400]],
      ['a page size given twice', '/api/tasks?pageSize=1&pageSize=2', [200, 400]],
      ['a sort of 1,000 fields', `/api/tasks?sort=${many(1000, () => 'title')}`, [400]],
      ['a sort of only a minus', '/api/tasks?sort=-', [400]],
      ['fields of 1,000 names', `/api/tasks?fields=${many(1000, (i) => `f${i}`)}`, [400]],
      [
        'a filter with 2,000 values',
        `/api/tasks?priority=${many(2000, (i) => String(i % 5))}`,
        [200, 400],
      ],
      ['an empty filter value', '/api/tasks?done=', [400]],
      ['a filter of the wrong type', '/api/tasks?done=maybe', [400]],
      ['a filter operator', '/api/tasks?priority[gte]=2', [200, 400]],
      ['an unknown operator', '/api/tasks?priority[regex]=.*', [400]],
      ['500 unknown parameters', `/api/tasks?${many(500, (i) => `p${i}=1`, '&')}`, [400]],
      ['embed of 1,000 names', `/api/tasks?embed=${many(1000, () => 'assignee')}`, [200, 400]],
      ['an embed of what is not declared', '/api/tasks/1?embed=__proto__', [400]],
      ['a cursor where the resource pages by number', '/api/tasks?cursor=abc', [400]],
      ['prototype keys as filters', '/api/tasks?__proto__=1&constructor=2', [400]],
    ] as const
  ).map(([name, target, statuses]) => ({ name, request: raw('GET', target), statuses })),
  // Bodies
  {
    name: 'JSON nested 200,000 deep',
    request: raw('POST', '/api/tasks', JSON_TYPE, `${'['.repeat(200_000)}${']'.repeat(200_000)}`),
    statuses: [400, 413, 422],
  },
  {
    name: 'a JSON body of 100,000 unknown members',
    request: raw('POST', '/api/tasks', JSON_TYPE, `{${many(100_000, (i) => `"m${i}":0`)}}`),
    statuses: [413, 422],
  },
  {
    name: 'a __proto__ member in a POST body',
    request: raw('POST', '/api/tasks', JSON_TYPE, '{"__proto__":{"title":"inherited"}}'),
    statuses: [422],
  },
  {
    name: 'JSON in UTF-16',
    request: raw(
      'POST',
      '/api/tasks',
      { 'Content-Type': 'application/json; charset=utf-16' },
      Buffer.from('{"title":"x"}', 'utf16le'),
    ),
    statuses: [400, 415],
  },
  {
    name: 'bytes that are not UTF-8',
    request: raw(
      'POST',
      '/api/tasks',
      JSON_TYPE,
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    ),
    statuses: [400, 422],
  },
  {
    name: 'an empty JSON body',
    request: raw('POST', '/api/tasks', JSON_TYPE, ''),
    statuses: [400],
  },
  {
    name: 'a POST without Content-Type',
    request: raw('POST', '/api/tasks', {}, '{"title":"x"}'),
    statuses: [415],
  },
  {
    name: 'a merge patch setting __proto__',
    request: raw(
      'PATCH',
      '/api/tasks/1',
      { ...MERGE, 'If-Match': 'ETAG' },
      '{"__proto__":{"polluted":true}}',
    ),
    statuses: [403, 422],
  },
  {
    name: 'a JSON Patch adding to __proto__',
    request: raw(
      'PATCH',
      '/api/tasks/1',
      { ...PATCH, 'If-Match': 'ETAG' },
      '[{"op":"add","path":"/__proto__/polluted","value":true}]',
    ),
    statuses: [400, 403, 409, 422],
  },
  {
    name: 'a JSON Patch of 100,000 operations',
    request: raw(
      'PATCH',
      '/api/tasks/1',
      { ...PATCH, 'If-Match': 'ETAG' },
      `[${many(100_000, () => '{"op":"test","path":"/title","value":"target"}')}]`,
    ),
    statuses: [400, 413, 422],
  },
  {
    name: 'a JSON Patch copying the document into itself 20 times',
    request: raw(
      'PATCH',
      '/api/tasks/1',
      { ...PATCH, 'If-Match': 'ETAG' },
      `[${many(20, () => '{"op":"copy","from":"","path":"/title"}')}]`,
    ),
    statuses: [400, 403, 409, 422],
  },
  {
    name: 'a member resource of 1 MB',
    request: raw(
      'PUT',
      '/api/users/1/email',
      { ...JSON_TYPE, 'If-Match': '*' },
      JSON.stringify('a'.repeat(1_100_000)),
    ),
    statuses: [413, 428],
  },
  {
    name: 'an action body that is not JSON',
    request: raw('POST', '/api/tasks/1/escalate', { ...JSON_TYPE, 'If-Match': 'ETAG' }, '{"to":'),
    statuses: [400],
  },
  {
    name: 'a toggle with a body it does not read',
    request: raw('PUT', '/api/tasks/1/complete', JSON_TYPE, '{"on":false}'),
    statuses: [204],
  },
  // Endpoints
  {
    name: 'an endpoint with 1,000 values of one parameter',
    request: raw('GET', `/api/convert?from=EUR&to=CNY&${many(1000, () => 'amount=1', '&')}`),
    // pagination's parser reads the first value of a scalar parameter.
    statuses: [200, 400],
  },
  {
    name: 'an endpoint with a number of 400 digits',
    request: raw('GET', `/api/convert?from=EUR&to=CNY&amount=${'9'.repeat(400)}`),
    statuses: [200, 400],
  },
];

describe('the shared hostile table against a declared API', () => {
  const shared: HostileRow[] = hostileRequests('/api/tasks/1', '/api/tasks');
  it.each(shared.map((row) => [row.name, row] as const))('%s', async (name, row) => {
    expectProblem(await sendRaw(origin(), forOrigin(row, origin())), row.statuses, name);
  });
});

describe('hostile requests aimed at a declaration', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', async (name, row) => {
    const host = new URL(origin()).host;
    const bytes = Buffer.from(
      row.request(etag).toString('latin1').replace('Host: HOST', `Host: ${host}`),
      'latin1',
    );
    const started = performance.now();
    const reply = await sendRaw(origin(), bytes);
    expect(performance.now() - started, `${name} took too long`).toBeLessThan(5_000);
    expectProblem(reply, row.statuses, name);
    // A write the table let through moves the version on: later rows pin the new one.
    const current = await send('GET', '/api/tasks/1');
    etag = current.headers.get('etag') ?? etag;
  });

  it('leaves no prototype polluted and the API serving', async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).title).toBeUndefined();
    const read = await send('GET', '/api/tasks/1');
    expect(read.status).toBe(200);
    expect(read.json()).toMatchObject({ id: '1', title: 'target' });
  });
});
