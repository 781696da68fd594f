// The components every generated document shares: the problem schema, JSON Patch, HAL links,
// the response headers and the conditional / preference request headers.
import type { HeaderObject, ParameterObject, SchemaObject } from 'openapi3-ts/oas31';

export const PROBLEM_JSON = 'application/problem+json';
export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';

export const ref = (kind: string, name: string): { $ref: string } => ({
  $ref: `#/components/${kind}/${name}`,
});

const validationIssue: SchemaObject = {
  type: 'object',
  required: ['detail'],
  properties: {
    detail: { type: 'string' },
    pointer: { type: 'string', description: 'RFC 6901 JSON Pointer into the request content.' },
    parameter: { type: 'string', description: 'Name of the query parameter.' },
    header: { type: 'string', description: 'Name of the request header.' },
  },
};

const problemDetails: SchemaObject = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri-reference', default: 'about:blank' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', format: 'uri-reference' },
    errors: { type: 'array', items: ref('schemas', 'ValidationIssue') },
  },
};

const pointer: SchemaObject = { type: 'string', description: 'RFC 6901 JSON Pointer.' };
const operation = (op: string, members: Record<string, SchemaObject>): SchemaObject => ({
  type: 'object',
  required: ['op', ...Object.keys(members)],
  properties: { op: { const: op }, ...members },
});

const jsonPatch: SchemaObject = {
  type: 'array',
  description: 'RFC 6902 JSON Patch: applied atomically, in order.',
  items: {
    oneOf: [
      operation('add', { path: pointer, value: {} }),
      operation('remove', { path: pointer }),
      operation('replace', { path: pointer, value: {} }),
      operation('move', { from: pointer, path: pointer }),
      operation('copy', { from: pointer, path: pointer }),
      operation('test', { path: pointer, value: {} }),
    ],
  },
};

const halLink: SchemaObject = {
  type: 'object',
  required: ['href'],
  properties: {
    href: { type: 'string' },
    templated: { type: 'boolean' },
    type: { type: 'string' },
    name: { type: 'string' },
    title: { type: 'string' },
  },
};

const halLinks: SchemaObject = {
  type: 'object',
  additionalProperties: {
    anyOf: [ref('schemas', 'HalLink'), { type: 'array', items: ref('schemas', 'HalLink') }],
  },
};

export const SCHEMAS: Readonly<Record<string, SchemaObject>> = {
  ProblemDetails: problemDetails,
  ValidationIssue: validationIssue,
  JsonPatch: jsonPatch,
  HalLink: halLink,
  HalLinks: halLinks,
};

const header = (description: string, schema: SchemaObject = { type: 'string' }): HeaderObject => ({
  description,
  schema,
});

export const HEADERS: Readonly<Record<string, HeaderObject>> = {
  ETag: header('The entity tag of the representation (RFC 9110 §8.8.3).'),
  'Last-Modified': header('When the resource last changed (RFC 9110 §8.8.2).'),
  Location: header('The URI of the created resource (RFC 9110 §10.2.2).', {
    type: 'string',
    format: 'uri-reference',
  }),
  Link: header('Related pages and resources (RFC 8288), e.g. `first`, `prev`, `next`, `last`.'),
  Vary: header('The request headers that chose this representation (RFC 9110 §12.5.5).'),
  'Preference-Applied': header('The `Prefer` preferences honoured (RFC 7240 §3).'),
  Allow: header('The methods the resource supports (RFC 9110 §10.2.1).'),
  'Accept-Patch': header('The patch document media types accepted (RFC 5789 §3.1).'),
  'Accept-Post': header('The media types a POST accepts (W3C LDP §7.1).'),
  'WWW-Authenticate': header(
    'The challenge: how to authenticate, e.g. `Bearer realm="api", scope="write"` (RFC 9110 §11.6.1, RFC 6750 §3).',
  ),
};

export const PARAMETERS: Readonly<Record<string, ParameterObject>> = {
  IfMatch: {
    name: 'If-Match',
    in: 'header',
    description:
      'Perform the request only if the current entity tag is one of these (RFC 9110 §13.1.1).',
    schema: { type: 'string' },
  },
  IfMatchRequired: {
    name: 'If-Match',
    in: 'header',
    required: true,
    description:
      'The entity tag last read: required, so no update is lost (RFC 6585 §3, answered with 428 when missing).',
    schema: { type: 'string' },
  },
  IfNoneMatch: {
    name: 'If-None-Match',
    in: 'header',
    description:
      'Answer 304 when a tag matches (GET, HEAD), or 412 (`*` on a write: create only) (RFC 9110 §13.1.2).',
    schema: { type: 'string' },
  },
  Prefer: {
    name: 'Prefer',
    in: 'header',
    description: 'RFC 7240 preferences: `return=minimal` or `return=representation`.',
    schema: { type: 'string' },
  },
};
