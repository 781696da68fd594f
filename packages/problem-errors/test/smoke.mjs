// Runtime smoke test of the built package (see scripts/smoke/run-matrix.mjs): the public API on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import {
  HttpError,
  createProblemTypeRegistry,
  defineProblemType,
  isHttpError,
  issuesFromAjv,
  methodNotAllowed,
  parseProblem,
  problem,
  problemDetails,
  problemFromError,
  serviceUnavailable,
  statusTitle,
  unauthorized,
} from '../dist/index.js';

function check(condition, message) {
  if (!condition) throw new Error(`problem-errors smoke failed: ${message}`);
}

const error = new HttpError(404, { detail: 'No such blog.' });
const response = problemFromError(error);
const body = await response.json();
check(isHttpError(error) && response.status === 404, 'HttpError status');
check(body.status === 404 && body.title === 'Not Found' && body.type === 'about:blank', 'body');
check(response.headers.get('content-type') === 'application/problem+json', 'content type');
check(statusTitle(422) === 'Unprocessable Content', 'statusTitle');

check(methodNotAllowed(['GET', 'HEAD']).headers.get('allow') === 'GET, HEAD', 'Allow on 405');
check(
  unauthorized('Bearer').headers.get('www-authenticate') === 'Bearer',
  'WWW-Authenticate on 401',
);
check(
  serviceUnavailable({ retryAfter: 5 }).headers.get('retry-after') === '5',
  'Retry-After on 503',
);

const cyclic = { big: 1n };
cyclic.self = cyclic;
const safe = await problem({
  status: 500,
  detail: 'x'.repeat(10_000),
  extensions: { cyclic },
}).json();
check(
  safe.cyclic.big === '1' && safe.cyclic.self === '[Circular]' && safe.detail.length === 4096,
  'safe json',
);

const issues = issuesFromAjv([
  { keyword: 'required', instancePath: '/a', params: { missingProperty: 'b' } },
]);
check(issues[0].pointer === '/a/b', 'Ajv issues');

const middleware = problemDetails();
const leaked = await middleware(new Request('http://smoke.test/blogs/7'), () => {
  throw new Error('SECRET');
});
const leakedText = await leaked.text();
check(leaked.status === 500 && !leakedText.includes('SECRET'), 'no leak');
check(JSON.parse(leakedText).instance === '/blogs/7', 'instance');
const asJson = await middleware(
  new Request('http://smoke.test/', { headers: { accept: 'application/json' } }),
  () => {
    throw error;
  },
);
check(asJson.headers.get('content-type') === 'application/json', 'negotiated media type');
check((await asJson.json()).status === 404, 'negotiated body');

const locked = defineProblemType({ type: '/problems/locked', title: 'Locked blog.', status: 423 });
const registry = createProblemTypeRegistry([locked]);
check(registry.schemas()['/problems/locked'].properties.status.const === 423, 'registry schema');
check(locked.is(locked.create({})), 'typed error');
check(parseProblem({ status: '403', title: 'x' }).status === undefined, 'parseProblem');
