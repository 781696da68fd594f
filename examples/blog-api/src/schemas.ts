// JSON Schemas of what clients send. The same schemas validate POST/PUT bodies and PATCH
// results (422 with pointers) and generate the HAL-FORMS templates, so they cannot disagree.

/** A JSON Schema object, as far as this example uses one. */
export type Schema = Readonly<Record<string, unknown>>;

const text = (maxLength: number, title: string): Schema => ({
  type: 'string',
  minLength: 1,
  maxLength,
  title,
});

export const blogSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: text(200, 'Title'),
    description: { type: 'string', maxLength: 2000, title: 'Description' },
  },
};

export const articleSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'content'],
  properties: {
    title: text(200, 'Title'),
    content: { type: 'string', maxLength: 100_000, title: 'Content' },
  },
};

export const commentSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['author', 'body'],
  properties: {
    author: { ...text(100, 'Author'), pattern: '^[A-Za-z0-9_. -]+$' },
    body: text(5000, 'Comment'),
  },
};

/** The members a client may never write: the server owns them. */
export const SERVER_MEMBERS = ['id', 'createdAt', 'updatedAt'] as const;

/**
 * The schema a patched document must satisfy: the writable members as above, plus the
 * server-owned ones (which the patch policy keeps read-only). Build it once per resource kind:
 * Ajv compiles and caches every schema object it sees, so one per request would leak.
 */
export function patchedSchema(schema: Schema): Schema {
  const properties = schema.properties as Record<string, Schema>;
  return {
    ...schema,
    properties: {
      ...properties,
      id: { type: 'integer' },
      createdAt: { type: 'string' },
      updatedAt: { type: 'string' },
    },
  };
}
