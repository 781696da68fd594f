// JSON Schemas of what clients send. The same schemas validate POST/PUT bodies and PATCH
// results (422 with pointers) and generate the HAL-FORMS templates, so they cannot disagree.

/** A JSON Schema object, as far as this example uses one. */
export type Schema = Readonly<Record<string, unknown>>;

/**
 * Text without U+0000: PostgreSQL's text type cannot store it (error 22021), so a NUL is refused
 * here with a 422 pointing at the field instead of failing in the INSERT.
 */
export const NO_NUL = '^[^\\u0000]*$';

/** Text that may be empty. */
const textOrEmpty = (maxLength: number, title: string): Schema => ({
  type: 'string',
  maxLength,
  pattern: NO_NUL,
  title,
});

/** Text of at least one character. */
const text = (maxLength: number, title: string): Schema => ({
  ...textOrEmpty(maxLength, title),
  minLength: 1,
});

export const blogSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['title'],
  properties: {
    title: text(200, 'Title'),
    description: textOrEmpty(2000, 'Description'),
  },
};

export const articleSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['title', 'content'],
  properties: {
    title: text(200, 'Title'),
    content: textOrEmpty(100_000, 'Content'),
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
