// The HAL builder against the same document written by hand as an object literal, both
// serialised with JSON.stringify (issue 22: the builder should cost no more than the literal).
// The document is ~1 KB: a blog with curies, four links (one templated) and three embedded
// articles with two links each.
import { bench, describe } from 'vitest';
import { options } from './_options.js';
import { createHal } from '../src/index.js';

const blog = {
  id: 7,
  title: 'Fielding notes',
  description: 'Notes on REST, hypermedia and HTTP caching.',
  createdAt: '2026-01-02T03:04:05Z',
};
const articles = [1, 2, 3].map((id) => ({
  id,
  title: `Article ${id}`,
  status: 'published',
  authorId: 3,
}));
const docs = '/docs/rels/{rel}';

const hal = createHal({ curies: [{ name: 'doc', href: docs }] });

const built = (): string =>
  JSON.stringify(
    hal
      .resource(blog, `/blogs/${blog.id}`)
      .link('author', { href: '/users/3', title: 'Roy' })
      .link('articles', `/blogs/${blog.id}/articles{?pageIndex,pageSize}`)
      .link('collection', '/blogs')
      .link('search', '/blogs{?q}')
      .embed(
        'articles',
        articles.map((article) =>
          hal
            .resource(article, `/blogs/${blog.id}/articles/${article.id}`)
            .link('author', `/users/${article.authorId}`),
        ),
      ),
  );

const literal = (): string =>
  JSON.stringify({
    ...blog,
    _links: {
      self: { href: `/blogs/${blog.id}` },
      curies: [{ name: 'doc', href: docs, templated: true }],
      author: { href: '/users/3', title: 'Roy' },
      'doc:articles': { href: `/blogs/${blog.id}/articles{?pageIndex,pageSize}`, templated: true },
      collection: { href: '/blogs' },
      search: { href: '/blogs{?q}', templated: true },
    },
    _embedded: {
      'doc:articles': articles.map((article) => ({
        ...article,
        _links: {
          self: { href: `/blogs/${blog.id}/articles/${article.id}` },
          author: { href: `/users/${article.authorId}` },
        },
      })),
    },
  });

// The two rows must serialise the same document, or the comparison means nothing.
if (built() !== literal()) throw new Error(`bench documents differ:\n${built()}\n${literal()}`);

describe(`build and serialise a ${literal().length}-byte HAL document`, () => {
  bench(
    '@fielding/hal-links createHal().resource()…',
    () => {
      built();
    },
    options,
  );
  bench(
    'object literal + JSON.stringify',
    () => {
      literal();
    },
    options,
  );
});
