// Runtime smoke test of the built package (see scripts/smoke/run-matrix.mjs).
import { HttpError, isHttpError, problemFromError } from '../dist/index.js';

const error = new HttpError(404, { detail: 'No such blog.' });
const response = problemFromError(error);
const body = await response.json();
if (
  !isHttpError(error) ||
  response.status !== 404 ||
  body.status !== 404 ||
  body.title !== 'Not Found'
) {
  throw new Error('problem-errors smoke failed');
}
if (response.headers.get('content-type') !== 'application/problem+json') {
  throw new Error('wrong content type');
}
