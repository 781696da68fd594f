import { describe, expect, it } from 'vitest';
import {
  HttpError,
  badRequest,
  conflict,
  contentTooLarge,
  failedDependency,
  forbidden,
  gone,
  insufficientStorage,
  internalServerError,
  locked,
  methodNotAllowed,
  notAcceptable,
  notFound,
  notImplemented,
  preconditionFailed,
  preconditionRequired,
  problem,
  problemDetails,
  parseProblem,
  problemFromError,
  serviceUnavailable,
  tooManyRequests,
  unauthorized,
  unprocessableContent,
  unsupportedMediaType,
  validationError,
  issueCollector,
} from '../../src/index.js';
import { createAjv2020 } from '../_ajv.js';
import { readConformance } from '../../../../test-utils/conformance.js';

/** A 413 listing 25 refused values: 20 listed, `omittedErrors` counting the rest. */
function capped(): HttpError {
  const collector = issueCollector();
  for (let index = 0; index < 25; index++) {
    collector.add(() => ({ pointer: `/${index}/value`, detail: 'is larger than 100 characters' }));
  }
  return collector.error({ status: 413, detail: 'The patch exceeds the configured limits.' });
}

interface ProblemCase {
  comment: string;
  status: number;
  valid: boolean;
  problem: unknown;
}

const schema = readConformance<object>('problem-details', 'rfc9457-appendix-a.schema.json');
const cases = readConformance<ProblemCase[]>('problem-details', 'problem-cases.json');
const validate = createAjv2020().compile(schema);

describe('rfc 9457 appendix a schema and cases (fixture)', () => {
  it('has the 12 cases the readme describes', () => {
    expect(cases).toHaveLength(12);
    expect(cases.filter((entry) => entry.valid)).toHaveLength(5);
  });

  it.each(cases.map((entry) => [entry.comment, entry] as const))(
    'appendix a: %s',
    (_comment, entry) => {
      expect(validate(entry.problem)).toBe(entry.valid);
    },
  );
});

describe('rfc 9457 §3.1: consumers ignore members of the wrong type', () => {
  it.each(cases.map((entry) => [entry.comment, entry] as const))(
    '§3.1 parseProblem: %s',
    (_comment, entry) => {
      const parsed = parseProblem(entry.problem);
      if (Array.isArray(entry.problem)) {
        expect(parsed).toBeUndefined();
        return;
      }
      // What is left after ignoring wrong-typed members always validates, and valid cases are kept whole.
      expect(validate(parsed)).toBe(true);
      if (!entry.valid)
        expect(parsed).not.toEqual({ type: 'about:blank', ...(entry.problem as object) });
      if (entry.valid)
        expect(parsed).toEqual({ type: 'about:blank', ...(entry.problem as object) });
    },
  );
});

describe('rfc 9457 §3: problems this package produces', () => {
  // Every valid case is re-produced through problem(): the output validates and keeps the members.
  it.each(cases.filter((entry) => entry.valid).map((entry) => [entry.comment, entry] as const))(
    '§3 round trip: %s',
    async (_comment, entry) => {
      const { type, title, detail, instance, errors, status, ...extensions } =
        entry.problem as Record<string, never>;
      const members = Object.fromEntries(
        Object.entries({ type, title, detail, instance, errors }).filter(
          ([, value]) => value !== undefined,
        ),
      );
      const response = problem({ status: entry.status, ...members, extensions });
      const body = (await response.json()) as Record<string, unknown>;
      expect(validate(body)).toBe(true);
      expect(response.status).toBe(entry.status);
      expect(body.status).toBe(entry.status);
      expect(body.type).toBe(type ?? 'about:blank');
      if (status !== undefined) expect(body.status).toBe(status);
      for (const [key, value] of Object.entries(entry.problem as object))
        expect(body[key]).toEqual(value);
    },
  );

  it.each(cases.filter((entry) => !entry.valid).map((entry) => [entry.comment, entry] as const))(
    '§3.1 invalid reserved members are refused or ignored, never sent: %s',
    async (_comment, entry) => {
      const members = (Array.isArray(entry.problem) ? {} : entry.problem) as Record<
        string,
        unknown
      >;
      let response: Response;
      try {
        response = problem({
          status: entry.status,
          ...(typeof members.type === 'string' && { type: members.type }),
          extensions: members,
        });
      } catch (error) {
        expect(error).toBeInstanceOf(TypeError);
        return;
      }
      const body = await response.json();
      expect(validate(body)).toBe(true);
      expect(body.status).toBe(entry.status);
    },
  );

  const errors = [
    badRequest(),
    unauthorized('Bearer'),
    forbidden(),
    notFound(),
    methodNotAllowed(['GET']),
    notAcceptable(),
    conflict(),
    gone(),
    preconditionFailed(),
    contentTooLarge(),
    unsupportedMediaType({ acceptPatch: ['application/json-patch+json'] }),
    unprocessableContent({ errors: [{ pointer: '/age', detail: 'must be a positive integer' }] }),
    locked(),
    failedDependency(),
    preconditionRequired(),
    tooManyRequests({ retryAfter: 1 }),
    internalServerError(),
    notImplemented(),
    serviceUnavailable({ retryAfter: 1 }),
    insufficientStorage(),
    validationError([{ parameter: 'page', detail: 'must be a number' }], { status: 400 }),
    capped(),
    new HttpError(418, { type: 'https://example.com/probs/teapot', instance: 'urn:uuid:1' }),
  ];

  it.each(errors.map((error) => [error.status, error] as const))(
    '§3.1.3 a %i body validates and its status member equals the response status',
    async (_status, error) => {
      const response = problemFromError(error, { instance: '/blogs/7' });
      const body = await response.json();
      expect(validate(body)).toBe(true);
      expect(body.status).toBe(response.status);
      expect(body.type).toBe(error.type);
    },
  );

  it('§3.1 the middleware output for an unknown error validates', async () => {
    const response = await problemDetails()(new Request('https://api.test/a%20b/c'), () => {
      throw new Error('x');
    });
    const body = await response.json();
    expect(validate(body)).toBe(true);
    expect(body.instance).toBe('/a%20b/c');
  });
});
