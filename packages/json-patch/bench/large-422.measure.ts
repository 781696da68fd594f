// A hostile 1 MB merge patch of ~120,000 unknown members against a schema with
// `additionalProperties: false`: how long the 422 takes and how large its body is. Not a test:
// timings vary by machine. Run from the repository root:
//   TSX_TSCONFIG_PATH=tsconfig.json node \
//     --import ./node_modules/.pnpm/tsx@4.20.6/node_modules/tsx/dist/esm/index.mjs \
//     packages/json-patch/bench/large-422.measure.ts
import { applyMergePatch, JSON_PATCH, MERGE_PATCH, patchResource } from '../src/index.js';

const MAX_BODY = 1_048_576;
const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: { id: { type: 'integer' }, title: { type: 'string', minLength: 1 } },
};
const handler = patchResource({
  load: () => ({ id: 7, title: 'Draft' }),
  save: () => undefined,
  schema,
});

/** Short distinct member names (base 36) until the body would pass 1 MB. */
function mergeBody(): { text: string; members: number } {
  const parts: string[] = [];
  let size = 2;
  for (let index = 0; ; index++) {
    const part = `"${index.toString(36)}":0`;
    if (size + part.length + 1 > MAX_BODY) break;
    parts.push(part);
    size += part.length + 1;
  }
  return { text: `{${parts.join(',')}}`, members: parts.length };
}

/** 10,000 adds (the default maxOperations) of unknown members, as a JSON Patch. */
function jsonPatchBody(): { text: string; members: number } {
  const operations = Array.from({ length: 10_000 }, (_, index) => ({
    op: 'add',
    path: `/${index.toString(36)}`,
    value: 0,
  }));
  return { text: JSON.stringify(operations), members: operations.length };
}

const median = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1]!;

async function measure(
  name: string,
  contentType: string,
  body: { text: string; members: number },
): Promise<void> {
  const runs: number[] = [];
  const baseline: number[] = [];
  let status = 0;
  let size = 0;
  let listed = 0;
  for (let run = 0; run < 5; run++) {
    const request = new Request('https://api.test/blogs/7', {
      method: 'PATCH',
      headers: { 'Content-Type': contentType },
      body: body.text,
    });
    let started = performance.now();
    const response = await handler(request);
    const text = await response.text();
    runs.push(performance.now() - started);
    status = response.status;
    size = text.length;
    listed = (JSON.parse(text) as { errors?: unknown[] }).errors?.length ?? 0;
    if (contentType === MERGE_PATCH) {
      // What any answer costs: parsing and merging the body; the rest is validation.
      started = performance.now();
      applyMergePatch({ id: 7, title: 'Draft' }, JSON.parse(body.text));
      baseline.push(performance.now() - started);
    }
  }
  const parseAndMerge =
    baseline.length > 0 ? `, parse + merge alone ${median(baseline).toFixed(0)} ms` : '';
  process.stdout.write(
    `${name}: ${body.text.length} B body, ${body.members} unknown members → ${status}, ` +
      `${size} B problem body, ${listed} errors listed; median of 5: ${median(runs).toFixed(0)} ms` +
      `${parseAndMerge}\n`,
  );
}

await measure('merge patch', MERGE_PATCH, mergeBody());
await measure('json patch', JSON_PATCH, jsonPatchBody());
