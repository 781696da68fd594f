// The three resource kinds of the blog API. Routes, links, validation and storage are all
// derived from this table, so the kinds cannot drift apart.
import { articleSchema, blogSchema, commentSchema, patchedSchema, type Schema } from './schemas.js';
import type { Repository } from './storage/repository.js';
import type { Store } from './storage/store.js';

export const API_ROOT = '/api/v1';

export interface ResourceKind {
  /** Collection name: path segment, rel and `_embedded` key. */
  readonly name: 'blogs' | 'articles' | 'comments';
  /** Item rel, e.g. `blog`. */
  readonly singular: 'blog' | 'article' | 'comment';
  readonly collectionPattern: string;
  readonly itemPattern: string;
  /** Path parameter of the item id. */
  readonly idParam: 'blogId' | 'articleId' | 'commentId';
  /** The kind this one is nested in, if any. */
  readonly parent: ResourceKind | undefined;
  /** The kind nested in this one, if any. */
  readonly child: ResourceKind | undefined;
  readonly schema: Schema;
  /** What a PATCH result must satisfy: `schema` plus the server-owned members, built once. */
  readonly patchedSchema: Schema;
  /** Writable members, in display order. */
  readonly fields: readonly string[];
  readonly repository: (store: Store) => Repository;
}

const blogs: ResourceKind = {
  name: 'blogs',
  singular: 'blog',
  collectionPattern: `${API_ROOT}/blogs`,
  itemPattern: `${API_ROOT}/blogs/:blogId`,
  idParam: 'blogId',
  parent: undefined,
  child: undefined,
  schema: blogSchema,
  patchedSchema: patchedSchema(blogSchema),
  fields: ['title', 'description'],
  repository: (store) => store.blogs,
};

const articles: ResourceKind = {
  name: 'articles',
  singular: 'article',
  collectionPattern: `${API_ROOT}/blogs/:blogId/articles`,
  itemPattern: `${API_ROOT}/blogs/:blogId/articles/:articleId`,
  idParam: 'articleId',
  parent: blogs,
  child: undefined,
  schema: articleSchema,
  patchedSchema: patchedSchema(articleSchema),
  fields: ['title', 'content'],
  repository: (store) => store.articles,
};

const comments: ResourceKind = {
  name: 'comments',
  singular: 'comment',
  collectionPattern: `${API_ROOT}/blogs/:blogId/articles/:articleId/comments`,
  itemPattern: `${API_ROOT}/blogs/:blogId/articles/:articleId/comments/:commentId`,
  idParam: 'commentId',
  parent: articles,
  child: undefined,
  schema: commentSchema,
  patchedSchema: patchedSchema(commentSchema),
  fields: ['author', 'body'],
  repository: (store) => store.comments,
};

// The parent → child links close the loop once all three exist.
(blogs as { child: ResourceKind }).child = articles;
(articles as { child: ResourceKind }).child = comments;

export const RESOURCE_KINDS: readonly ResourceKind[] = [blogs, articles, comments];
