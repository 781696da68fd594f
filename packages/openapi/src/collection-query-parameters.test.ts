import { createFilterParser } from '@fielding/pagination';
import type { ParameterObject } from 'openapi3-ts/oas31';
import { describe, expect, it } from 'vitest';
import { collectionQueryParameters } from './collection-query-parameters.js';

const filters = createFilterParser(
  {
    type: 'object',
    required: ['status'],
    properties: {
      status: { type: 'string', enum: ['open', 'closed'] },
      name: { type: 'string', maxLength: 40 },
      createdAt: { type: 'string', format: 'date-time', default: '2024-01-01T00:00:00Z' },
      labels: { type: 'array', items: { type: 'string' }, maxItems: 5 },
    },
  },
  { operators: { name: ['eq', 'prefix'] }, maxValues: 10 },
);

const byName = (parameters: ParameterObject[]): Record<string, ParameterObject> =>
  Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter]));

describe('collectionQueryParameters', () => {
  it.each([
    [{ style: 'page' } as const, ['pageIndex', 'pageSize']],
    [
      {
        style: 'page',
        pageIndexParameters: ['page_index'],
        pageSizeParameters: ['page_size'],
      } as const,
      ['page_index', 'page_size'],
    ],
    [{ style: 'offset' } as const, ['offset', 'limit']],
    [{ style: 'cursor', cursorParameter: 'after' } as const, ['after', 'limit']],
  ])('pages %j with %j', (paging, names) => {
    expect(collectionQueryParameters({ paging }).map((parameter) => parameter.name)).toEqual(names);
  });

  it('bounds the page size by the declared default and maximum', () => {
    const [, size] = collectionQueryParameters({
      paging: { style: 'offset', defaultPageSize: 10, maxPageSize: 50, maxOffset: 1000 },
    });
    expect(size).toEqual({
      name: 'limit',
      in: 'query',
      description: 'Items per page.',
      schema: { type: 'integer', minimum: 1, maximum: 50, default: 10 },
    });
  });

  it('lists sort keys and fields as comma-separated allow-lists', () => {
    const { sort, fields } = byName(
      collectionQueryParameters({
        sort: { fields: { title: {}, priority: { column: 'prio' } }, defaultSort: '-priority' },
        fields: { allowed: ['id', 'title'], maxFields: 2 },
      }),
    );
    expect(sort).toMatchObject({
      style: 'form',
      explode: false,
      schema: {
        type: 'array',
        maxItems: 8,
        default: ['-priority'],
        items: { type: 'string', enum: ['title', '-title', 'priority', '-priority'] },
      },
    });
    expect(fields).toMatchObject({
      style: 'form',
      explode: false,
      schema: { type: 'array', maxItems: 2, items: { enum: ['id', 'title'] } },
    });
  });

  it('gives each filter and operator its parameter, as the parser reads them', () => {
    const parameters = byName(collectionQueryParameters({ filters, maxValues: 10 }));
    expect(Object.keys(parameters)).toEqual([
      'status',
      'status[ne]',
      'status[in]',
      'status[nin]',
      'name',
      'name[prefix]',
      'createdAt',
      'createdAt[ne]',
      'createdAt[gt]',
      'createdAt[gte]',
      'createdAt[lt]',
      'createdAt[lte]',
      'createdAt[in]',
      'createdAt[nin]',
      'labels',
      'labels[ne]',
      'labels[in]',
      'labels[nin]',
    ]);
    expect(parameters.status).toMatchObject({
      required: true,
      schema: { type: 'string', enum: ['open', 'closed'] },
    });
    expect(parameters['status[in]']).toMatchObject({
      style: 'form',
      explode: false,
      schema: { type: 'array', minItems: 1, maxItems: 10, items: { enum: ['open', 'closed'] } },
    });
    expect(parameters['name[prefix]']?.schema).toEqual({
      type: 'string',
      minLength: 1,
      maxLength: 40,
    });
    // A range bound has the member's type and no default.
    expect(parameters['createdAt[gte]']?.schema).toEqual({ type: 'string', format: 'date-time' });
    expect(parameters.labels).toMatchObject({
      style: 'form',
      explode: false,
      schema: { type: 'array', maxItems: 5 },
    });
  });

  it('documents only operators the parser accepts', () => {
    expect(filters.conditions('https://api.test/x?status=open&labels[ne]=a').slice(0, 2)).toEqual([
      { field: 'status', operator: 'eq', value: 'open' },
      { field: 'labels', operator: 'ne', value: 'a' },
    ]);
    expect(() => filters.conditions('https://api.test/x?status=open&name[ne]=a')).toThrow();
    const names = collectionQueryParameters({ filters }).map((parameter) => parameter.name);
    expect(names).not.toContain('name[ne]');
  });

  it('defaults the size of a set to the parser default of 100', () => {
    const parameters = byName(collectionQueryParameters({ filters }));
    expect(parameters['status[nin]']?.schema).toMatchObject({ maxItems: 100 });
  });

  it('leaves the parser schema alone', () => {
    collectionQueryParameters({ filters });
    expect(filters.schema.properties.createdAt).toHaveProperty('default');
    expect(Object.isFrozen(filters.operators)).toBe(true);
  });
});
