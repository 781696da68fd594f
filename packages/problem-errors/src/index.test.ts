import { describe, expect, it } from 'vitest';
import * as api from './index.js';

// The public surface (issue 16): what a user needs, nothing exported for one internal caller.
describe('the package entry point', () => {
  it('exports the values a user needs and no internals', () => {
    expect(Object.keys(api).sort()).toEqual([
      'HttpError',
      'INTERNAL_ERROR_DETAIL',
      'MAX_ISSUES',
      'PROBLEM_JSON',
      'TRACE_HEADERS',
      'badRequest',
      'conflict',
      'contentTooLarge',
      'createProblemTypeRegistry',
      'defineProblemType',
      'failedDependency',
      'forbidden',
      'gone',
      'insufficientStorage',
      'internalServerError',
      'isHttpError',
      'issueCollector',
      'issuesFromAjv',
      'locked',
      'methodNotAllowed',
      'notAcceptable',
      'notFound',
      'notImplemented',
      'parseProblem',
      'preconditionFailed',
      'preconditionRequired',
      'problem',
      'problemDetails',
      'problemDocument',
      'problemFromError',
      'serviceUnavailable',
      'statusTitle',
      'tooManyRequests',
      'unauthorized',
      'unprocessableContent',
      'unsupportedMediaType',
      'validationError',
    ]);
  });
});
