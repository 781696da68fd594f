import type { HalFormsProperty, HalFormsTemplate } from './hal-types.js';

/**
 * The subset of JSON Schema (draft 2020-12 / draft-07) that HAL-FORMS reads: the keywords
 * {@link halFormsTemplate} turns into form properties. It is not a full JSON Schema type; other
 * keywords are allowed and ignored, so the schema that validates request bodies fits as is.
 *
 * @example
 * ```ts
 * const article: JsonSchema = {
 *   type: 'object',
 *   required: ['title'],
 *   properties: { title: { type: 'string', maxLength: 200 }, draft: { type: 'boolean' } },
 * };
 * halFormsTemplate(article, { method: 'POST' });
 * ```
 * @see https://rwcbook.github.io/hal-forms/
 */
export interface JsonSchema {
  /** The instance type. */
  type?: string | readonly string[];
  /** Object members. */
  properties?: Readonly<Record<string, JsonSchema>>;
  /** Names of required members. */
  required?: readonly string[];
  /** A regular expression for strings. */
  pattern?: string;
  /** A format such as `email`, `uri`, `date`, `date-time`. */
  format?: string;
  /** Smallest number. */
  minimum?: number;
  /** Largest number. */
  maximum?: number;
  /** Shortest string. */
  minLength?: number;
  /** Longest string. */
  maxLength?: number;
  /** Numbers must be multiples of this. */
  multipleOf?: number;
  /** The allowed values. */
  enum?: readonly unknown[];
  /** The one allowed value (used inside `oneOf` for labelled options). */
  const?: unknown;
  /** Labelled alternatives: `[{ const: 'a', title: 'Alpha' }]`. */
  oneOf?: readonly JsonSchema[];
  /** The default value. */
  default?: unknown;
  /** A short label. */
  title?: string;
  /** A longer explanation. */
  description?: string;
  /** `true` for values the server owns. */
  readOnly?: boolean;
  /** Example values; the first string one becomes the placeholder. */
  examples?: readonly unknown[];
  /** The item schema of an array. */
  items?: JsonSchema;
  /** Fewest array items. */
  minItems?: number;
  /** Most array items. */
  maxItems?: number;
  /** Any other keyword. */
  [keyword: string]: unknown;
}

/** Options of {@link halFormsTemplate}. */
export interface HalFormsTemplateOptions {
  /** The HTTP method. */
  method: string;
  /** The request media type. Default: `application/json`. */
  contentType?: string;
  /** Where to send the request. Default: the resource's `self` (omitted). */
  target?: string;
  /** A label for the form. */
  title?: string;
  /** Current values, e.g. of the resource being edited; they win over schema defaults. */
  values?: Readonly<Record<string, unknown>>;
  /** Leave out `readOnly` properties (useful for create forms). Default: `false`. */
  omitReadOnly?: boolean;
}

const STRING_FORMATS: Record<string, string> = {
  email: 'email',
  'idn-email': 'email',
  uri: 'url',
  iri: 'url',
  url: 'url',
  date: 'date',
  'date-time': 'datetime-local',
  time: 'time',
  password: 'password',
  color: 'color',
  tel: 'tel',
};

const typeOf = (schema: JsonSchema): string | undefined => {
  const types = typeof schema.type === 'string' ? [schema.type] : (schema.type ?? []);
  return types.find((type) => type !== 'null');
};

const asText = (value: unknown): string | undefined =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;

function toProperty(
  name: string,
  schema: JsonSchema,
  required: boolean,
  value: unknown,
): HalFormsProperty | undefined {
  const type = typeOf(schema);
  if (type === 'object') return undefined; // HAL-FORMS properties are flat
  const property: HalFormsProperty = { name };
  if (schema.title !== undefined) property.prompt = schema.title;
  if (schema.readOnly === true) property.readOnly = true;
  if (required) property.required = true;
  const text = asText(value ?? schema.default);
  if (text !== undefined) property.value = text;

  // HAL-FORMS has no checkbox type (its `type` list is HTML's text-like inputs), so a boolean
  // is a choice between "true" and "false".
  const choices =
    type === 'array'
      ? (schema.items ?? {})
      : type === 'boolean'
        ? { enum: ['true', 'false'] }
        : schema;
  const labelled = choices.oneOf?.filter((option) => asText(option.const) !== undefined);
  if (choices.enum || (labelled && labelled.length > 0)) {
    const inline = choices.enum
      ? choices.enum.map(asText).filter((option): option is string => option !== undefined)
      : (labelled ?? []).map((option) => ({
          prompt: option.title ?? (asText(option.const) as string),
          value: asText(option.const) as string,
        }));
    property.options = { inline };
    if (type === 'array') {
      if (schema.minItems !== undefined) property.options.minItems = schema.minItems;
      property.options.maxItems = schema.maxItems ?? inline.length;
      if (Array.isArray(value)) {
        property.options.selectedValues = value
          .map(asText)
          .filter((v): v is string => v !== undefined);
        delete property.value;
      }
    } else {
      property.options.maxItems = 1;
      if (text !== undefined) property.options.selectedValues = [text];
    }
    return property;
  }

  if (type === 'integer' || type === 'number') {
    property.type = 'number';
    if (schema.minimum !== undefined) property.min = schema.minimum;
    if (schema.maximum !== undefined) property.max = schema.maximum;
    if (schema.multipleOf !== undefined) property.step = schema.multipleOf;
    else if (type === 'integer') property.step = 1;
  } else if (type === 'string' || type === undefined) {
    const format = schema.format;
    property.type =
      format !== undefined && Object.hasOwn(STRING_FORMATS, format)
        ? STRING_FORMATS[format]!
        : 'text';
    if (schema.pattern !== undefined) property.regex = schema.pattern;
    if (schema.minLength !== undefined) property.minLength = schema.minLength;
    if (schema.maxLength !== undefined) property.maxLength = schema.maxLength;
  }
  const example = schema.examples?.map(asText).find((item) => item !== undefined);
  if (example !== undefined) property.placeholder = example;
  return property;
}

/**
 * Derives a HAL-FORMS template from the JSON Schema that validates the request body, so the
 * form a client discovers and the validation the server applies cannot disagree.
 *
 * Maps `required` → `required`, `pattern` → `regex`, `title` → `prompt`, `default` → `value`,
 * `minimum`/`maximum`/`multipleOf` → `min`/`max`/`step`, `minLength`/`maxLength`, `enum` and
 * `oneOf` of `const`s → `options`, `format` → `type` (`email`, `url`, `date`, …), `boolean` →
 * options `true` / `false`. Nested objects are left out (HAL-FORMS properties are flat); `$ref` is not resolved.
 *
 * @param schema - an object schema
 * @param options - method, content type, target, title, current values
 * @returns the template, ready for a resource's `_templates`
 * @example
 * ```ts
 * const schema = { type: 'object', required: ['title'], properties: { title: { type: 'string', maxLength: 200 } } };
 * halFormsTemplate(schema, { method: 'POST', title: 'Create a post' });
 * // { method: 'POST', contentType: 'application/json', title: 'Create a post',
 * //   properties: [{ name: 'title', required: true, type: 'text', maxLength: 200 }] }
 * ```
 * @see https://rwcbook.github.io/hal-forms/
 */
export function halFormsTemplate(
  schema: JsonSchema,
  options: HalFormsTemplateOptions,
): HalFormsTemplate {
  const required = new Set(schema.required ?? []);
  const properties: HalFormsProperty[] = [];
  for (const [name, member] of Object.entries(schema.properties ?? {})) {
    if (options.omitReadOnly && member.readOnly === true) continue;
    const property = toProperty(name, member, required.has(name), options.values?.[name]);
    if (property) properties.push(property);
  }
  const template: HalFormsTemplate = {
    method: options.method.toUpperCase(),
    contentType: options.contentType ?? 'application/json',
    properties,
  };
  if (options.target !== undefined) template.target = options.target;
  if (options.title !== undefined) template.title = options.title;
  return template;
}
