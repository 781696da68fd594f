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
} from './hal-types.js';
export {
  createHal,
  halResource,
  type Hal,
  type HalOptions,
  type HalResourceBuilder,
} from './hal-resource.js';
export { readHal, type HalReader, type HalReaderOptions } from './hal-reader.js';
export { halFormsTemplate, type JsonSchema, type HalFormsTemplateOptions } from './hal-forms.js';
export { halResponse, type HalResponseInit } from './hal-response.js';
export { createLinker, type Linker, type LinkerOptions } from './route-links.js';
export {
  parseLinkHeader,
  formatLinkHeader,
  type WebLink,
  type WebLinkInit,
} from './link-header.js';
export { LinkRelation, isIanaLinkRelation } from './link-relations.js';
export {
  parseUriTemplate,
  isUriTemplate,
  expandUriTemplate,
  UriTemplateError,
  ExpansionError,
} from './uri-template.js';
export type { UriTemplate, TemplateValues } from './uri-template.js';
