// HAL documents of the API: the root, items and paged collections.
import { buildPath } from '@fielding/core';
import {
  createHal,
  halFormsTemplate,
  type HalResource,
  type HalResourceBuilder,
  type JsonSchema,
} from '@fielding/hal-links';
import type { Page } from '@fielding/pagination';
import { API_ROOT, RESOURCE_KINDS, type ResourceKind } from './resources.js';
import type { StoredItem } from './storage/repository.js';

/** Where the curie `doc` points: the API serves a short page per relation type. */
export const DOC_RELS = '/docs/rels/{rel}';

const hal = createHal({ curies: [{ name: 'doc', href: DOC_RELS }] });

/** Path parameters of a nested item, e.g. `{ blogId: '1', articleId: '2' }`. */
export type PathIds = Readonly<Record<string, string | number>>;

/** The state a client sees: id, writable members, timestamps. */
export function itemState(kind: ResourceKind, item: StoredItem): Record<string, unknown> {
  const state: Record<string, unknown> = { id: item.id };
  for (const field of kind.fields) state[field] = item[field];
  state.createdAt = item.createdAt;
  state.updatedAt = item.updatedAt;
  return state;
}

export const itemPath = (kind: ResourceKind, ids: PathIds, id: number): string =>
  buildPath(kind.itemPattern, { ...ids, [kind.idParam]: id });

export const collectionPath = (kind: ResourceKind, ids: PathIds): string =>
  buildPath(kind.collectionPattern, ids);

/** A route pattern as an RFC 6570 template: known ids filled in, the rest left as `{name}`. */
export function templateOf(pattern: string, ids: PathIds): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) =>
    ids[name] === undefined ? `{${name}}` : encodeURIComponent(String(ids[name])),
  );
}

export function itemResource(
  kind: ResourceKind,
  ids: PathIds,
  state: Record<string, unknown>,
  options: { forms?: boolean } = {},
): HalResourceBuilder<Record<string, unknown>> {
  const id = state.id as number;
  const self = itemPath(kind, ids, id);
  const resource = hal
    .resource(state, self)
    .link('collection', collectionPath(kind, ids))
    .link('edit', self);
  if (kind.parent)
    resource.link('up', itemPath(kind.parent, ids, Number(ids[kind.parent.idParam])));
  if (kind.child) {
    resource.link(kind.child.name, {
      href: collectionPath(kind.child, { ...ids, [kind.idParam]: id }),
      title: `The ${kind.child.name} of this ${kind.singular}`,
    });
  }
  if (options.forms) {
    const schema = kind.schema as JsonSchema;
    resource.template(
      'default',
      halFormsTemplate(schema, {
        method: 'PUT',
        title: `Edit this ${kind.singular}`,
        values: state,
      }),
    );
    resource.template('delete', {
      method: 'DELETE',
      title: `Delete this ${kind.singular}`,
      properties: [],
    });
  }
  return resource;
}

export function collectionDocument(
  kind: ResourceKind,
  ids: PathIds,
  page: Page<Record<string, unknown>>,
  options: { forms?: boolean } = {},
): HalResource {
  const { links } = page;
  const resource = hal.resource(
    {
      pageIndex: page.pageIndex,
      pageSize: page.pageSize,
      totalPages: page.totalPages,
      total: page.total,
    },
    links.self ?? collectionPath(kind, ids),
  );
  for (const rel of ['first', 'prev', 'next', 'last'] as const) {
    const href = links[rel];
    if (href !== undefined) resource.link(rel, href);
  }
  resource.link('find', {
    href: templateOf(kind.itemPattern, ids),
    title: `A ${kind.singular} by id`,
  });
  if (kind.parent)
    resource.link('up', itemPath(kind.parent, ids, Number(ids[kind.parent.idParam])));
  // Always an array, even with one member, so clients never see it flip to an object.
  resource.embed(
    kind.name,
    page.items.map((state) => itemResource(kind, ids, state)),
    { array: true },
  );
  if (options.forms) {
    resource.template(
      'default',
      halFormsTemplate(kind.schema as JsonSchema, {
        method: 'POST',
        title: `Create a ${kind.singular}`,
      }),
    );
  }
  return resource.toJSON();
}

export function rootDocument(): HalResource {
  const blogs = RESOURCE_KINDS[0] as ResourceKind;
  return hal
    .resource({ name: 'Fielding blog API', version: 'v1' }, API_ROOT)
    .link('blogs', {
      href: `${blogs.collectionPattern}{?pageIndex,pageSize,sort,fields}`,
      title: 'All blogs',
    })
    .link('blog', { href: templateOf(blogs.itemPattern, {}), title: 'One blog by id' })
    .toJSON();
}
