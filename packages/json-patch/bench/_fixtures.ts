// Deterministic documents and patches for the benches (a small LCG, no Math.random).
import type { Operation } from '../src/index.js';

let seed = 42;
const random = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = (n: number): number => Math.floor(random() * n);

/** A ~20-key resource, like a blog post with its metadata. */
export const smallDocument: Record<string, unknown> = {
  id: 7,
  title: 'Architectural Styles',
  slug: 'architectural-styles',
  status: 'draft',
  author: { id: 3, name: 'Roy', email: 'roy@example.test' },
  tags: ['rest', 'http', 'architecture'],
  createdAt: '2026-11-23T05:00:00Z',
  updatedAt: '2026-11-23T05:00:00Z',
  version: 3,
  wordCount: 1830,
  language: 'en',
  summary: 'Why REST constrains what it does.',
  featured: false,
  comments: [
    { id: 1, body: 'Nice' },
    { id: 2, body: 'Agreed' },
  ],
  rating: 4.5,
  category: 'essays',
  license: 'CC-BY-4.0',
  revision: 'a1b2c3',
  views: 1024,
  published: null,
};

/** Ten operations of every kind on {@link smallDocument}. */
export const smallPatch: Operation[] = [
  { op: 'test', path: '/version', value: 3 },
  { op: 'replace', path: '/title', value: 'Architectural Styles and REST' },
  { op: 'replace', path: '/status', value: 'published' },
  { op: 'add', path: '/tags/-', value: 'fielding' },
  { op: 'remove', path: '/featured' },
  { op: 'replace', path: '/author/name', value: 'Roy T. Fielding' },
  { op: 'copy', from: '/updatedAt', path: '/published' },
  { op: 'move', from: '/summary', path: '/abstract' },
  { op: 'add', path: '/comments/0', value: { id: 3, body: 'First!' } },
  { op: 'replace', path: '/version', value: 4 },
];

/** `{ items: [...10,000 objects] }`. */
export const largeDocument: { items: Record<string, unknown>[] } = {
  items: Array.from({ length: 10_000 }, (_, index) => ({
    id: index,
    name: `item ${index}`,
    price: index * 3,
    tags: ['a', 'b'],
  })),
};

/** 100 mixed operations on {@link largeDocument}'s array. */
export const largePatch: Operation[] = Array.from({ length: 100 }, (_, index): Operation => {
  const at = pick(9_000);
  switch (index % 5) {
    case 0:
      return { op: 'replace', path: `/items/${at}/name`, value: `renamed ${index}` };
    case 1:
      return {
        op: 'add',
        path: '/items/-',
        value: { id: 10_000 + index, name: 'new', price: 1, tags: [] },
      };
    case 2:
      return { op: 'remove', path: `/items/${at}` };
    case 3:
      return { op: 'add', path: `/items/${at}/tags/-`, value: 'c' };
    default:
      return { op: 'test', path: `/items/${at}/tags/0`, value: 'a' };
  }
});

function article(index: number): Record<string, unknown> {
  return {
    id: index,
    title: `Article number ${index} about representational state transfer`,
    author: {
      id: index % 50,
      name: `Author ${index % 50}`,
      email: `author${index % 50}@example.test`,
    },
    tags: ['rest', 'http', `tag${index % 17}`],
    published: index % 3 === 0,
    stats: { views: index * 7, likes: index % 13, shares: index % 5 },
    body: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(3),
  };
}

/** About 1 MB of JSON: 2,500 articles. */
export const diffFrom: { articles: Record<string, unknown>[]; meta: Record<string, unknown> } = {
  articles: Array.from({ length: 2_500 }, (_, index) => article(index)),
  meta: { total: 2_500, generated: '2026-11-23' },
};

/** {@link diffFrom} as a separate copy with ~1% of the articles changed, one removed, one added. */
export const diffTo: typeof diffFrom = JSON.parse(JSON.stringify(diffFrom)) as typeof diffFrom;
for (let count = 0; count < 25; count++) {
  const target = diffTo.articles[pick(diffTo.articles.length)]!;
  target.title = `Edited ${count}`;
  const stats = target.stats as { views: number };
  stats.views += 1;
}
diffTo.articles.splice(1_200, 1);
diffTo.articles.push(article(9_999));
diffTo.meta.total = 2_500;
diffTo.meta.edited = true;

const byId = (articles: Record<string, unknown>[]): Record<string, Record<string, unknown>> =>
  Object.fromEntries(articles.map((item) => [`article-${String(item.id)}`, item]));

/** {@link diffFrom}'s articles as an object keyed by id (~1 MB). */
export const keyedFrom: Record<string, unknown> = {
  articles: byId(diffFrom.articles),
  meta: diffFrom.meta,
};
/** {@link diffTo}'s articles keyed by id: the same edits as the array pair. */
export const keyedTo: Record<string, unknown> = {
  articles: byId(diffTo.articles),
  meta: diffTo.meta,
};

/**
 * `{ items: [...size objects] }` and 100 mixed operations on it (replace a member, append, remove
 * from the middle, append to a nested array, test). Appended items look like the others, so the
 * patch applies again to its own result: the in-place rows patch one document over and over.
 */
export function arrayFixture(size: number): {
  document: { items: Record<string, unknown>[] };
  patch: Operation[];
} {
  const item = (id: number): Record<string, unknown> => ({
    id,
    name: `item ${id}`,
    price: id * 3,
    tags: ['a', 'b'],
  });
  const document = { items: Array.from({ length: size }, (_, index) => item(index)) };
  const span = Math.floor(size * 0.9);
  const patch = Array.from({ length: 100 }, (_, index): Operation => {
    const at = pick(span);
    switch (index % 5) {
      case 0:
        return { op: 'replace', path: `/items/${at}/name`, value: `renamed ${index}` };
      case 1:
        return { op: 'add', path: '/items/-', value: item(size + index) };
      case 2:
        return { op: 'remove', path: `/items/${at}` };
      case 3:
        return { op: 'add', path: `/items/${at}/tags/-`, value: 'c' };
      default:
        return { op: 'test', path: `/items/${at}/tags/0`, value: 'a' };
    }
  });
  return { document, patch };
}
