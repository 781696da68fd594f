// The JSON shapes of draft-kelly-json-hal-11 and HAL-FORMS, shared by the builder and reader.

/**
 * A HAL Link Object (draft-kelly-json-hal §5): the toolkit's one link type, for `_links` and,
 * by relation type, for {@link formatLinkHeader}.
 *
 * @example
 * ```ts
 * const next: HalLink = { href: '/articles?page=3', title: 'Next page' };
 * formatLinkHeader({ next }); // '</articles?page=3>; rel="next"; title="Next page"'
 * ```
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-5
 */
export interface HalLink {
  /** A URI reference, or an RFC 6570 URI Template when `templated` is `true` (§5.1). */
  href: string;
  /** `true` when `href` is a URI Template (§5.2). */
  templated?: boolean;
  /** A hint of the target's media type (§5.3). */
  type?: string;
  /** A URL explaining that the link is deprecated (§5.4). */
  deprecation?: string;
  /** A secondary key to pick among links of the same rel (§5.5). */
  name?: string;
  /** A profile URI of the target resource (§5.6, RFC 6906). */
  profile?: string;
  /** A human-readable label (§5.7). */
  title?: string;
  /** The language of the target (§5.8). */
  hreflang?: string;
}

/**
 * The `_links` of a HAL resource: one Link Object or an array of them per relation type.
 * `curies` is always an array.
 */
export interface HalLinks {
  /** The resource's own URI (§4.1.1: every resource in this package has one). */
  self?: HalLink;
  /** CURIE definitions: templated links with a `{rel}` variable and a `name` (§8.2). */
  curies?: HalLink[];
  /** Any other relation type. */
  [rel: string]: HalLink | HalLink[] | undefined;
}

/**
 * A HAL-FORMS template property.
 *
 * @see https://rwcbook.github.io/hal-forms/#_the_code_properties_code_element
 */
export interface HalFormsProperty {
  /** The property name in the request body. */
  name: string;
  /** A label for the input. */
  prompt?: string;
  /** `true` when the value cannot be changed. */
  readOnly?: boolean;
  /** A regular expression the value must match. */
  regex?: string;
  /** `true` when the value must be supplied. */
  required?: boolean;
  /** `true` when `value` is a URI Template. */
  templated?: boolean;
  /** The current or default value. */
  value?: string;
  /** An input type hint: `text`, `textarea`, `number`, `email`, `date`, `url`, `hidden`, … */
  type?: string;
  /** The largest number allowed. */
  max?: number;
  /** The smallest number allowed. */
  min?: number;
  /** The longest string allowed. */
  maxLength?: number;
  /** The shortest string allowed. */
  minLength?: number;
  /** The step between allowed numbers. */
  step?: number;
  /** A hint shown in an empty input. */
  placeholder?: string;
  /**
   * The allowed values: `inline` (strings, or `{ prompt, value }`), or a `link` to fetch them
   * from; `minItems` / `maxItems` to choose; `selectedValues` chosen by default.
   */
  options?: {
    inline?: (string | { prompt: string; value: string })[];
    link?: HalLink;
    maxItems?: number;
    minItems?: number;
    selectedValues?: string[];
  };
}

/**
 * A HAL-FORMS template: one affordance (how to create, edit, delete …) of a resource.
 *
 * @see https://rwcbook.github.io/hal-forms/#_the_code__templates_code_element
 */
export interface HalFormsTemplate {
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The request body's media type; HAL-FORMS defaults to `application/json`. */
  contentType?: string;
  /** The body's properties. */
  properties: HalFormsProperty[];
  /** Where to send the request; the resource's `self` when absent. */
  target?: string;
  /** A human-readable label. */
  title?: string;
}

/**
 * A HAL resource object: its state plus the reserved `_links`, `_embedded` and (HAL-FORMS)
 * `_templates` properties.
 *
 * @see https://datatracker.ietf.org/doc/html/draft-kelly-json-hal-11#section-4
 */
export type HalResource<State extends object = Record<string, unknown>> = State & {
  /** The links, by relation type; every resource has a `self` link. */
  _links: HalLinks & { self: HalLink };
  /** Embedded resources by relation type: one resource or an array. */
  _embedded?: Record<string, HalResource | HalResource[]>;
  /** HAL-FORMS templates by key; clients look for `default` first. */
  _templates?: Record<string, HalFormsTemplate>;
};

/** The HAL media type (draft-kelly-json-hal §3). */
export const HAL_JSON = 'application/hal+json';
/** The HAL-FORMS media type. */
export const HAL_FORMS_JSON = 'application/prs.hal-forms+json';
