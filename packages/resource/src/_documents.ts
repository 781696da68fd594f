// The documents a variant writes: HAL (with links, embedded resources and, for HAL-FORMS,
// templates) built with @fielding/hal-links, or the plain state for JSON.
import {
  halFormsTemplate,
  type HalFormsTemplate,
  type HalResource,
  type HalResourceBuilder,
  type JsonSchema as HalJsonSchema,
} from '@fielding/hal-links';
import { pageBody, type Page } from '@fielding/pagination';
import type { Compiled, Runtime } from './_compile.js';
import type { Variant } from './_representations.js';
import { withRows } from './_representations.js';
import type { LinkContext } from './define-resource.js';
import type { Entry } from './store.js';

/** An item's state: its id first, then the stored members. */
export type State = Record<string, unknown> & { id: string };

/** The state of an entry. */
export function stateOf(entry: Entry<Record<string, unknown>>): State {
  return { id: entry.id, ...entry.value };
}

/** What embedding produced for one item, by embed name. */
export type Embedded = ReadonlyMap<string, State | State[] | undefined>;

/** The document of an embedded item: its state, self and user links. */
function embeddedDocument(
  runtime: Runtime,
  compiled: Compiled,
  state: State,
  scope: string | undefined,
): HalResourceBuilder<State> {
  const self = compiled.itemHref(state.id, scope);
  const builder = runtime.hal.resource(state, self);
  addUserLinks(runtime, compiled, builder, state, self);
  return builder;
}

function linkContext(runtime: Runtime, self: string): LinkContext {
  return {
    self,
    href: (resource, id, scope) => runtime.compiled(resource).itemHref(id, scope),
    collection: (resource, scope) => runtime.compiled(resource).collectionHref(scope),
  };
}

function addUserLinks(
  runtime: Runtime,
  compiled: Compiled,
  builder: HalResourceBuilder<State>,
  state: State,
  self: string,
): void {
  const links = compiled.declaration.links;
  if (links === undefined) return;
  const extra = links(state as never, linkContext(runtime, self));
  for (const rel of Object.keys(extra)) {
    const link = extra[rel];
    if (link !== undefined) builder.link(rel, link);
  }
}

function addEmbedded(
  runtime: Runtime,
  compiled: Compiled,
  builder: HalResourceBuilder<State>,
  state: State,
  embedded: Embedded | undefined,
): void {
  if (embedded === undefined) return;
  for (const [name, value] of embedded) {
    const embed = compiled.embeds.get(name);
    if (embed === undefined || value === undefined) continue;
    const scope = embed.via === undefined ? state.id : undefined;
    if (Array.isArray(value)) {
      const docs = value.map((child) => embeddedDocument(runtime, embed.target, child, scope));
      builder.embed(name, docs, { array: true });
    } else {
      builder.embed(name, embeddedDocument(runtime, embed.target, value, scope));
    }
  }
}

/** The HAL-FORMS templates of an item: edit, delete, and one per action. */
function itemTemplates(
  compiled: Compiled,
  state: State,
  self: string,
): [string, HalFormsTemplate][] {
  const templates: [string, HalFormsTemplate][] = [];
  const schema = compiled.formSchema as HalJsonSchema;
  if (compiled.methods.has('PUT')) {
    templates.push([
      'default',
      halFormsTemplate(schema, {
        method: 'PUT',
        title: `Edit this ${compiled.singular}`,
        values: state,
        omitReadOnly: true,
      }),
    ]);
  }
  if (compiled.methods.has('DELETE')) {
    templates.push([
      'delete',
      { method: 'DELETE', title: `Delete this ${compiled.singular}`, properties: [] },
    ]);
  }
  for (const [name, action] of compiled.actions) {
    if (action.kind !== 'action') continue;
    const target = `${self}/${name}`;
    const title = action.title ?? name;
    templates.push([
      name,
      action.input === undefined
        ? { method: 'POST', target, title, properties: [] }
        : halFormsTemplate(action.input as HalJsonSchema, { method: 'POST', target, title }),
    ]);
  }
  return templates;
}

/**
 * The document of one item in a variant: the plain state (plus `_embedded`) for JSON, the HAL
 * resource otherwise (with templates for HAL-FORMS).
 */
export function itemDocument(
  runtime: Runtime,
  compiled: Compiled,
  state: State,
  scope: string | undefined,
  variant: Variant,
  embedded?: Embedded,
): object {
  if (variant.kind === 'json') return plainWithEmbedded(state, embedded);
  const self = compiled.itemHref(state.id, scope);
  const builder = runtime.hal
    .resource(state, self)
    .link('collection', compiled.collectionHref(scope));
  if (compiled.parent !== undefined && scope !== undefined) {
    builder.link('up', compiled.parent.itemHref(scope, undefined));
  }
  for (const child of compiled.children) builder.link(child.name, child.collectionHref(state.id));
  for (const name of compiled.actions.keys()) builder.link(name, `${self}/${name}`);
  addUserLinks(runtime, compiled, builder, state, self);
  addEmbedded(runtime, compiled, builder, state, embedded);
  if (variant.kind === 'forms') {
    for (const [key, template] of itemTemplates(compiled, state, self))
      builder.template(key, template);
  }
  return builder.toJSON();
}

function plainWithEmbedded(state: State, embedded: Embedded | undefined): object {
  if (embedded === undefined || embedded.size === 0) return state;
  const members: Record<string, unknown> = {};
  for (const [name, value] of embedded) if (value !== undefined) members[name] = value;
  return { ...state, _embedded: members };
}

/** The document of a page in a variant; it always carries its rows, for CSV. */
export function collectionDocument(
  runtime: Runtime,
  compiled: Compiled,
  page: Page<State>,
  scope: string | undefined,
  variant: Variant,
  embedded: ReadonlyMap<string, Embedded> | undefined,
): object {
  const rows = page.items;
  if (variant.kind === 'json' || variant.kind === 'csv') {
    const items =
      embedded === undefined
        ? rows
        : rows.map((state) => plainWithEmbedded(state, embedded.get(state.id)));
    return withRows(pageBody({ ...page, items }), rows, compiled.collection.flatRows);
  }
  const state: Record<string, unknown> = {};
  if (page.pageIndex !== undefined) state.pageIndex = page.pageIndex;
  state.pageSize = page.pageSize;
  if (page.total !== undefined) state.total = page.total;
  if (page.totalPages !== undefined) state.totalPages = page.totalPages;
  state.hasMore = page.hasMore;
  const { links } = page;
  const builder = runtime.hal.resource(state, links.self);
  if (links.first !== undefined) builder.link('first', links.first);
  if (links.prev !== undefined) builder.link('prev', links.prev);
  if (links.next !== undefined) builder.link('next', links.next);
  if (links.last !== undefined) builder.link('last', links.last);
  builder.link('find', {
    href: compiled.findTemplate(scope),
    title: `Find one ${compiled.singular} by id`,
  });
  if (compiled.parent !== undefined && scope !== undefined) {
    builder.link('up', compiled.parent.itemHref(scope, undefined));
  }
  const items = rows.map((row) => {
    const self = compiled.itemHref(row.id, scope);
    const item = runtime.hal.resource(row, self);
    addUserLinks(runtime, compiled, item, row, self);
    addEmbedded(runtime, compiled, item, row, embedded?.get(row.id));
    return item;
  });
  builder.embed(compiled.name, items, { array: true });
  if (variant.kind === 'forms' && compiled.methods.has('POST')) {
    builder.template(
      'default',
      halFormsTemplate(compiled.formSchema as HalJsonSchema, {
        method: 'POST',
        title: `New ${compiled.singular}`,
        omitReadOnly: true,
      }),
    );
  }
  return withRows(builder.toJSON() as HalResource, rows, compiled.collection.flatRows);
}
