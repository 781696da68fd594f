// The one resource every row serves: GET /api/blogs/{blogId}/articles/{articleId} as ~1 KB
// of HAL (or plain JSON by Accept), with a strong deep ETag from the row's version and the
// variant (`"v3-hal"`, RFC 9110 §8.8.3), Last-Modified, Vary: Accept, a 304 for a matching
// If-None-Match, and a problem+json 404 for an unknown id. Every row must answer exactly the
// same bytes (the runner checks), so no row does less work than another.

const body =
  'Representational state transfer lets each request carry what the server needs. '.repeat(6);

/** The stored rows, as a database would give them: the version is the deep validator. */
export const ARTICLES = new Map(
  [1, 2, 3].map((id) => [
    `1/${id}`,
    {
      id,
      blogId: 1,
      version: 3,
      title: `Article ${id}`,
      body,
      status: 'published',
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-11-30T12:00:00.000Z',
    },
  ]),
);

export const UPDATED_AT = new Date('2026-11-30T12:00:00.000Z');
export const PATH = '/api/blogs/1/articles/1';
export const VARIANTS = [
  ['application/hal+json', 'hal'],
  ['application/json', 'json'],
];

/** The state members of the representation, in order. */
export const state = (row) => ({
  id: row.id,
  title: row.title,
  body: row.body,
  status: row.status,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
