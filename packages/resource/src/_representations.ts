// The representations of an API, built once: HAL first (the default), plain JSON, HAL-FORMS,
// CSV for collections, then what the user registers. Negotiation and writing are
// content-negotiation's; this module only decides what each variant is given to write.
import {
  createRepresentations,
  csvSerializer,
  halSerializer,
  jsonSerializer,
  type Representations,
  type Serializer,
} from '@fielding/content-negotiation';
import { HAL_FORMS_JSON } from '@fielding/hal-links';

/** The query parameter that picks a format (`?format=csv`), as the representations read it. */
export const FORMAT_PARAMETER = 'format';

// Rows of a collection travel with its document under a symbol (JSON.stringify skips it), so
// every variant of a collection is one object and every serializer decides from the same value.
// `flat` says the schema already guarantees CSV can write them (only scalar members), so nothing
// is scanned per request.
const ROWS: unique symbol = Symbol('@fielding/resource.rows');

interface Rows {
  readonly rows: readonly object[];
  readonly flat: boolean;
}

/** A collection document (HAL or plain) carrying its rows for CSV. */
export type CollectionValue = object & { readonly [ROWS]: Rows };

/** Attaches the rows a CSV variant writes to a collection document. */
export function withRows<T extends object>(
  document: T,
  rows: readonly object[],
  flat = false,
): T & CollectionValue {
  Object.defineProperty(document, ROWS, { value: { rows, flat }, enumerable: false });
  return document as T & CollectionValue;
}

/** Whether a value is a collection document. */
export function isCollection(value: unknown): value is CollectionValue {
  return typeof value === 'object' && value !== null && ROWS in value;
}

/** The value negotiation is run with for an item, before the item is loaded. */
export const ITEM_PROBE: object = Object.freeze({});
/** The value negotiation is run with for a collection whose rows are flat by its schema. */
export const FLAT_COLLECTION_PROBE: object = Object.freeze(withRows({}, [], true));

const isObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `application/prs.hal-forms+json`: the HAL document with `_templates`. */
export const halFormsSerializer: Serializer = {
  mediaType: HAL_FORMS_JSON,
  formats: ['hal-forms'],
  canSerialize: isObject,
  serialize: (value) => JSON.stringify(value),
};

/** `text/csv` for collections only: the rows (projected items) of the page. */
export const collectionCsvSerializer: Serializer = {
  mediaType: 'text/csv',
  formats: ['csv'],
  canSerialize: (value) =>
    isCollection(value) &&
    (value[ROWS].flat || csvSerializer.canSerialize?.(value[ROWS].rows) !== false),
  serialize: (value, context) =>
    csvSerializer.serialize((value as CollectionValue)[ROWS].rows, context),
};

/** The serializers every API starts with, in preference order. */
export const RESOURCE_SERIALIZERS: readonly Serializer[] = Object.freeze([
  halSerializer,
  jsonSerializer,
  halFormsSerializer,
  collectionCsvSerializer,
]);

/** How a handler builds the document a variant writes. */
export type VariantKind = 'hal' | 'forms' | 'json' | 'csv' | 'other';

/** A negotiated variant: its serializer, what to build for it, and its entity-tag suffix. */
export interface Variant {
  serializer: Serializer;
  kind: VariantKind;
  /** The suffix of its strong tags: `hal`, `json`, `forms`, `csv`, or the format's name. */
  tag: string;
}

/** The API's representations, and each serializer's variant, worked out once. */
export interface ApiVariants {
  representations: Representations;
  variantOf: (serializer: Serializer) => Variant;
  /** The media types offered, for `406` and docs. */
  mediaTypes: readonly string[];
  /** The format names a URL extension may pick (`csv`, `json`, …). */
  formats: ReadonlySet<string>;
}

const KINDS = new Map<Serializer, VariantKind>([
  [halSerializer, 'hal'],
  [halFormsSerializer, 'forms'],
  [jsonSerializer, 'json'],
  [collectionCsvSerializer, 'csv'],
]);

const TAG_CHARACTERS = /[^\w.-]/g;

/** Builds the registry once per API, with the `?format=` override (`.ext` is rewritten to it). */
export function createApiVariants(extra: readonly Serializer[]): ApiVariants {
  const serializers = [...RESOURCE_SERIALIZERS, ...extra];
  const representations = createRepresentations({
    serializers,
    formatParameter: FORMAT_PARAMETER,
  });
  const variants = new Map<Serializer, Variant>();
  for (const serializer of serializers) {
    const kind = KINDS.get(serializer) ?? 'other';
    const name =
      kind === 'other'
        ? (serializer.formats?.[0] ?? serializer.mediaType.split('/').pop() ?? 'other')
        : kind;
    variants.set(serializer, { serializer, kind, tag: name.replace(TAG_CHARACTERS, '_') });
  }
  return {
    representations,
    variantOf: (serializer) =>
      variants.get(serializer) ?? { serializer, kind: 'other', tag: 'other' },
    mediaTypes: representations.mediaTypes,
    formats: new Set(
      serializers
        .flatMap((serializer) => serializer.formats ?? [])
        .map((name) => name.toLowerCase()),
    ),
  };
}
