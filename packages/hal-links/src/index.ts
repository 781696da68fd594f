/**
 * HAL (`application/hal+json`) resources with typed links and embedded resources, RFC 6570 URI
 * Templates, HAL-FORMS `_templates` and RFC 8288 `Link` headers, on Web-standard types.
 *
 * @module @fielding/hal-links
 */
export {
  parseUriTemplate,
  isUriTemplate,
  expandUriTemplate,
  UriTemplateError,
  ExpansionError,
} from './uri-template.js';
export type { UriTemplate, TemplateValue, TemplateValues } from './uri-template.js';
