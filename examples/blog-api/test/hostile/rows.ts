// The hostile requests, one row each, with the answer each must get. `status` lists every
// status that is right for the row (most rows have one; some inputs may be refused by Node's
// parser before the app sees them, or are equally well a 400 or a 422). Every answer of 400 or
// more must be application/problem+json. Rows that need the item's current ETag get it from
// `context.etag()` just before they are sent.
import type { RawRequest } from './raw-http.js';

export interface RowContext {
  /** The current strong ETag of /api/v1/blogs/1 (HAL). */
  etag(): Promise<string>;
  /** GET a path and return the body, for rows that replay a link the API gave. */
  read(path: string): Promise<string>;
}

export interface HostileRow {
  readonly group: string;
  readonly name: string;
  readonly status: readonly number[];
  readonly request: (context: RowContext) => RawRequest | Promise<RawRequest>;
}

const MB = 1024 * 1024;
const ITEM = '/api/v1/blogs/1';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;

/** `bytes` of a JSON string body, produced in 64 KB chunks (never held whole). */
function* filler(bytes: number, chunked: boolean): Iterable<Buffer> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const frame = (data: Buffer) =>
    chunked
      ? Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), data, Buffer.from('\r\n')])
      : data;
  yield frame(Buffer.from('{"title":"'));
  for (let sent = 0; sent < bytes; sent += chunk.length) yield frame(chunk);
  yield frame(Buffer.from('"}'));
  if (chunked) yield Buffer.from('0\r\n\r\n');
}

function hugeBody(method: string, bytes: number, chunked: boolean, etag?: string): RawRequest {
  const headers: Record<string, string> = {
    'Content-Type': method === 'PATCH' ? 'application/merge-patch+json' : 'application/json',
    // Kept alive: a server that answers early and closes at once would reset the connection and
    // the answer with it; this way it may drop the rest of the upload and still be heard.
    Connection: 'keep-alive',
    ...(chunked
      ? { 'Transfer-Encoding': 'chunked' }
      : { 'Content-Length': String(bytes + '{"title":""}'.length) }),
    ...(etag && { 'If-Match': etag }),
  };
  return {
    method,
    target: method === 'POST' ? '/api/v1/blogs' : ITEM,
    headers,
    body: () => filler(bytes, chunked),
    timeout: 30_000,
  };
}

const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
// Names start with `m` so that none is a member of the resource (`id` is 661 in base 36).
const manyMembers = (count: number, value: string) =>
  `{${Array.from({ length: count }, (_, index) => `"m${index.toString(36)}":${value}`).join(',')}}`;

const post = (body: string, target = '/api/v1/blogs'): RawRequest => ({
  method: 'POST',
  target,
  headers: JSON_TYPE,
  body,
});

/** A PATCH of blog 1 with its current ETag. */
const patch =
  (type: 'merge' | 'json', body: string, headers: Record<string, string> = {}) =>
  async (context: RowContext): Promise<RawRequest> => ({
    method: 'PATCH',
    target: ITEM,
    headers: {
      'Content-Type':
        type === 'merge' ? 'application/merge-patch+json' : 'application/json-patch+json',
      'If-Match': await context.etag(),
      ...headers,
    },
    body,
  });

const jsonPatch = (operation: Record<string, unknown>) =>
  patch('json', JSON.stringify([operation]));

const get =
  (target: string, headers: Record<string, string> = {}) =>
  (): RawRequest => ({ method: 'GET', target, headers });

const row = (
  group: string,
  name: string,
  status: number | readonly number[],
  request: HostileRow['request'],
): HostileRow => ({
  group,
  name,
  status: typeof status === 'number' ? [status] : status,
  request,
});

export const ROWS: readonly HostileRow[] = [
  // Host headers that make no URL (RFC 9110 §7.2, RFC 9112 §3.2: 400).
  row('host', 'Host: a b', 400, get('/api/v1', { Host: 'a b' })),
  row('host', 'no Host header', 400, () => ({ method: 'GET', target: '/api/v1', noHost: true })),
  row('host', 'Host: [::1', 400, get('/api/v1', { Host: '[::1' })),
  row('host', 'Host: a/b', 400, get('/api/v1', { Host: 'a/b' })),
  row('host', 'Host: user@a', 400, get('/api/v1', { Host: 'user@a' })),

  // Percent-encoding that decodes to nothing: in a parameter 400, in no route's path 404.
  row('percent-encoding', 'GET /%ZZ', [400, 404], get('/%ZZ')),
  row('percent-encoding', 'GET /api/v1/blogs/%E0%A4', 400, get('/api/v1/blogs/%E0%A4')),
  row('percent-encoding', 'GET /api/v1/blogs/%ZZ', 400, get('/api/v1/blogs/%ZZ')),
  row(
    'percent-encoding',
    'overlong UTF-8 %C0%AF as an id',
    400,
    get('/api/v1/blogs/1/articles/%C0%AF'),
  ),
  row('percent-encoding', 'GET /docs/rels/%E0%A4', 400, get('/docs/rels/%E0%A4')),
  row('percent-encoding', 'sort=%E0%A4', 400, get('/api/v1/blogs?sort=%E0%A4')),
  row('percent-encoding', 'dot segments %2e%2e', 404, get('/api/v1/%2e%2e/%2e%2e/etc/passwd')),
  row('percent-encoding', 'an encoded slash in an id', 404, get('/api/v1/blogs/1%2F2')),

  // Methods: unknown to the router → 501; unknown to Node's parser → its 400; known, not routed → 405.
  row('method', 'PROPFIND /api/v1/blogs', 501, () => ({
    method: 'PROPFIND',
    target: '/api/v1/blogs',
  })),
  row('method', 'PROPFIND /<random>', 501, () => ({
    method: 'PROPFIND',
    target: `/${Math.random().toString(36).slice(2)}`,
  })),
  row('method', 'QUERY /api/v1/blogs', [400, 501], () => ({
    method: 'QUERY',
    target: '/api/v1/blogs',
  })),
  row('method', 'MKCOL /api/v1/blogs', 501, () => ({ method: 'MKCOL', target: '/api/v1/blogs' })),
  row('method', 'lower-case get', [400, 501], () => ({ method: 'get', target: '/api/v1' })),
  row('method', 'a 5,000-letter method', [400, 501], () => ({
    method: 'A'.repeat(5_000),
    target: '/api/v1',
  })),
  row('method', 'BREW (no such method)', [400, 501], () => ({ method: 'BREW', target: '/' })),
  // Fetch forbids TRACE (no Request can carry it): the servers answer 501 before any handler.
  row('method', 'TRACE /api/v1/blogs', [405, 501], () => ({
    method: 'TRACE',
    target: '/api/v1/blogs',
  })),
  row('method', 'DELETE /api/v1/blogs', 405, () => ({ method: 'DELETE', target: '/api/v1/blogs' })),

  // The asterisk form is for OPTIONS only (RFC 9112 §3.2.4); a fetch handler cannot be asked
  // about "the server in general", so 400 — or a server-wide 204/200 with Allow.
  row('request-target', 'OPTIONS *', [200, 204, 400], () => ({ method: 'OPTIONS', target: '*' })),
  row('request-target', 'GET *', 400, () => ({ method: 'GET', target: '*' })),
  row('request-target', 'GET without a leading slash', 400, () => ({
    method: 'GET',
    target: 'api/v1',
  })),

  // Bodies over the 1 MB limit: refused with 413, declared or not.
  row('body size', '5 MB POST with Content-Length', 413, () => hugeBody('POST', 5 * MB, false)),
  row('body size', '50 MB POST with Content-Length', 413, () => hugeBody('POST', 50 * MB, false)),
  row('body size', '5 MB POST chunked', 413, () => hugeBody('POST', 5 * MB, true)),
  row('body size', '50 MB POST chunked', 413, () => hugeBody('POST', 50 * MB, true)),
  row('body size', '5 MB merge patch chunked', 413, async (context) =>
    hugeBody('PATCH', 5 * MB, true, await context.etag()),
  ),
  row('body size', '50 MB PUT with Content-Length', 413, async (context) => ({
    ...hugeBody('PUT', 50 * MB, false, await context.etag()),
    target: ITEM,
  })),

  // 10,000-deep documents: a client error (too deep to read, or not the schema), never a 500.
  row('depth', '10,000-deep object as a title', [400, 413, 422], () =>
    post(`{"title":${deepObject(10_000)}}`),
  ),
  row('depth', '10,000-deep array as the body', [400, 413, 422], () => post(deepArray(10_000))),
  row(
    'depth',
    '10,000-deep merge patch of a member (read-only policy walks it)',
    [400, 413, 422],
    patch('merge', `{"title":${deepObject(10_000)}}`),
  ),
  row(
    'depth',
    '10,000-deep merge patch adding a member',
    [400, 403, 413, 422],
    patch('merge', `{"x":${deepObject(10_000)}}`),
  ),
  row(
    'depth',
    '10,000-deep value in a JSON Patch (the policy sees only the path)',
    [400, 413, 422],
    patch('json', `[{"op":"add","path":"/title","value":${deepObject(10_000)}}]`),
  ),
  row(
    'depth',
    'a JSON Patch path of 10,000 segments',
    [400, 409, 413, 422],
    jsonPatch({ op: 'add', path: '/a'.repeat(10_000), value: 1 }),
  ),

  // 100,000 members: refused as a whole (not the schema, or too many operations).
  row('size', '100,000-member object', 422, () => post(manyMembers(100_000, '0'))),
  row('size', '100,000-member array', 422, () => post(`[${'0,'.repeat(99_999)}0]`)),
  row('size', '100,000-member merge patch', [413, 422], patch('merge', manyMembers(100_000, '0'))),
  row(
    'size',
    '20,000-operation JSON Patch',
    413,
    patch(
      'json',
      JSON.stringify(Array.from({ length: 20_000 }, () => ({ op: 'remove', path: '/x' }))),
    ),
  ),

  // JSON Pointers aimed at the prototype, malformed or misused (RFC 6901, RFC 6902 §4–5).
  row('pointer', 'add /__proto__/x', 409, jsonPatch({ op: 'add', path: '/__proto__/x', value: 1 })),
  row(
    'pointer',
    'add /__proto__ itself',
    [403, 422],
    jsonPatch({ op: 'add', path: '/__proto__', value: { polluted: true } }),
  ),
  row(
    'pointer',
    'add /constructor/prototype',
    409,
    jsonPatch({ op: 'add', path: '/constructor/prototype', value: { polluted: true } }),
  ),
  row(
    'pointer',
    'replace /constructor',
    409,
    jsonPatch({ op: 'replace', path: '/constructor', value: 1 }),
  ),
  row('pointer', 'test /toString', 409, jsonPatch({ op: 'test', path: '/toString', value: 'x' })),
  row(
    'pointer',
    'copy from /__proto__',
    409,
    jsonPatch({ op: 'copy', from: '/__proto__', path: '/title' }),
  ),
  row('pointer', 'the escape ~2', 400, jsonPatch({ op: 'replace', path: '/title~2', value: 'x' })),
  row(
    'pointer',
    'a lone ~ at the end',
    400,
    jsonPatch({ op: 'replace', path: '/title~', value: 'x' }),
  ),
  row('pointer', 'no leading slash', 400, jsonPatch({ op: 'replace', path: 'title', value: 'x' })),
  row(
    'pointer',
    'a huge index into a string',
    409,
    jsonPatch({ op: 'add', path: '/title/99999999999999999999', value: 'x' }),
  ),
  row(
    'pointer',
    '- as an object member',
    409,
    jsonPatch({ op: 'replace', path: '/-', value: 'x' }),
  ),
  row('pointer', '- under a string', 409, jsonPatch({ op: 'add', path: '/title/-', value: 'x' })),
  row(
    'pointer',
    'move into its own child',
    [400, 409],
    jsonPatch({ op: 'move', from: '/title', path: '/title/x' }),
  ),
  row('pointer', 'remove a read-only member', 403, jsonPatch({ op: 'remove', path: '/createdAt' })),
  row('pointer', 'remove the whole document', [400, 403], jsonPatch({ op: 'remove', path: '' })),

  // NUL characters: 422 with a pointer in a body, 400/404 in the URL, 400 from the parser.
  row('nul', 'NUL in a title', 422, () => post('{"title":"a\\u0000b"}')),
  row('nul', 'NUL in a merge patch', 422, patch('merge', '{"description":"\\u0000"}')),
  row('nul', 'NUL in a sort field', 400, get('/api/v1/blogs?sort=%00')),
  row('nul', 'NUL in an id', 404, get('/api/v1/blogs/%00')),
  row('nul', 'a raw NUL in the request line', 400, get('/api/v1/\u0000')),
  row('nul', 'a raw NUL in a header', 400, get('/api/v1', { 'X-Nul': 'a\u0000b' })),

  // Conditional headers that mean nothing: ignored on reads, never a match on writes.
  row('conditional', 'If-None-Match: garbage"', 200, get(ITEM, { 'If-None-Match': 'garbage"' })),
  row(
    'conditional',
    'If-None-Match with 2,000 tags',
    200,
    get(ITEM, { 'If-None-Match': '"x", '.repeat(2_000) }),
  ),
  row(
    'conditional',
    'If-Modified-Since: not a date',
    200,
    get(ITEM, { 'If-Modified-Since': 'not a date' }),
  ),
  row(
    'conditional',
    'If-Modified-Since out of range',
    200,
    get(ITEM, { 'If-Modified-Since': 'Sat, 99 Foo 99999 99:99:99 GMT' }),
  ),
  row(
    'conditional',
    'If-Unmodified-Since: garbage on a read',
    200,
    get(ITEM, { 'If-Unmodified-Since': '\u00ff\u00fe' }),
  ),
  row(
    'conditional',
    'If-Range: garbage with a Range',
    [200, 206],
    get(ITEM, { 'If-Range': 'garbage', Range: 'bytes=0-1' }),
  ),
  // An If-Match that names no entity-tag pins no version: 428 (send one), or 412 (none matches).
  row(
    'conditional',
    'If-Match: garbage on PATCH',
    [412, 428],
    patch('merge', '{"title":"x"}', { 'If-Match': 'garbage' }),
  ),
  row(
    'conditional',
    'If-Match: a weak tag on PATCH',
    412,
    patch('merge', '{"title":"x"}', { 'If-Match': 'W/"v1-hal"' }),
  ),
  // A write must name the version it changes: If-Match: * or a date alone does not (428).
  row(
    'conditional',
    'If-Match: * on PATCH',
    428,
    patch('merge', '{"title":""}', { 'If-Match': '*' }),
  ),
  row('conditional', 'If-Unmodified-Since: garbage, no If-Match', 428, async () => ({
    method: 'PATCH',
    target: ITEM,
    headers: { 'Content-Type': 'application/merge-patch+json', 'If-Unmodified-Since': 'garbage' },
    body: '{"title":""}',
  })),
  row('conditional', 'If-Unmodified-Since in the future, no If-Match', 428, async () => ({
    method: 'PATCH',
    target: ITEM,
    headers: {
      'Content-Type': 'application/merge-patch+json',
      'If-Unmodified-Since': 'Fri, 01 Jan 2100 00:00:00 GMT',
    },
    body: '{"title":""}',
  })),
  row('conditional', 'If-Match: garbage on DELETE', [412, 428], () => ({
    method: 'DELETE',
    target: '/api/v1/blogs/3',
    headers: { 'If-Match': '"garbage' },
  })),

  // Negotiation headers that mean nothing: no preference (200) or nothing acceptable (406).
  row('negotiation', 'Accept: ;;;,,,q=abc', [200, 406], get(ITEM, { Accept: ';;;,,,q=abc' })),
  row('negotiation', 'Accept: */*;q=0', 406, get(ITEM, { Accept: '*/*;q=0' })),
  row(
    'negotiation',
    'Accept with q=5',
    [200, 406],
    get(ITEM, { Accept: 'application/hal+json;q=5' }),
  ),
  row(
    'negotiation',
    'Accept with 2,000 members',
    406,
    get(ITEM, { Accept: 'a/b, '.repeat(2_000) }),
  ),
  row(
    'negotiation',
    'Accept-Encoding refusing everything',
    [200, 406],
    get(ITEM, { 'Accept-Encoding': 'gzip;q=0, identity;q=0, *;q=0' }),
  ),
  row('negotiation', 'Accept-Encoding: ;;;===', 200, get(ITEM, { 'Accept-Encoding': ';;;===' })),
  row(
    'negotiation',
    'Accept-Charset refusing everything',
    [200, 406],
    get(ITEM, { 'Accept-Charset': 'utf-8;q=0, *;q=0' }),
  ),
  row(
    'negotiation',
    'Accept-Language: 5 KB of garbage',
    200,
    get(ITEM, { 'Accept-Language': '-;q=,'.repeat(1_000) }),
  ),
  row(
    'negotiation',
    'a 20 KB header (over the 16 KB limit)',
    431,
    get(ITEM, { 'X-Big': 'a'.repeat(20 * 1024) }),
  ),
  row('negotiation', 'format=toString', 406, get(`${ITEM}?format=toString`)),

  // Paging: this API pages by index; forged positions are 400, a replayed link still works.
  row('paging', 'pageIndex=0', 400, get('/api/v1/blogs?pageIndex=0')),
  row('paging', 'pageIndex=-1', 400, get('/api/v1/blogs?pageIndex=-1')),
  row('paging', 'pageIndex=1e309', 400, get('/api/v1/blogs?pageIndex=1e309')),
  row(
    'paging',
    'pageIndex=99999999999999999999',
    400,
    get('/api/v1/blogs?pageIndex=99999999999999999999'),
  ),
  row('paging', 'pageIndex=abc', 400, get('/api/v1/blogs?pageIndex=abc')),
  row('paging', 'pageIndex given twice', 400, get('/api/v1/blogs?pageIndex=1&pageIndex=2')),
  row('paging', 'pageSize=0', 400, get('/api/v1/blogs?pageSize=0')),
  row('paging', 'pageSize=1000000', 400, get('/api/v1/blogs?pageSize=1000000')),
  row(
    'paging',
    'a forged cursor (not a parameter of this API)',
    200,
    get('/api/v1/blogs?cursor=eyJpZCI6LTF9'),
  ),
  row('paging', 'a replayed next link', 200, async (context) => {
    const page = JSON.parse(await context.read('/api/v1/blogs?pageSize=1')) as {
      _links: { next: { href: string } };
    };
    return { method: 'GET', target: page._links.next.href };
  }),

  // Prototype keys as path segments (404), query names (ignored), values and members (400/422).
  ...KEYS.flatMap((key) =>
    [
      `/${key}`,
      `/api/v1/${key}`,
      `/api/v1/blogs/${key}`,
      `/api/v1/blogs/${key}/articles`,
      `/api/v1/blogs/1/articles/${key}`,
      `/api/v1/blogs/1/articles/1/comments/${key}`,
      `/docs/rels/${key}`,
    ].map((target) => row('prototype keys', `GET ${target}`, 404, get(target))),
  ),
  ...KEYS.map((key) =>
    row(
      'prototype keys',
      `?${key}= and ?${key}[x]=`,
      200,
      get(`/api/v1/blogs?${key}=1&${key}[x]=2`),
    ),
  ),
  ...KEYS.map((key) => row('prototype keys', `sort=${key}`, 400, get(`/api/v1/blogs?sort=${key}`))),
  ...KEYS.map((key) =>
    row('prototype keys', `fields=${key}`, 400, get(`/api/v1/blogs?fields=${key}`)),
  ),
  row('prototype keys', 'a __proto__ member in a body', 422, () =>
    post('{"title":"t","__proto__":{"polluted":true}}'),
  ),
  row('prototype keys', 'constructor.prototype in a body', 422, () =>
    post('{"title":"t","constructor":{"prototype":{"polluted":true}}}'),
  ),
  row(
    'prototype keys',
    'a header named __proto__',
    200,
    get(ITEM, JSON.parse('{"__proto__":"x"}') as Record<string, string>),
  ),

  // Framing and bodies the server cannot read.
  row('framing', 'Content-Length: abc', 400, () => ({
    method: 'POST',
    target: '/api/v1/blogs',
    headers: { ...JSON_TYPE, 'Content-Length': 'abc' },
    body: '{}',
  })),
  row('framing', 'Content-Length and Transfer-Encoding', 400, () => ({
    method: 'POST',
    target: '/api/v1/blogs',
    headers: { ...JSON_TYPE, 'Content-Length': '2', 'Transfer-Encoding': 'chunked' },
    body: '0\r\n\r\n',
  })),
  row('framing', 'Content-Type: garbage', 415, () => ({
    method: 'POST',
    target: '/api/v1/blogs',
    headers: { 'Content-Type': ';;;garbage' },
    body: '{}',
  })),
  row('framing', 'JSON that does not parse', 400, () => post('{"title":')),
  row('framing', 'JSON that is not UTF-8', 400, () => ({
    method: 'POST',
    target: '/api/v1/blogs',
    headers: JSON_TYPE,
    body: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  })),
];
