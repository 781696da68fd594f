import { describe, expect, it } from 'vitest';
import { halFormsTemplate, type JsonSchema } from './hal-forms.js';

const postSchema = {
  type: 'object',
  required: ['title', 'body'],
  properties: {
    id: { type: 'integer', readOnly: true },
    title: { type: 'string', title: 'Title', minLength: 1, maxLength: 200, examples: ['Hello'] },
    body: { type: 'string' },
    slug: { type: 'string', pattern: '^[a-z0-9-]+$' },
    email: { type: 'string', format: 'email' },
    website: { type: ['string', 'null'], format: 'uri' },
    publishedAt: { type: 'string', format: 'date-time' },
    rating: { type: 'number', minimum: 0, maximum: 5, multipleOf: 0.5 },
    views: { type: 'integer', minimum: 0, default: 0 },
    draft: { type: 'boolean', default: true },
    status: { type: 'string', enum: ['draft', 'published'], default: 'draft' },
    tags: { type: 'array', items: { enum: ['a', 'b', 'c'] }, minItems: 1 },
    language: {
      oneOf: [
        { const: 'en', title: 'English' },
        { const: 'de', title: 'Deutsch' },
      ],
    },
    author: { type: 'object', properties: { name: { type: 'string' } } },
    note: { description: 'free text' },
  },
} as const satisfies JsonSchema;

describe('halFormsTemplate', () => {
  it('maps a body schema to hal-forms properties', () => {
    const template = halFormsTemplate(postSchema, { method: 'post', title: 'Create a post' });
    expect(template).toEqual({
      method: 'POST',
      contentType: 'application/json',
      title: 'Create a post',
      properties: [
        { name: 'id', readOnly: true, type: 'number', step: 1 },
        {
          name: 'title',
          prompt: 'Title',
          required: true,
          type: 'text',
          minLength: 1,
          maxLength: 200,
          placeholder: 'Hello',
        },
        { name: 'body', required: true, type: 'text' },
        { name: 'slug', type: 'text', regex: '^[a-z0-9-]+$' },
        { name: 'email', type: 'email' },
        { name: 'website', type: 'url' },
        { name: 'publishedAt', type: 'datetime-local' },
        { name: 'rating', type: 'number', min: 0, max: 5, step: 0.5 },
        { name: 'views', value: '0', type: 'number', min: 0, step: 1 },
        {
          name: 'draft',
          value: 'true',
          options: { inline: ['true', 'false'], maxItems: 1, selectedValues: ['true'] },
        },
        {
          name: 'status',
          value: 'draft',
          options: { inline: ['draft', 'published'], maxItems: 1, selectedValues: ['draft'] },
        },
        { name: 'tags', options: { inline: ['a', 'b', 'c'], minItems: 1, maxItems: 3 } },
        {
          name: 'language',
          options: {
            inline: [
              { prompt: 'English', value: 'en' },
              { prompt: 'Deutsch', value: 'de' },
            ],
            maxItems: 1,
          },
        },
        { name: 'note', type: 'text' },
      ],
    });
  });

  it('fills current values for an edit form and can leave out read-only properties', () => {
    const template = halFormsTemplate(postSchema, {
      method: 'PUT',
      contentType: 'application/merge-patch+json',
      target: '/posts/1',
      values: {
        title: 'Old',
        views: 3,
        tags: ['a', 'c'],
        status: 'published',
        author: { name: 'x' },
      },
      omitReadOnly: true,
    });
    expect(template.contentType).toBe('application/merge-patch+json');
    expect(template.target).toBe('/posts/1');
    expect(template.properties.map((p) => p.name)).not.toContain('id');
    const byName = Object.fromEntries(template.properties.map((p) => [p.name, p]));
    expect(byName.title?.value).toBe('Old');
    expect(byName.views?.value).toBe('3');
    expect(byName.tags?.options?.selectedValues).toEqual(['a', 'c']);
    expect(byName.tags?.value).toBeUndefined();
    expect(byName.status?.options?.selectedValues).toEqual(['published']);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'maps the unknown format %s to text, not to an inherited member',
    (format) => {
      const template = halFormsTemplate(
        { type: 'object', properties: { a: { type: 'string', format } } },
        { method: 'POST' },
      );
      expect(template.properties[0]?.type).toBe('text');
    },
  );

  it('handles an empty schema', () => {
    expect(halFormsTemplate({}, { method: 'DELETE' })).toEqual({
      method: 'DELETE',
      contentType: 'application/json',
      properties: [],
    });
  });
});
