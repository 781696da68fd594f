// Runtime smoke test: the built package's public API, run by scripts/smoke/run-matrix.mjs on
// Node 20/22/24, Deno and Bun. Plain assertions so it needs nothing but the runtime.
import {
  ACCEPT_PATCH,
  JsonPointer,
  acceptPatch,
  applyMergePatch,
  applyPatch,
  applyPatchRequest,
  applyPatchWithInverse,
  createMergePatch,
  createPatch,
  validatePatch,
} from '../dist/index.js';

const check = (condition, message) => {
  if (!condition) throw new Error(`json-patch smoke failed: ${message}`);
};
// JSON equality regardless of member order (an undone remove re-adds the member at the end).
const sorted = (value) =>
  Array.isArray(value)
    ? value.map(sorted)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, sorted(value[key])]),
        )
      : value;
const same = (a, b) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

const document = Object.freeze({ id: 7, title: 'Draft', tags: Object.freeze(['rest']) });
const patched = applyPatch(document, [
  { op: 'test', path: '/id', value: 7 },
  { op: 'replace', path: '/title', value: 'Final' },
  { op: 'add', path: '/tags/-', value: 'http' },
]);
check(same(patched, { id: 7, title: 'Final', tags: ['rest', 'http'] }), 'applyPatch result');
check(document.title === 'Draft', 'input untouched');

const { document: changed, inverse } = applyPatchWithInverse(document, [
  { op: 'remove', path: '/title' },
]);
check(same(applyPatch(changed, inverse), document), 'inverse patch');

let status;
try {
  applyPatch(document, [{ op: 'test', path: '/id', value: 8 }]);
} catch (error) {
  status = error.status;
}
check(status === 409, 'failing test is a 409');
check(
  validatePatch([{ op: 'add', path: '/a' }])[0].pointer === '/0/value',
  'validatePatch pointer (Ajv)',
);

try {
  applyPatch({}, [{ op: 'add', path: '/__proto__/polluted', value: 1 }]);
} catch {
  // expected: 409
}
check({}.polluted === undefined, 'no prototype pollution');

check(JsonPointer.parse('/a~1b/0').tokens[0] === 'a/b', 'pointer parse');
check(JsonPointer.parse('/c%d').toFragment() === '#/c%25d', 'pointer fragment');

const target = { a: 'b', c: { d: 'e', f: 'g' } };
check(
  same(applyMergePatch(target, { a: 'z', c: { f: null } }), { a: 'z', c: { d: 'e' } }),
  'merge patch',
);
check(
  same(applyMergePatch(target, createMergePatch(target, { a: 1 })), { a: 1 }),
  'createMergePatch',
);
check(same(applyPatch(target, createPatch(target, { a: [1] })), { a: [1] }), 'createPatch');

const request = new Request('https://smoke.test/posts/7', {
  method: 'PATCH',
  headers: { 'Content-Type': 'application/merge-patch+json' },
  body: '{"title":"Merged"}',
});
const next = await applyPatchRequest(request, document, {
  schema: { type: 'object', required: ['title'] },
  policy: { readOnly: ['/id'] },
});
check(next.title === 'Merged', 'applyPatchRequest');

const response = await acceptPatch()(
  new Request('https://smoke.test/posts/7'),
  () => new Response('{}'),
);
check(response.headers.get('Accept-Patch') === ACCEPT_PATCH, 'Accept-Patch');
