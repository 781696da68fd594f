/* global Blob, DecompressionStream */
// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import {
  compression,
  createRepresentations,
  negotiate,
  negotiateLanguage,
  readJson,
  representation,
  requireContentType,
  supportedEncodings,
} from '../dist/index.js';

const check = (condition, message) => {
  if (!condition) throw new Error(`content-negotiation smoke: ${message}`);
};

const chrome = new Request('http://smoke.test/articles', {
  headers: {
    Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
    'Accept-Language': 'de-CH, en;q=0.5',
    'Accept-Encoding': 'gzip, deflate',
  },
});
const result = negotiate(chrome, {
  mediaTypes: ['application/json', 'text/html'],
  languages: ['en', 'de'],
  encodings: ['gzip', 'identity'],
});
check(result.mediaType === 'text/html', `mediaType ${result.mediaType}`);
check(result.language === 'de', `language ${result.language}`);
check(result.encoding === 'gzip', `encoding ${result.encoding}`);
check(result.decisions.mediaType.verdicts[0].outcome === 'outranked', 'verdicts');
check(
  negotiateLanguage(new Headers({ 'Accept-Language': 'en-GB' }), ['de', 'en']).choice === 'en',
  'lookup',
);

const records = Array.from({ length: 200 }, (_, id) => ({ id, title: `Article, number ${id}` }));
const registry = createRepresentations({ extensions: true });
const app = (request) =>
  compression()(request, (inner) => registry.middleware(inner, () => representation(records)));

const csv = await app(new Request('http://smoke.test/articles.csv'));
check(csv.headers.get('Content-Type') === 'text/csv; charset=utf-8', 'csv type');
check(csv.headers.get('Content-Location') === '/articles.csv', 'content-location');
check((await csv.text()).startsWith('id,title\r\n0,"Article, number 0"\r\n'), 'csv body');

const gzipped = await app(chrome);
check(gzipped.headers.get('Content-Encoding') === 'gzip', 'gzip');
check(
  gzipped.headers.get('Vary') === 'Accept, Accept-Encoding',
  `vary ${gzipped.headers.get('Vary')}`,
);
const html = await new Response(gzipped.body.pipeThrough(new DecompressionStream('gzip'))).text();
check(html.includes('<td>Article, number 199</td>'), 'html body');

const refused = await app(
  new Request('http://smoke.test/articles', { headers: { Accept: 'image/png' } }),
);
check(refused.status === 406, 'status 406');
check(refused.headers.get('Content-Type') === 'application/problem+json', '406 problem');

const post = (body, type) =>
  new Request('http://smoke.test/articles', {
    method: 'POST',
    headers: { 'Content-Type': type },
    body,
  });
check((await readJson(post('{"a":1}', 'application/json'))).a === 1, 'readJson');
try {
  await readJson(post('{"a":}', 'application/json'));
  check(false, 'malformed JSON must fail');
} catch (error) {
  check(error.status === 400 && error.extensions.position.offset === 5, 'readJson 400 position');
}
try {
  requireContentType(post('x', 'text/plain'), ['+json']);
  check(false, '415 expected');
} catch (error) {
  check(
    error.status === 415 && error.headers.get('Accept-Post') === 'application/json, */*+json',
    '415',
  );
}
check(supportedEncodings().has('gzip'), 'gzip support');

// The Node build (node:zlib one-shot for whole bodies; Deno and Bun load it too): the same
// bytes as the stream path, with an exact Content-Length where the runtime keeps the source.
const nodeBuild = await import('../dist/index.node.js');
const bigJson = JSON.stringify(records);
const gzipOf = async (middleware) => {
  const response = await middleware()(
    new Request('http://smoke.test/', { headers: { 'Accept-Encoding': 'gzip' } }),
    () => new Response(bigJson, { headers: { 'Content-Type': 'application/json' } }),
  );
  check(response.headers.get('Content-Encoding') === 'gzip', 'node build gzip');
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { length: response.headers.get('Content-Length'), bytes };
};
const webGzip = await gzipOf(compression);
const nodeGzip = await gzipOf(nodeBuild.compression);
const unzipped = await new Response(
  new Blob([nodeGzip.bytes]).stream().pipeThrough(new DecompressionStream('gzip')),
).text();
check(unzipped === bigJson, 'node build gzip body');
check(
  nodeGzip.length === null || Number(nodeGzip.length) === nodeGzip.bytes.byteLength,
  `node build content-length ${nodeGzip.length}`,
);
check(webGzip.length === null, 'web build streams without content-length');
check(
  webGzip.bytes.length === nodeGzip.bytes.length &&
    webGzip.bytes.every((byte, index) => byte === nodeGzip.bytes[index]),
  'node and web builds give the same gzip bytes',
);
check(nodeBuild.negotiate === negotiate, 'node build shares the rest of the API');
