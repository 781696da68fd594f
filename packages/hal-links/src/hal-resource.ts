import type { HalFormsTemplate, HalLink, HalLinks, HalResource } from './hal-types.js';
import { isIanaLinkRelation } from './link-relations.js';
import { assertUriTemplate, parseUriTemplate } from './uri-template.js';

// A CURIE definition: `name` abbreviates the `href` template, which has a `{rel}` variable.
interface HalCurie {
  name: string;
  href: string;
}

/** Options shared by every resource a {@link createHal} builder makes. */
export interface HalOptions {
  /**
   * CURIEs added to the root resource's `_links.curies`: each `name` (e.g. `acme` in
   * `acme:widgets`) abbreviates its `href`, a URI Template with a `{rel}` variable
   * (`https://docs.acme.test/rels/{rel}`). When set, relation types that are neither
   * IANA-registered nor already prefixed or absolute get the first curie's prefix. Default: none.
   */
  curies?: readonly { readonly name: string; readonly href: string }[];
  /** The curie name used for automatic prefixing. Default: the first curie's name. */
  curie?: string;
  /**
   * Relation types that are always arrays in `_links` and `_embedded`, even with one member,
   * so clients never see them flip between an object and a list. Default: none.
   */
  arrayRels?: readonly string[];
}

// A link given to the builder: an `href` string or Link Object attributes.
type HalLinkInit = string | HalLink;

// Something that can be embedded: a built resource or a builder.
type HalEmbeddable = HalResource | HalResourceBuilder<object>;

/** A chainable builder of one HAL resource. */
export interface HalResourceBuilder<State extends object> {
  /**
   * Adds one link or several under `rel` (curie-prefixed when curies are configured): an href
   * or a Link Object each. With `{ array: true }` the rel is an array even with one link.
   */
  link(
    rel: string,
    link: string | HalLink | readonly (string | HalLink)[],
    options?: { array?: boolean },
  ): HalResourceBuilder<State>;
  /**
   * Embeds one resource or several (built, or builders) under `rel`. With `{ array: true }` the
   * rel is an array even with one resource.
   */
  embed(
    rel: string,
    resource:
      | HalResource
      | HalResourceBuilder<object>
      | readonly (HalResource | HalResourceBuilder<object>)[],
    options?: { array?: boolean },
  ): HalResourceBuilder<State>;
  /** Adds a HAL-FORMS template under `key`; HAL-FORMS clients look for `default` first. */
  template(key: string, template: HalFormsTemplate): HalResourceBuilder<State>;
  /** Builds the plain JSON object (what `JSON.stringify` serialises). */
  toJSON(): HalResource<State>;
}

const RESERVED = ['_links', '_embedded', '_templates'] as const;

// What every resource of one createHal() shares, worked out once there rather than per resource.
interface HalContext {
  /** The rel as written in `_links`: curie-prefixed unless IANA-registered, prefixed or a URI. */
  readonly qualify: (rel: string) => string;
  readonly curies: readonly HalCurie[];
  /** Always-array rels, already prefixed. */
  readonly arrayRels: ReadonlySet<string>;
}

const qualify = (rel: string, prefix: string | undefined): string =>
  prefix === undefined || rel === 'curies' || rel.includes(':') || isIanaLinkRelation(rel)
    ? rel
    : `${prefix}:${rel}`;

// Prefixed names are remembered per createHal(): the same string every time is a cheaper
// property key than a new concatenation. Bounded, in case rels are made from data.
const QUALIFIED_LIMIT = 256;

const qualifier = (prefix: string | undefined): ((rel: string) => string) => {
  if (prefix === undefined) return (rel) => rel;
  const known = new Map<string, string>();
  return (rel) => {
    let name = known.get(rel);
    if (name === undefined) {
      name = qualify(rel, prefix);
      if (known.size < QUALIFIED_LIMIT) known.set(rel, name);
    }
    return name;
  };
};

const contextOf = (options: HalOptions): HalContext => {
  const curies = options.curies ?? [];
  const prefix = options.curie ?? curies[0]?.name;
  const arrayRels = new Set((options.arrayRels ?? []).map((rel) => qualify(rel, prefix)));
  return { qualify: qualifier(prefix), curies, arrayRels };
};

const DEFAULT_CONTEXT = contextOf({});

/**
 * A link as it goes into `_links`. A string or a Link Object that needs nothing added is used as
 * is (no copy); an href with a `{` is a template, so it is validated now, at build time, rather
 * than let a client fail on it (draft-kelly-json-hal §5.1-5.2): one scan, no allocation.
 */
const toLink = (init: HalLinkInit): HalLink => {
  if (typeof init === 'string') {
    if (!init.includes('{')) return { href: init };
    assertUriTemplate(init);
    return { href: init, templated: true };
  }
  if (typeof init !== 'object' || init === null || typeof init.href !== 'string') {
    throw new TypeError('A HAL link needs an href string');
  }
  if (init.templated === true) {
    assertUriTemplate(init.href);
  } else if (init.templated === undefined && init.href.includes('{')) {
    assertUriTemplate(init.href);
    return { ...init, templated: true };
  }
  return init;
};

// One link or embedded resource per rel is kept as is; a second one, or a rel that must always
// be an array, makes the slot an array: exactly what `_links` and `_embedded` hold.
type Slots<T> = Record<string, T | T[]>;

// Sets a property by a caller-chosen name: `__proto__` must become a property, not the prototype.
function setOwn<T>(object: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    object[key] = value;
  }
}

function put<T>(slots: Slots<T>, rel: string, item: T, array: boolean): void {
  const slot = Object.hasOwn(slots, rel) ? slots[rel] : undefined;
  if (slot === undefined) {
    const value = array ? [item] : item;
    setOwn(slots, rel, value);
  } else if (Array.isArray(slot)) {
    slot.push(item);
  } else {
    slots[rel] = [slot, item];
  }
}

// An empty list given as an array still makes the rel present, as an empty array.
function putEmpty<T>(slots: Slots<T>, rel: string): void {
  if (Object.hasOwn(slots, rel)) {
    const slot = slots[rel] as T | T[];
    if (!Array.isArray(slot)) slots[rel] = [slot];
  } else {
    setOwn<T | T[]>(slots, rel, []);
  }
}

// A shallow copy with fresh arrays, so a built document does not change when the builder does.
function copySlots<T>(slots: Slots<T>): Slots<T> {
  const copy: Slots<T> = {};
  for (const rel of Object.keys(slots)) {
    const slot = slots[rel] as T | T[];
    const value = Array.isArray(slot) ? slot.slice() : slot;
    setOwn(copy, rel, value);
  }
  return copy;
}

// A builder embedded in another is built without curies (they belong on the root only). The
// function hides behind a symbol, which JSON.stringify and Object.keys skip.
const BUILD: unique symbol = Symbol('HalResourceBuilder.build');

interface Buildable {
  [BUILD]?: (root: boolean) => HalResource;
}

const built = (item: HalEmbeddable): HalResource =>
  (item as Buildable)[BUILD]?.(false) ?? (item as HalResource);

function builder<State extends object>(
  state: State,
  self: HalLinkInit,
  context: HalContext,
): HalResourceBuilder<State> {
  for (const key of RESERVED) {
    if (Object.hasOwn(state, key)) {
      throw new TypeError(`State may not use the reserved property ${key}`);
    }
  }
  // `_links` is built as links are added (self first), and handed out as is by toJSON(); once
  // handed out, the next change works on a copy.
  let links: Slots<HalLink> & { self: HalLink } = { self: toLink(self) };
  let linksShared = false;
  let embedded: Slots<HalEmbeddable> | undefined;
  let templates: Record<string, HalFormsTemplate> | undefined;
  let templatesShared = false;

  const ownLinks = (): Slots<HalLink> & { self: HalLink } => {
    if (linksShared) {
      links = copySlots(links) as Slots<HalLink> & { self: HalLink };
      linksShared = false;
    }
    return links;
  };

  const build = (root: boolean): HalResource<State> => {
    let _links: HalLinks & { self: HalLink } = links;
    if (root && context.curies.length > 0) {
      const curies = context.curies.map(({ name, href }) => ({ name, href, templated: true }));
      _links = { self: links.self, curies, ...(links as Slots<HalLink>) };
    } else {
      linksShared = true;
    }
    const resource = { ...state, _links } as HalResource<State>;
    if (embedded !== undefined) {
      const _embedded: Record<string, HalResource | HalResource[]> = {};
      for (const rel of Object.keys(embedded)) {
        const slot = embedded[rel] as HalEmbeddable | HalEmbeddable[];
        const value = Array.isArray(slot) ? slot.map(built) : built(slot);
        setOwn(_embedded, rel, value);
      }
      resource._embedded = _embedded;
    }
    if (templates !== undefined) {
      resource._templates = templates;
      templatesShared = true;
    }
    return resource;
  };

  const api: HalResourceBuilder<State> & Buildable = {
    link(
      rel: string,
      link: HalLinkInit | readonly HalLinkInit[],
      relOptions?: { array?: boolean },
    ) {
      const name = context.qualify(rel);
      if (Array.isArray(link)) {
        const list = link as readonly HalLinkInit[];
        if (name === 'self') {
          if (list.length !== 1) throw new TypeError('A resource has one self link');
          ownLinks().self = toLink(list[0] as HalLinkInit);
          return api;
        }
        const slots = ownLinks();
        if (list.length === 0) putEmpty(slots, name);
        for (const item of list) put(slots, name, toLink(item), true);
        return api;
      }
      const item = toLink(link as HalLinkInit);
      const slots = ownLinks();
      // A resource has one self link: setting it again replaces it.
      if (name === 'self') slots.self = item;
      else put(slots, name, item, relOptions?.array === true || context.arrayRels.has(name));
      return api;
    },
    embed(
      rel: string,
      resource: HalEmbeddable | readonly HalEmbeddable[],
      relOptions?: { array?: boolean },
    ) {
      const name = context.qualify(rel);
      const slots = (embedded ??= {});
      if (Array.isArray(resource)) {
        const list = resource as readonly HalEmbeddable[];
        if (list.length === 0) putEmpty(slots, name);
        for (const item of list) put(slots, name, item, true);
      } else {
        const array = relOptions?.array === true || context.arrayRels.has(name);
        put(slots, name, resource as HalEmbeddable, array);
      }
      return api;
    },
    template(key: string, template: HalFormsTemplate) {
      if (templates === undefined || templatesShared) {
        templates = { ...templates };
        templatesShared = false;
      }
      setOwn(templates, key, template);
      return api;
    },
    toJSON: () => build(true),
    [BUILD]: build as (root: boolean) => HalResource,
  };
  return api;
}

/** Makes HAL resources that share curies and always-array rels. */
export interface Hal {
  /** Starts a resource with its state and its `self` link. */
  resource<State extends object>(state: State, self: string | HalLink): HalResourceBuilder<State>;
}

/**
 * Creates a HAL builder. Every resource gets a `self` link; templated hrefs are validated as
 * RFC 6570 templates when added; CURIEs are emitted once, on the root resource.
 *
 * @param options - curies and always-array rels
 * @returns a factory of resource builders
 * @throws TypeError when a curie is malformed or `options.curie` names none of them
 * @example
 * ```ts
 * const hal = createHal({ curies: [{ name: 'acme', href: 'https://docs.acme.test/rels/{rel}' }] });
 * const body = hal
 *   .resource({ title: 'Hello' }, '/posts/1')
 *   .link('author', '/users/7') // IANA: stays "author"
 *   .link('comments', '/posts/1/comments{?page}') // becomes "acme:comments", templated
 *   .toJSON();
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-4
 */
export function createHal(options: HalOptions = {}): Hal {
  for (const { name, href } of options.curies ?? []) {
    if (name === '' || name.includes(':')) throw new TypeError(`Invalid curie name ${name}`);
    if (!parseUriTemplate(href).variables.includes('rel')) {
      throw new TypeError(`The curie ${name} needs a {rel} variable in ${href}`);
    }
  }
  if (
    options.curie !== undefined &&
    !(options.curies ?? []).some((c) => c.name === options.curie)
  ) {
    throw new TypeError(`No curie named ${JSON.stringify(options.curie)}`);
  }
  const context = contextOf(options);
  return {
    resource: <State extends object>(state: State, self: string | HalLink) =>
      builder(state, self, context),
  };
}

/**
 * Starts a HAL resource with default options (no curies, no always-array rels).
 *
 * @param state - the resource's own properties (not `_links`, `_embedded` or `_templates`)
 * @param self - the `self` link: an href or Link Object
 * @returns a chainable builder; `JSON.stringify` it or call `toJSON()`
 * @throws TypeError when state uses a reserved property
 * @example
 * ```ts
 * const order = halResource({ total: 30, currency: 'USD' }, '/orders/123')
 *   .link('basket', '/baskets/98712')
 *   .toJSON();
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-4
 */
export function halResource<State extends object>(
  state: State,
  self: string | HalLink,
): HalResourceBuilder<State> {
  return builder(state, self, DEFAULT_CONTEXT);
}
