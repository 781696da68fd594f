import { createApi, defineResource, memoryStore } from '@fielding/resource';

const tasks = defineResource({
  name: 'tasks',
  path: '/tasks/{taskId}',
  schema: {
    type: 'object',
    required: ['title'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', readOnly: true },
      title: { type: 'string', minLength: 1, maxLength: 200 },
      done: { type: 'boolean', default: false },
      priority: { type: 'integer', minimum: 1, maximum: 5 },
    },
  },
  store: memoryStore(),
  collection: {
    pageSize: { default: 20, max: 100 },
    sort: ['title', 'priority'],
    filters: ['done', 'priority'],
    fields: true,
  },
});

const api = createApi({ base: '/api', resources: [tasks] });
export default { fetch: api.fetch }; // a FetchHandler: serve(api.fetch) on Node, or any adapter
