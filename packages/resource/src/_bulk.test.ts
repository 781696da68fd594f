import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createApi } from './api.js';
import { defineResource } from './define-resource.js';
import { memoryStore } from './memory-store.js';

const schema = {
  type: 'object',
  required: ['title'],
  properties: { title: { type: 'string' }, done: { type: 'boolean' } },
} as const;

function bulkApi(atomic: boolean) {
  const tasks = defineResource({
    name: 'tasks',
    path: '/tasks/{taskId}',
    schema,
    store: memoryStore(),
    bulk: { atomic, maxItems: 4 },
  });
  return createApi({ resources: [tasks] });
}

const send = (api: ReturnType<typeof bulkApi>, body: string) =>
  api.fetch(
    new Request('http://x/tasks', {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body,
    }),
  );

// Entries that are nearly right: ids, tags and patches drawn from values that each break a rule.
const entry = fc.record(
  {
    id: fc.oneof(fc.constantFrom('1', '2', '', '../x'), fc.string(), fc.integer()),
    ifMatch: fc.oneof(fc.constantFrom('*', '"v1-x-hal"', '\r\n'), fc.string()),
    patch: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.array(entry, { maxLength: 6 }).map((entries) => JSON.stringify(entries)),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.string(),
);

describe('a bulk request body', () => {
  it.each([false, true])('never answers 500, whatever it holds (atomic: %s)', async (atomic) => {
    const api = bulkApi(atomic);
    for (const title of ['one', 'two']) {
      await api.fetch(
        new Request('http://x/tasks', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ title }),
        }),
      );
    }
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const answer = await send(api, text);
        expect([207, 400, 413, 422]).toContain(answer.status);
        const document = (await answer.json()) as { items?: { status: number }[] };
        if (answer.status !== 207) return;
        for (const item of document.items ?? []) expect(item.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});
