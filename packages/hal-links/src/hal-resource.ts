import type { HalFormsTemplate, HalLink, HalLinks, HalResource } from './hal-types.js';
import { isIanaLinkRelation } from './link-relations.js';
import { parseUriTemplate } from './uri-template.js';

/** A CURIE definition: `name` abbreviates the `href` template, which has a `{rel}` variable. */
export interface HalCurie {
  /** The prefix, e.g. `acme` in `acme:widgets`. */
  name: string;
  /** The documentation URI template, e.g. `https://docs.acme.test/rels/{rel}`. */
  href: string;
}

/** Options shared by every resource a {@link createHal} builder makes. */
export interface HalOptions {
  /**
   * CURIEs added to the root resource's `_links.curies`. When set, relation types that are
   * neither IANA-registered nor already prefixed or absolute get the first curie's prefix.
   * Default: none.
   */
  curies?: readonly HalCurie[];
  /** The curie name used for automatic prefixing. Default: the first curie's name. */
  curie?: string;
  /**
   * Relation types that are always arrays in `_links` and `_embedded`, even with one member,
   * so clients never see them flip between an object and a list. Default: none.
   */
  arrayRels?: readonly string[];
}

/** A link given to the builder: an `href` string or Link Object attributes. */
export type HalLinkInit = string | HalLink;

/** Per-call options of {@link HalResourceBuilder.link} and {@link HalResourceBuilder.embed}. */
export interface HalRelOptions {
  /** Always serialise this rel as an array. */
  array?: boolean;
}

/** Something that can be embedded: a built resource or a builder. */
export type HalEmbeddable = HalResource | HalResourceBuilder<object>;

/** A chainable builder of one HAL resource. */
export interface HalResourceBuilder<State extends object> {
  /** Adds one link or several under `rel` (curie-prefixed when curies are configured). */
  link(
    rel: string,
    link: HalLinkInit | readonly HalLinkInit[],
    options?: HalRelOptions,
  ): HalResourceBuilder<State>;
  /** Embeds one resource or several under `rel`. */
  embed(
    rel: string,
    resource: HalEmbeddable | readonly HalEmbeddable[],
    options?: HalRelOptions,
  ): HalResourceBuilder<State>;
  /** Adds a HAL-FORMS template under `key`; HAL-FORMS clients look for `default` first. */
  template(key: string, template: HalFormsTemplate): HalResourceBuilder<State>;
  /** Builds the plain JSON object (what `JSON.stringify` serialises). */
  toJSON(): HalResource<State>;
}

const RESERVED = new Set(['_links', '_embedded', '_templates']);

const validateLink = (init: HalLinkInit): HalLink => {
  const link: HalLink = typeof init === 'string' ? { href: init } : { ...init };
  if (typeof link.href !== 'string') throw new TypeError('A HAL link needs an href string');
  // A `{` cannot appear in a URI, so an href with one is a template: validate it now, at build
  // time, rather than let a client fail on it (draft-kelly-json-hal §5.1-5.2).
  if (link.templated === true || (link.templated === undefined && link.href.includes('{'))) {
    parseUriTemplate(link.href);
    link.templated = true;
  }
  return link;
};

// Builders embedded in another builder are built without curies (they belong on the root).
const builds = new WeakMap<object, (root: boolean) => HalResource>();

function builder<State extends object>(
  state: State,
  self: HalLinkInit,
  options: HalOptions,
): HalResourceBuilder<State> {
  const curies = options.curies ?? [];
  const prefix = options.curie ?? curies[0]?.name;
  const qualify = (rel: string): string =>
    prefix === undefined || rel === 'curies' || rel.includes(':') || isIanaLinkRelation(rel)
      ? rel
      : `${prefix}:${rel}`;
  const arrayRels = new Set((options.arrayRels ?? []).map(qualify));

  const links = new Map<string, HalLink[]>([['self', [validateLink(self)]]]);
  const forcedArrays = new Set<string>();
  const forcedEmbeddedArrays = new Set<string>();
  const embedded = new Map<string, HalEmbeddable[]>();
  const templates = new Map<string, HalFormsTemplate>();

  for (const key of Object.keys(state)) {
    if (RESERVED.has(key)) throw new TypeError(`State may not use the reserved property ${key}`);
  }

  const isArray = (rel: string, count: number, forced: ReadonlySet<string>): boolean =>
    count !== 1 || forced.has(rel) || arrayRels.has(rel);

  const build = (root: boolean): HalResource<State> => {
    const _links: HalLinks & { self: HalLink } = { self: links.get('self')?.[0] as HalLink };
    if (root && curies.length > 0) {
      _links.curies = curies.map(({ name, href }) => ({ name, href, templated: true }));
    }
    for (const [rel, list] of links) {
      if (rel !== 'self') _links[rel] = isArray(rel, list.length, forcedArrays) ? list : list[0];
    }
    const resource = { ...state, _links } as HalResource<State>;
    if (embedded.size > 0) {
      const _embedded: Record<string, HalResource | HalResource[]> = {};
      for (const [rel, list] of embedded) {
        const built = list.map((item) => builds.get(item)?.(false) ?? (item as HalResource));
        _embedded[rel] = isArray(rel, list.length, forcedEmbeddedArrays)
          ? built
          : (built[0] as HalResource);
      }
      resource._embedded = _embedded;
    }
    if (templates.size > 0) resource._templates = Object.fromEntries(templates);
    return resource;
  };

  const api: HalResourceBuilder<State> = {
    link(rel: string, link: HalLinkInit | readonly HalLinkInit[], relOptions?: HalRelOptions) {
      const name = qualify(rel);
      // A resource has one self link: setting it again replaces it.
      const list = name === 'self' ? [] : (links.get(name) ?? []);
      const given = Array.isArray(link) ? (link as readonly HalLinkInit[]) : [link as HalLinkInit];
      if (name === 'self' && given.length !== 1)
        throw new TypeError('A resource has one self link');
      list.push(...given.map(validateLink));
      links.set(name, list);
      if (relOptions?.array || Array.isArray(link)) forcedArrays.add(name);
      return api;
    },
    embed(
      rel: string,
      resource: HalEmbeddable | readonly HalEmbeddable[],
      relOptions?: HalRelOptions,
    ) {
      const name = qualify(rel);
      const list = embedded.get(name) ?? [];
      if (Array.isArray(resource)) {
        list.push(...(resource as readonly HalEmbeddable[]));
        forcedEmbeddedArrays.add(name);
      } else {
        list.push(resource as HalEmbeddable);
      }
      if (relOptions?.array) forcedEmbeddedArrays.add(name);
      embedded.set(name, list);
      return api;
    },
    template(key: string, template: HalFormsTemplate) {
      templates.set(key, template);
      return api;
    },
    toJSON: () => build(true),
  };
  builds.set(api, build as (root: boolean) => HalResource);
  return api;
}

/** Makes HAL resources that share curies and always-array rels. */
export interface Hal {
  /** Starts a resource with its state and its `self` link. */
  resource<State extends object>(state: State, self: HalLinkInit): HalResourceBuilder<State>;
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
  return {
    resource: <State extends object>(state: State, self: HalLinkInit) =>
      builder(state, self, options),
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
  self: HalLinkInit,
): HalResourceBuilder<State> {
  return builder(state, self, {});
}
