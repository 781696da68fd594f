import { describe, expect, expectTypeOf, it } from 'vitest';
import { defineResource } from './define-resource.js';
import { memoryStore } from './memory-store.js';
import type { FromSchema, InputOf, ItemOf, ValueOf } from './schema-types.js';
import type { Entry, Store } from './store.js';

const taskSchema = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', readOnly: true },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    done: { type: 'boolean', default: false },
    priority: { type: 'integer', minimum: 1, maximum: 5 },
    status: { enum: ['open', 'closed'] },
    tags: { type: 'array', items: { type: 'string' } },
    due: { type: ['string', 'null'] },
    owner: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, email: { type: 'string' } },
    },
  },
} as const;

describe('types from the schema', () => {
  it('infers the stored item: required and defaulted members present, others optional', () => {
    expectTypeOf<FromSchema<typeof taskSchema>>().toEqualTypeOf<{
      title: string;
      done: boolean;
      id?: string;
      priority?: number;
      status?: 'open' | 'closed';
      tags?: string[];
      due?: string | null;
      owner?: { name: string; email?: string };
    }>();
  });

  it('leaves readOnly members out of the input, and defaults optional', () => {
    expectTypeOf<InputOf<typeof taskSchema>>().toHaveProperty('title').toEqualTypeOf<string>();
    expectTypeOf<keyof InputOf<typeof taskSchema>>().not.toEqualTypeOf<'id'>();
    expectTypeOf<InputOf<typeof taskSchema>>().toMatchTypeOf<{ done?: boolean }>();
  });

  it('keeps the id out of the stored value and in the item', () => {
    expectTypeOf<keyof ValueOf<typeof taskSchema>>().toEqualTypeOf<
      'title' | 'done' | 'priority' | 'status' | 'tags' | 'due' | 'owner'
    >();
    expectTypeOf<ItemOf<typeof taskSchema>['id']>().toEqualTypeOf<string>();
  });

  it('types the store, links, prepare and actions from the schema', () => {
    const tasks = defineResource({
      name: 'tasks',
      path: '/tasks/{taskId}',
      schema: taskSchema,
      store: memoryStore(),
      collection: { sort: ['title', 'priority'], filters: ['done'] },
      links: (task) => {
        expectTypeOf(task.title).toEqualTypeOf<string>();
        expectTypeOf(task.id).toEqualTypeOf<string>();
        return {};
      },
      prepare: (value) => {
        expectTypeOf(value.done).toEqualTypeOf<boolean>();
        return value;
      },
      actions: ({ action, toggle, member }) => ({
        close: action({
          input: { type: 'object', properties: { reason: { type: 'string' } } },
          handler: ({ item, input, entry }) => {
            expectTypeOf(item.priority).toEqualTypeOf<number | undefined>();
            expectTypeOf(input.reason).toEqualTypeOf<string | undefined>();
            expectTypeOf(entry).toEqualTypeOf<Entry<ValueOf<typeof taskSchema>>>();
          },
        }),
        done: toggle({ member: 'done' }),
        title: member('title'),
      }),
    });
    expectTypeOf(tasks.store).toEqualTypeOf<Store<ValueOf<typeof taskSchema>>>();
  });

  it('refuses unknown sort fields and a toggle of a member that is not boolean, also at run time', () => {
    expect(() =>
      defineResource({
        name: 'tasks',
        path: '/tasks/{taskId}',
        schema: taskSchema,
        store: memoryStore(),
        // @ts-expect-error -- "colour" is no member of the schema
        collection: { sort: ['colour'] },
      }),
    ).toThrow(/"colour" is not a member/);
    expect(() =>
      defineResource({
        name: 'tasks',
        path: '/tasks/{taskId}',
        schema: taskSchema,
        store: memoryStore(),
        // @ts-expect-error -- title is a string, not a boolean
        actions: ({ toggle }) => ({ t: toggle({ member: 'title' }) }),
      }),
    ).toThrow(/not a boolean member/);
  });
});
