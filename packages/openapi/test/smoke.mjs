// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import { lintOpenApi, lintRoutes, openApiDocument } from '../dist/index.js';

const rules = lintRoutes(['/blog/:blog_id', '/alerts/{alertId}/resend'], {
  actions: ['resend'],
}).map((finding) => finding.rule);
if (JSON.stringify(rules) !== JSON.stringify(['plural-collection', 'camel-case-param'])) {
  throw new Error(`openapi smoke failed: lintRoutes ${JSON.stringify(rules)}`);
}
const document = openApiDocument({
  info: { title: 'Smoke', version: '1.0.0' },
  routes: [{ method: 'GET', pattern: '/blogs/:blogId' }],
});
const statuses = Object.keys(document.paths['/blogs/{blogId}'].get.responses);
if (JSON.stringify(statuses) !== JSON.stringify(['200', '400', '404', '405'])) {
  throw new Error(`openapi smoke failed: openApiDocument ${JSON.stringify(statuses)}`);
}
const linted = lintOpenApi(document).filter((finding) => finding.severity === 'error');
if (linted.length !== 0) {
  throw new Error(`openapi smoke failed: lintOpenApi ${JSON.stringify(linted)}`);
}
console.log('openapi smoke: ok');
