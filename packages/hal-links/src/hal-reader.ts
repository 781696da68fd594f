import type { HalFormsTemplate, HalLink } from './hal-types.js';
import { expandUriTemplate, type TemplateValues } from './uri-template.js';

/** Options of {@link readHal}. */
export interface HalReaderOptions {
  /** The document's URL: `follow` resolves hrefs against it. Default: hrefs are returned as is. */
  base?: string | URL;
  /**
   * Called when `follow` traverses a link with a `deprecation` attribute, which HAL asks
   * clients to report (draft-kelly-json-hal §5.4). Default: nothing is reported.
   */
  onDeprecation?: (rel: string, link: HalLink) => void;
}

// Options of HalReader.follow.
interface HalFollowOptions {
  name?: string;
  values?: TemplateValues;
}

/** A read-only view of a HAL document, tolerant of anything it is given. */
export interface HalReader<State extends object = Record<string, unknown>> {
  /** The resource's own properties (everything but `_links`, `_embedded`, `_templates`). */
  readonly state: State;
  /** The `self` href, when there is one. */
  readonly self: string | undefined;
  /** The link relation types present, `curies` excluded. */
  readonly rels: readonly string[];
  /** The embedded relation types present. */
  readonly embeddedRels: readonly string[];
  /** The HAL-FORMS templates, by key. */
  readonly templates: Readonly<Record<string, HalFormsTemplate>>;
  /** Every link of `rel` (a curie `acme:x` or its expanded URI both work); always an array. */
  links(rel: string): HalLink[];
  /** The first link of `rel` (with `name` when given). */
  link(rel: string, name?: string): HalLink | undefined;
  /** Every embedded resource of `rel`, as readers sharing this document's curies and base. */
  embedded<Embedded extends object = Record<string, unknown>>(rel: string): HalReader<Embedded>[];
  /**
   * The URI a link of `rel` points to: expanded with `values` when templated, resolved against
   * the base; `name` picks among links of the same rel.
   */
  follow(rel: string, options?: { name?: string; values?: TemplateValues }): string | undefined;
  /** Expands a CURIE (`acme:widgets`) into its documentation URI; `undefined` when not one. */
  expandCurie(rel: string): string | undefined;
}

const RESERVED = new Set(['_links', '_embedded', '_templates']);

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const LINK_STRING_KEYS = ['type', 'deprecation', 'name', 'profile', 'title', 'hreflang'] as const;

const toLink = (value: unknown): HalLink | undefined => {
  if (!isObject(value) || typeof value.href !== 'string') return undefined;
  const link: HalLink = { href: value.href };
  if (value.templated === true) link.templated = true;
  for (const key of LINK_STRING_KEYS) {
    const attribute = value[key];
    if (typeof attribute === 'string') link[key] = attribute;
  }
  return link;
};

const toLinks = (value: unknown): HalLink[] =>
  (Array.isArray(value) ? value : [value])
    .map(toLink)
    .filter((link): link is HalLink => link !== undefined);

function reader<State extends object>(
  document: Record<string, unknown>,
  curies: ReadonlyMap<string, string>,
  base: string | undefined,
  onDeprecation: HalReaderOptions['onDeprecation'],
): HalReader<State> {
  const rawLinks = isObject(document._links) ? document._links : {};
  const rawEmbedded = isObject(document._embedded) ? document._embedded : {};
  const rawTemplates = isObject(document._templates) ? document._templates : {};

  // Curies of this document add to (and override) the ones inherited from its parent (§8.2).
  const ownCuries = new Map(curies);
  for (const curie of toLinks(rawLinks.curies)) {
    if (curie.name !== undefined) ownCuries.set(curie.name, curie.href);
  }

  const expandCurie = (rel: string): string | undefined => {
    const colon = rel.indexOf(':');
    const template = colon > 0 ? ownCuries.get(rel.slice(0, colon)) : undefined;
    if (template === undefined) return undefined;
    try {
      return expandUriTemplate(template, { rel: rel.slice(colon + 1) });
    } catch {
      return undefined;
    }
  };

  // A client may ask for `acme:widgets` or the URI it stands for; both find the same key.
  const findKey = (object: Record<string, unknown>, rel: string): string | undefined => {
    if (Object.hasOwn(object, rel)) return rel;
    const wanted = expandCurie(rel) ?? rel;
    return Object.keys(object).find(
      (key) => key !== 'curies' && (expandCurie(key) ?? key) === wanted,
    );
  };

  const links = (rel: string): HalLink[] => {
    const key = findKey(rawLinks, rel);
    return key === undefined ? [] : toLinks(rawLinks[key]);
  };

  const link = (rel: string, name?: string): HalLink | undefined =>
    links(rel).find((candidate) => name === undefined || candidate.name === name);

  const state = Object.fromEntries(
    Object.entries(document).filter(([key]) => !RESERVED.has(key)),
  ) as State;

  // A received document may name a template `__proto__`: keys become plain data, never a prototype.
  const templates = Object.create(null) as Record<string, HalFormsTemplate>;
  for (const [key, value] of Object.entries(rawTemplates)) {
    if (isObject(value) && typeof value.method === 'string') {
      templates[key] = {
        ...(value as object),
        method: value.method,
        properties: Array.isArray(value.properties) ? value.properties.filter(isObject) : [],
      } as unknown as HalFormsTemplate;
    }
  }

  const resolve = (href: string): string | undefined => {
    if (base === undefined) return href;
    try {
      return new URL(href, base).href;
    } catch {
      return undefined;
    }
  };

  return {
    state,
    self: link('self')?.href,
    rels: Object.keys(rawLinks).filter(
      (rel) => rel !== 'curies' && toLinks(rawLinks[rel]).length > 0,
    ),
    embeddedRels: Object.keys(rawEmbedded),
    templates,
    links,
    link,
    embedded: <Embedded extends object>(rel: string) => {
      const key = findKey(rawEmbedded, rel);
      if (key === undefined) return [];
      const value = rawEmbedded[key];
      return (Array.isArray(value) ? value : [value])
        .filter(isObject)
        .map((item) => reader<Embedded>(item, ownCuries, base, onDeprecation));
    },
    follow: (rel: string, options: HalFollowOptions = {}) => {
      const target = link(rel, options.name);
      if (!target) return undefined;
      if (target.deprecation !== undefined) onDeprecation?.(rel, target);
      if (!target.templated) return resolve(target.href);
      try {
        return resolve(expandUriTemplate(target.href, options.values ?? {}));
      } catch {
        return undefined;
      }
    },
    expandCurie,
  };
}

/**
 * Reads a HAL document (parsed JSON or JSON text) for a client or a test. Never throws:
 * anything that is not a HAL object reads as a resource with no state, links or embedded
 * resources, and malformed links are skipped.
 *
 * @param input - the document, e.g. `await response.json()`
 * @param options - the base URL to resolve hrefs against
 * @returns a reader: `links(rel)`, `embedded(rel)`, `follow(rel, { values })`
 * @example
 * ```ts
 * const orders = readHal({ _links: { self: { href: '/orders' }, find: { href: '/orders{?id}', templated: true } } });
 * orders.follow('find', { values: { id: 7 } }); // '/orders?id=7'
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-4
 */
export function readHal<State extends object = Record<string, unknown>>(
  input: unknown,
  options: HalReaderOptions = {},
): HalReader<State> {
  let document: unknown = input;
  if (typeof input === 'string') {
    try {
      document = JSON.parse(input);
    } catch {
      document = {};
    }
  }
  let base: string | undefined;
  if (options.base !== undefined) {
    try {
      base = new URL(options.base).href;
    } catch {
      base = undefined;
    }
  }
  return reader<State>(isObject(document) ? document : {}, new Map(), base, options.onDeprecation);
}
