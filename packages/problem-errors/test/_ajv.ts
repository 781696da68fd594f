// A draft 2020-12 validator whose `uri-reference` format is the RFC 3986 oracle of this folder
// (ajv-formats is not a dependency of this package).
import { Ajv2020 } from 'ajv/dist/2020.js';
import { matchesUriReference } from './_uri-reference-oracle.js';

/** A fresh Ajv 2020 instance that checks `format: uri-reference`. */
export function createAjv2020(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  ajv.addFormat('uri-reference', matchesUriReference);
  return ajv;
}
