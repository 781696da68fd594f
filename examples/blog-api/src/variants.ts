// The representations the API offers, and the strong entity-tags that tell them apart.
import {
  createRepresentations,
  csvSerializer,
  halSerializer,
  htmlSerializer,
  jsonSerializer,
  type Representations,
  type Serializer,
} from '@fielding/content-negotiation';
import { HAL_FORMS_JSON } from '@fielding/hal-links';

const halFormsSerializer: Serializer = {
  mediaType: HAL_FORMS_JSON,
  formats: ['hal-forms'],
  canSerialize: (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
  serialize: (value) => JSON.stringify(value),
};

/** HAL first: it is what a client gets when it states no preference. */
export function createApiRepresentations(): Representations {
  return createRepresentations({
    serializers: [halSerializer, jsonSerializer, halFormsSerializer, csvSerializer, htmlSerializer],
    formatParameter: 'format',
  });
}

const VARIANT_NAMES: ReadonlyMap<string, string> = new Map([
  ['application/hal+json', 'hal'],
  ['application/json', 'json'],
  [HAL_FORMS_JSON, 'forms'],
  ['text/html', 'html'],
  ['text/csv', 'csv'],
]);

// Probes stand in for the value when the variant must be known before the value is built
// (deep ETags: the 304 is decided before the row is read).
export const ITEM_PROBE: Readonly<Record<string, unknown>> = Object.freeze({ id: 0 });
export const LIST_PROBE: readonly Readonly<Record<string, unknown>>[] = Object.freeze([{ id: 0 }]);

/** The serializer this request will get for an item or a list, or undefined (406). */
export function selectVariant(
  representations: Representations,
  request: Request,
  probe: unknown,
): Serializer | undefined {
  const format = new URL(request.url).searchParams.get('format') ?? undefined;
  return representations.select(request, probe, format).serializer;
}

/**
 * A strong entity-tag per item version *and* representation: RFC 9110 §8.8.3 asks that
 * different representations of one resource have different strong tags, so the HAL and the
 * HTML view of version 3 are `"v3-hal"` and `"v3-html"`.
 */
export function itemEntityTag(version: number, serializer: Serializer): string {
  return `"v${version}-${VARIANT_NAMES.get(serializer.mediaType) ?? 'other'}"`;
}

/** Whether the chosen serializer wants HAL-FORMS templates in the document. */
export function wantsForms(serializer: Serializer | undefined): boolean {
  return serializer?.mediaType === HAL_FORMS_JSON;
}
