// Heap growth over 8,000 PATCH requests that each pass a freshly built (structurally equal)
// schema, as the example app's patchedSchema() does. Not a test: heap numbers vary by runtime.
// Run from the repository root:
//   TSX_TSCONFIG_PATH=tsconfig.json node --expose-gc \
//     --import ./node_modules/.pnpm/tsx@4.20.6/node_modules/tsx/dist/esm/index.mjs \
//     packages/json-patch/bench/schema-heap.measure.ts [count] [distinct]
import { applyPatchRequest, MERGE_PATCH } from '../src/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const resourceSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    description: { type: 'string', maxLength: 2000 },
  },
};
// `distinct` as the second argument: every request's schema differs (a pathological app), to
// show that the compiled schemas kept stay bounded.
const distinct = process.argv[3] === 'distinct';
const patchedSchema = (index = 0): Record<string, unknown> => ({
  ...resourceSchema,
  properties: {
    ...resourceSchema.properties,
    id: { type: 'integer', ...(distinct && { maximum: 1_000_000 + index }) },
  },
});

const document = { id: 7, title: 'Draft', description: 'text' };
const request = (index: number): Request =>
  new Request('https://api.test/blogs/7', {
    method: 'PATCH',
    headers: { 'Content-Type': MERGE_PATCH },
    body: JSON.stringify({ title: `Title ${index}` }),
  });

const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1_048_576;
};

const count = Number(process.argv[2] ?? 8_000);
await applyPatchRequest(request(-1), document, { schema: patchedSchema() });
const before = heapMb();
const started = performance.now();
for (let index = 0; index < count; index++) {
  await applyPatchRequest(request(index), document, { schema: patchedSchema(index) });
}
const elapsed = performance.now() - started;
const after = heapMb();
process.stdout.write(
  `${count} PATCH requests, a fresh ${distinct ? 'distinct' : 'equal'} schema each: heap ${before.toFixed(1)} → ${after.toFixed(1)} MB ` +
    `(+${(after - before).toFixed(1)} MB, ${(((after - before) * 1_048_576) / count / 1024).toFixed(2)} KB/request), ` +
    `${(elapsed / count).toFixed(3)} ms/request\n`,
);
