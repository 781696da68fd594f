// Body validation with Ajv: one compiled validator per schema, errors as RFC 9457 `errors`.
import { HttpError, issuesFromAjv } from '@fielding/problem-errors';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Schema } from './schemas.js';

const ajv = new Ajv({ allErrors: true, strict: true });
const compiled = new WeakMap<Schema, ValidateFunction>();

/** Returns `body` typed as a record of strings, or throws a 422 listing every problem. */
export function validateBody(schema: Schema, body: unknown): Record<string, string> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(body)) return body as Record<string, string>;
  throw new HttpError(422, {
    detail: 'The request body does not match the schema of this resource.',
    errors: issuesFromAjv(validate.errors ?? []),
  });
}
