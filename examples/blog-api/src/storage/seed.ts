import type { Store } from './store.js';

const BLOGS = [
  {
    title: 'Hypermedia Field Notes',
    description: 'Following links instead of building URLs, one HAL response at a time.',
    articles: [
      {
        title: 'Why every response carries a self link',
        content: 'A client that stores the self link never has to rebuild a URL from an id.',
        comments: [
          {
            author: 'ada',
            body: 'The templated blog link at the API root saved me a URL builder.',
          },
          { author: 'grace', body: 'Curies made the custom rels readable in the browser view.' },
        ],
      },
      {
        title: 'Paging without COUNT(*)',
        content: 'When the total is expensive, ask for limit + 1 rows and report hasMore instead.',
        comments: [
          { author: 'linus', body: 'Cursor pages bound to the sort order stopped our replay bug.' },
        ],
      },
    ],
  },
  {
    title: 'Conditional Requests in Practice',
    description: 'ETags, If-Match and the lost update problem, measured.',
    articles: [
      {
        title: 'A version column is the cheapest strong ETag',
        content:
          'The validator is known before the body is built, so a 304 costs one indexed read.',
        comments: [
          {
            author: 'barbara',
            body: 'If-Match on PATCH caught two editors racing on the same article.',
          },
        ],
      },
      {
        title: '428 is a kindness',
        content:
          'Requiring a precondition turns a silent overwrite into an error the client can fix.',
        comments: [],
      },
    ],
  },
  {
    title: 'Problem Details Digest',
    description: 'RFC 9457 bodies that a client program can act on.',
    articles: [
      {
        title: 'Pointers into the request body',
        content: 'A 422 that names /title is worth more than a paragraph of prose.',
        comments: [
          { author: 'edsger', body: 'The errors list maps straight onto our form fields.' },
        ],
      },
    ],
  },
];

/** Inserts the sample data once: only when there are no blogs at all. */
export async function seed(store: Store): Promise<boolean> {
  const { total } = await store.blogs.list(undefined, { offset: 0, limit: 1, sort: [] });
  if (total > 0) return false;
  for (const blog of BLOGS) {
    const createdBlog = await store.blogs.create(undefined, {
      title: blog.title,
      description: blog.description,
    });
    for (const article of blog.articles) {
      const createdArticle = await store.articles.create(createdBlog.id, {
        title: article.title,
        content: article.content,
      });
      for (const comment of article.comments)
        await store.comments.create(createdArticle.id, comment);
    }
  }
  return true;
}
