import fc from 'fast-check';

/** Any string, biased towards the characters route patterns give meaning to. */
const anyText = fc.string({
  unit: fc.oneof(
    {
      arbitrary: fc.constantFrom('/', ':', '{', '}', '*', '-', '_', '.', 'a', 'Z', 's'),
      weight: 3,
    },
    { arbitrary: fc.string({ minLength: 1, maxLength: 1 }), weight: 1 },
  ),
  maxLength: 60,
});
import { describe, expect, it } from 'vitest';
import { IRREGULAR_PLURALS, lintRoutes, ROUTE_VERBS, type RouteRule } from './route-lint.js';
import { createRouter } from '@fielding/core';

const rules = (pattern: string, options = {}): [RouteRule, string, string | undefined][] =>
  lintRoutes([pattern], options).map((finding) => [
    finding.rule,
    finding.subject,
    finding.suggestion,
  ]);

describe('lintRoutes', () => {
  it.each([
    ['/blogs'],
    ['/blogs/:blogId'],
    ['/blogs/{blogId}'],
    ['/blogs/:blogId/posts/:postId'],
    ['/blogs/{blogId}/posts/{postId}'],
    ['/api/v1/blog-posts/:blogPostId'],
    ['/people/:personId'],
    ['/categories/{categoryId}/media'],
    ['/users/:userId/profile'],
    ['/health'],
    ['/.well-known/openapi.json'],
    ['/files/*path'],
    ['/posts{/:postId}'],
    ['/'],
    [''],
    ['/blogs/:blogId?draft=true'],
  ])('accepts %s', (pattern) => {
    expect(lintRoutes([pattern])).toEqual([]);
  });

  it.each<[string, [RouteRule, string, string | undefined][]]>([
    ['/blogPosts', [['kebab-case', 'blogPosts', 'blog-posts']]],
    ['/blog_posts/:blogPostId', [['kebab-case', 'blog_posts', 'blog-posts']]],
    ['/Blogs', [['kebab-case', 'Blogs', 'blogs']]],
    ['/blogs--old', [['kebab-case', 'blogs--old', 'blogs-old']]],
    ['/-blogs', [['kebab-case', '-blogs', 'blogs']]],
    ['/blog/:blogId', [['plural-collection', 'blog', 'blogs']]],
    ['/blog-post/{id}', [['plural-collection', 'blog-post', 'blog-posts']]],
    ['/category/:categoryId', [['plural-collection', 'category', 'categories']]],
    ['/address/:addressId', [['plural-collection', 'address', 'addresses']]],
    ['/status/:statusId', [['plural-collection', 'status', 'statuses']]],
    ['/key/:keyId', [['plural-collection', 'key', 'keys']]],
    ['/get-users', [['no-verb', 'get-users', undefined]]],
    [
      '/createBlog',
      [
        ['kebab-case', 'createBlog', 'create-blog'],
        ['no-verb', 'createBlog', undefined],
      ],
    ],
    ['/blogs/:blogId/publish', [['no-verb', 'publish', undefined]]],
    ['/alerts/{alertId}/resend', [['no-verb', 'resend', undefined]]],
    ['/blogs/:blog_id', [['camel-case-param', 'blog_id', 'blogId']]],
    ['/blogs/{blog-id}', [['camel-case-param', 'blog-id', 'blogId']]],
    ['/blogs/:"blog-id"', [['camel-case-param', 'blog-id', 'blogId']]],
    ['/blogs/:BlogId', [['camel-case-param', 'BlogId', 'blogId']]],
    [
      '/a/:aId/b/:bId/c/:cId',
      [
        ['plural-collection', 'a', 'as'],
        ['plural-collection', 'b', 'bs'],
        ['plural-collection', 'c', 'cs'],
        ['max-depth', '/a/:aId/b/:bId/c/:cId', undefined],
      ],
    ],
    [
      '/blogs/{blogId}/posts/{postId}/comments',
      [['max-depth', '/blogs/{blogId}/posts/{postId}/comments', undefined]],
    ],
    [
      '/blogs/{blogId}/{postId}/{commentId}',
      [['max-depth', '/blogs/{blogId}/{postId}/{commentId}', undefined]],
    ],
  ])('flags %s', (pattern, expected) => {
    expect(rules(pattern)).toEqual(expected);
  });

  it('accepts an opted-in action sub-resource right after a parameter', () => {
    expect(lintRoutes(['/alerts/{alertId}/resend'], { actions: ['resend'] })).toEqual([]);
    expect(
      lintRoutes(['/blogs/{blogId}/posts/{postId}/publish'], { actions: ['publish'] }),
    ).toEqual([]);
  });

  it('still flags an action verb anywhere else', () => {
    const findings = lintRoutes(['/resend/{alertId}', '/alerts/resend'], { actions: ['resend'] });
    expect(findings.map((finding) => [finding.pattern, finding.rule])).toEqual([
      ['/resend/{alertId}', 'no-verb'],
      ['/alerts/resend', 'no-verb'],
    ]);
    expect(findings[0]?.message).toBe(
      'Action "resend" may only end a path, right after a parameter.',
    );
  });

  it('accepts extra plurals, custom verbs, a deeper limit and disabled rules', () => {
    expect(lintRoutes(['/staff-member/:id'])).toHaveLength(1);
    expect(lintRoutes(['/series/:seriesId'], { plurals: [] })).toEqual([]);
    expect(lintRoutes(['/chassis/:chassisId'], { plurals: ['chassis'] })).toEqual([]);
    expect(
      rules('/blogs/:blogId/transmogrify', { verbs: [...ROUTE_VERBS, 'transmogrify'] }),
    ).toEqual([['no-verb', 'transmogrify', undefined]]);
    expect(lintRoutes(['/get-users'], { verbs: [] })).toEqual([]);
    expect(
      lintRoutes(['/a/:a/b/:b/c/:c'], { maxDepth: 3, disable: ['plural-collection'] }),
    ).toEqual([]);
    expect(
      lintRoutes(['/Blog/:blog_id'], {
        disable: ['kebab-case', 'plural-collection', 'camel-case-param'],
      }),
    ).toEqual([]);
  });

  it('reports each pattern once and keeps the pattern order', () => {
    const findings = lintRoutes(['/blog/:id', '/users/:user_id', '/blog/:id']);
    expect(findings.map((finding) => finding.pattern)).toEqual(['/blog/:id', '/users/:user_id']);
  });

  it('lints the routes of a router', () => {
    const router = createRouter()
      .get('/blog/:blogId', () => new Response())
      .put('/blog/:blogId', () => new Response());
    expect(lintRoutes(router.routes())).toEqual([
      {
        pattern: '/blog/:blogId',
        rule: 'plural-collection',
        subject: 'blog',
        message: 'Collection "blog" should be a plural noun.',
        suggestion: 'blogs',
      },
    ]);
  });

  it('knows common irregular plurals', () => {
    for (const word of IRREGULAR_PLURALS) {
      expect(lintRoutes([`/${word}/:id`]), word).toEqual([]);
    }
  });

  it('never throws, whatever it is given', () => {
    expect(lintRoutes([null, 42, {}] as unknown as string[])).toEqual([]);
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 5 }), (patterns) => {
        for (const finding of lintRoutes(patterns)) {
          expect(patterns).toContain(finding.pattern);
          expect(finding.message).not.toBe('');
        }
      }),
    );
  });

  it('never throws on pattern-like noise', () => {
    const unit = fc.constantFrom(
      '/',
      ':',
      '*',
      '{',
      '}',
      '"',
      '\\',
      '?',
      'a',
      'B',
      '_',
      '-',
      '.',
      '1',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (pattern) => {
        expect(Array.isArray(lintRoutes([pattern]))).toBe(true);
      }),
    );
  });
});
