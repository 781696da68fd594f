/**
 * HAL (`application/hal+json`) resources with typed links and embedded resources, RFC 6570 URI
 * Templates, HAL-FORMS `_templates` and RFC 8288 `Link` headers, on Web-standard types.
 *
 * @module @fielding/hal-links
 */
export {
  HAL_JSON,
  HAL_FORMS_JSON,
  type HalLink,
  type HalLinks,
  type HalResource,
  type HalFormsTemplate,
  type HalFormsProperty,
  type HalFormsOptions,
} from './hal-types.js';
export {
  createHal,
  halResource,
  type Hal,
  type HalCurie,
  type HalOptions,
  type HalLinkInit,
  type HalRelOptions,
  type HalEmbeddable,
  type HalResourceBuilder,
} from './hal-resource.js';
export {
  readHal,
  type HalReader,
  type HalReaderOptions,
  type HalFollowOptions,
} from './hal-reader.js';
export { halFormsTemplate, type JsonSchema, type HalFormsTemplateOptions } from './hal-forms.js';
export { halResponse, prefersHalForms, type HalResponseInit } from './hal-response.js';
export {
  createLinker,
  requestBase,
  type Linker,
  type LinkerOptions,
  type LinkBaseOptions,
  type QueryValues,
} from './route-links.js';
export {
  parseLinkHeader,
  formatLinkHeader,
  MAX_LINKS,
  MAX_LINK_PARAMETERS,
  MAX_LINK_HEADER_LENGTH,
  type WebLink,
  type WebLinkInit,
} from './link-header.js';
export { LinkRelation, isIanaLinkRelation, type IanaLinkRelation } from './link-relations.js';
export {
  parseUriTemplate,
  isUriTemplate,
  expandUriTemplate,
  UriTemplateError,
  ExpansionError,
} from './uri-template.js';
export type { UriTemplate, TemplateValue, TemplateValues } from './uri-template.js';
