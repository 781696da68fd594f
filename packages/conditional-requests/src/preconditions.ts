import {
  formatEntityTag,
  parseEntityTag,
  parseEntityTagList,
  type EntityTag,
  requestInstance,
} from '@fielding/core';
import { problem } from '@fielding/problem-errors';
import { evaluateIfRange } from './_if-range.js';
import { strongMatch, weakMatch } from './entity-tag.js';
import { formatHttpDate, parseHttpDate, toHttpDatePrecision } from './http-date.js';
import { NOT_MODIFIED_HEADERS, notModifiedResponse } from './not-modified.js';

/**
 * Which requests must be conditional, and what makes them conditional enough — the object form
 * of {@link PreconditionOptions.require}.
 */
export interface PreconditionRequirement {
  /** The methods that must carry a precondition. Default {@link UNSAFE_METHODS}. */
  methods?: readonly string[];
  /**
   * `'any'`: `If-Match` (also `*`), a valid `If-Unmodified-Since` or `If-None-Match: *`.
   * `'entity-tag'`: only `If-Match` naming at least one entity-tag, or `If-None-Match: *` (a
   * create, which pins "no version"). Default `'any'`.
   */
  validator?: 'any' | 'entity-tag';
}

/** The validators of the selected representation, known before its body is built. */
export interface PreconditionOptions {
  /** The current entity-tag, e.g. `"7"` or `{ weak: false, opaque: '7' }` (deep ETag). */
  etag?: EntityTag | string | undefined;
  /** The last modification time; a string is read as an HTTP-date. Future times become now. */
  lastModified?: Date | number | string | undefined;
  /** Whether the resource has a current representation. Default `true`. */
  exists?: boolean;
  /**
   * Answer 428 to unconditional requests (RFC 6585): `true` for PUT, PATCH and DELETE, a list of
   * methods, `'entity-tag'` or `{ methods, validator: 'entity-tag' }` to accept only an
   * `If-Match` naming an entity-tag. Prefer `'entity-tag'` against lost updates: an
   * `If-Unmodified-Since` has one-second granularity, so a write made in the same second as the
   * client's read leaves its date passing (the client overwrites it); `If-Match: *` and a date
   * in year 9999 pass whatever the version. Default `false`.
   */
  require?: boolean | readonly string[] | 'entity-tag' | PreconditionRequirement;
  /** The current time, for clamping `lastModified` and telling a strong date. Default now. */
  now?: Date | number;
  /**
   * Send the full response instead of a 304 when the request says `Cache-Control: no-cache`
   * (the rule of `fresh` and Express). Off by default: every `fetch()` adds `no-cache` to a
   * conditional request, and RFC 9111 §5.2.1.4 asks for validation at the origin — which a
   * 304 is — so with this on no fetch-based client can revalidate. Default `false`.
   */
  fullResponseOnNoCache?: boolean;
}

/** The validator header values every decision carries, ready for a response. */
export interface DecisionValidators {
  /** The `ETag` field value of the current representation, if known. */
  etag: string | undefined;
  /** The `Last-Modified` field value (IMF-fixdate), if known. */
  lastModified: string | undefined;
}

/** Go on and perform the method (a `Range` may be honoured). */
export interface ProceedDecision extends DecisionValidators {
  /** The decision's kind. */
  type: 'proceed';
}

/** Go on and perform the method, but send the whole representation: `If-Range` failed. */
export interface IgnoreRangeDecision extends DecisionValidators {
  /** The decision's kind. */
  type: 'ignore-range';
}

/** Answer 304 Not Modified: the client's cached copy is current. */
export interface NotModifiedDecision extends DecisionValidators {
  /** The decision's kind. */
  type: 'not-modified';
  /** The status to send. */
  status: 304;
  /** The request header whose condition evaluated to false. */
  condition: 'If-None-Match' | 'If-Modified-Since';
}

/** Answer 412 Precondition Failed and do not perform the method. */
export interface PreconditionFailedDecision extends DecisionValidators {
  /** The decision's kind. */
  type: 'precondition-failed';
  /** The status to send. */
  status: 412;
  /** The request path, the `instance` of the problem (RFC 9457 §3.1.5). */
  instance?: string;
  /** The request header whose condition evaluated to false. */
  condition: 'If-Match' | 'If-Unmodified-Since' | 'If-None-Match';
}

/** Answer 428 Precondition Required: the method must be made conditional. */
export interface PreconditionRequiredDecision extends DecisionValidators {
  /** The decision's kind. */
  type: 'precondition-required';
  /** The status to send. */
  status: 428;
  /** The request path, the `instance` of the problem (RFC 9457 §3.1.5). */
  instance?: string;
  /** The request method that needs a precondition. */
  method: string;
  /** What would have been enough: see {@link PreconditionRequirement.validator}. */
  validator: 'any' | 'entity-tag';
}

/** What {@link evaluatePreconditions} decided, by RFC 9110 §13.2.2. */
export type PreconditionDecision =
  | ProceedDecision
  | IgnoreRangeDecision
  | NotModifiedDecision
  | PreconditionFailedDecision
  | PreconditionRequiredDecision;

/** The methods {@link PreconditionOptions.require} `true` stands for. */
export const UNSAFE_METHODS: readonly string[] = ['PUT', 'PATCH', 'DELETE'];

// `fresh` (and Express) read a request `no-cache` as an end-to-end reload and send the full
// response instead of a 304 — only with `fullResponseOnNoCache` here, see its doc. "no-cache"
// must be a whole list member; each whitespace run is scanned at most twice, so the cost stays
// linear in the field length.
const isSpace = (code: number): boolean => code === 0x20 || code === 0x09;
const requestsReload = (value: string | null): boolean => {
  if (value === null) return false;
  const lower = value.toLowerCase();
  for (let at = lower.indexOf('no-cache'); at >= 0; at = lower.indexOf('no-cache', at + 8)) {
    let before = at - 1;
    while (before >= 0 && isSpace(lower.charCodeAt(before))) before--;
    let after = at + 8;
    while (after < lower.length && isSpace(lower.charCodeAt(after))) after++;
    if ((before < 0 || lower[before] === ',') && (after === lower.length || lower[after] === ',')) {
      return true;
    }
  }
  return false;
};

const toTag = (value: EntityTag | string | undefined): EntityTag | undefined => {
  if (value === undefined || typeof value !== 'string') return value;
  const tag = parseEntityTag(value);
  if (tag === undefined) throw new TypeError(`Not an entity-tag: ${JSON.stringify(value)}`);
  return tag;
};

// §8.8.2.1: a modification time in the future is replaced by the time of the response.
const toLastModified = (
  value: Date | number | string | undefined,
  now: number,
): number | undefined => {
  if (value === undefined) return undefined;
  const time =
    typeof value === 'string'
      ? parseHttpDate(value, now)?.getTime()
      : typeof value === 'number'
        ? value
        : value.getTime();
  if (time === undefined || Number.isNaN(time)) return undefined;
  return toHttpDatePrecision(Math.min(time, now));
};

// What `require` demands of `method`: nothing, or the kind of validator that satisfies it.
const requiredValidator = (
  method: string,
  require: PreconditionOptions['require'],
): 'any' | 'entity-tag' | undefined => {
  if (require === undefined || require === false) return undefined;
  if (require === true || require === 'entity-tag') {
    return UNSAFE_METHODS.includes(method) ? (require === true ? 'any' : 'entity-tag') : undefined;
  }
  if (isMethodList(require)) return require.includes(method) ? 'any' : undefined;
  const methods = require.methods ?? UNSAFE_METHODS;
  return methods.includes(method) ? (require.validator ?? 'any') : undefined;
};

// Array.isArray does not narrow a readonly array out of a union.
const isMethodList = (value: object): value is readonly string[] => Array.isArray(value);

const failed = (
  request: Request,
  condition: PreconditionFailedDecision['condition'],
  validators: DecisionValidators,
): PreconditionFailedDecision => {
  const instance = requestInstance(request);
  return {
    type: 'precondition-failed',
    status: 412,
    condition,
    ...validators,
    ...(instance !== undefined && { instance }),
  };
};

/**
 * Decides a conditional request the way RFC 9110 §13.2.2 orders it: If-Match, then
 * If-Unmodified-Since (only without If-Match), If-None-Match, If-Modified-Since (GET/HEAD only,
 * only without If-None-Match), If-Range. If-Match compares strongly, If-None-Match weakly;
 * invalid dates are ignored and every date is compared in whole seconds. A request
 * `Cache-Control` / `Pragma: no-cache` (sent by every `fetch()`) still gets its 304 (RFC 9111
 * §5.2.1.4). Pass the validators before building the body (a deep ETag) so a 304 or 412 costs
 * nothing.
 *
 * @param request - the incoming request
 * @param options - the current validators, whether the resource exists, and whether to require
 * preconditions on unsafe methods
 * @returns the decision; {@link preconditionResponse} turns it into the response to send
 *
 * @example
 * ```ts
 * const decision = evaluatePreconditions(request, { etag: '"7"' });
 * if (decision.type === 'not-modified') return preconditionResponse(decision);
 * ```
 * @see RFC 9110 §13.2.2
 */
export function evaluatePreconditions(
  request: Request,
  options: PreconditionOptions = {},
): PreconditionDecision {
  const method = request.method;
  const headers = request.headers;
  const now = options.now === undefined ? Date.now() : Number(options.now);
  const exists = options.exists ?? true;
  const current = exists ? toTag(options.etag) : undefined;
  const modified = exists ? toLastModified(options.lastModified, now) : undefined;
  const validators: DecisionValidators = {
    etag: current && formatEntityTag(current),
    lastModified: modified === undefined ? undefined : formatHttpDate(modified),
  };

  const ifMatch = headers.get('if-match');
  const ifMatchTags = ifMatch === null ? undefined : parseEntityTagList(ifMatch);
  const ifNoneMatch = headers.get('if-none-match');
  const ifUnmodifiedSince =
    ifMatch === null ? parseHttpDate(headers.get('if-unmodified-since'), now) : undefined;

  const required = requiredValidator(method, options.require);
  if (
    required !== undefined &&
    // `If-None-Match: *` is the create-only guard: conditional enough for a PUT that creates.
    ifNoneMatch?.trim() !== '*' &&
    (required === 'entity-tag'
      ? // Only named tags pin a version; `*` and a field without a valid tag name none.
        ifMatchTags === undefined || ifMatchTags === '*' || ifMatchTags.length === 0
      : ifMatchTags === undefined && ifUnmodifiedSince === undefined)
  ) {
    const instance = requestInstance(request);
    return {
      type: 'precondition-required',
      status: 428,
      method,
      validator: required,
      ...validators,
      ...(instance !== undefined && { instance }),
    };
  }

  // Step 1: If-Match, strong comparison; `*` needs a current representation.
  if (ifMatchTags !== undefined) {
    const pass =
      ifMatchTags === '*'
        ? exists
        : current !== undefined && ifMatchTags.some((tag) => strongMatch(tag, current));
    if (!pass) {
      return failed(request, 'If-Match', validators);
    }
  } else if (ifUnmodifiedSince !== undefined && modified !== undefined) {
    // Step 2: ignored without a modification date to compare.
    if (modified > ifUnmodifiedSince.getTime()) {
      return failed(request, 'If-Unmodified-Since', validators);
    }
  }

  const safe = method === 'GET' || method === 'HEAD';
  const reload =
    options.fullResponseOnNoCache === true && requestsReload(headers.get('cache-control'));
  // Step 3: If-None-Match, weak comparison.
  if (ifNoneMatch !== null) {
    const tags = parseEntityTagList(ifNoneMatch);
    const match =
      tags === '*' ? exists : current !== undefined && tags.some((tag) => weakMatch(tag, current));
    if (match) {
      if (!safe) {
        return failed(request, 'If-None-Match', validators);
      }
      if (!reload) {
        return { type: 'not-modified', status: 304, condition: 'If-None-Match', ...validators };
      }
    }
  } else if (safe && modified !== undefined) {
    // Step 4: If-Modified-Since, GET and HEAD only, ignored when it is not a valid date.
    const since = parseHttpDate(headers.get('if-modified-since'), now);
    if (since !== undefined && modified <= since.getTime() && !reload) {
      return { type: 'not-modified', status: 304, condition: 'If-Modified-Since', ...validators };
    }
  }

  // Step 5: If-Range, only for a GET with Range.
  const ifRange = method === 'GET' && headers.has('range') ? headers.get('if-range') : null;
  if (ifRange !== null && !evaluateIfRange(ifRange, current, modified, now)) {
    return { type: 'ignore-range', ...validators };
  }
  return { type: 'proceed', ...validators };
}

/** How {@link preconditionResponse} builds a 304. */
export interface PreconditionResponseOptions {
  /** The headers the full 200 response would carry; a 304 keeps the ones it must repeat. */
  headers?: HeadersInit;
  /** Field names a 304 keeps. Default {@link NOT_MODIFIED_HEADERS}. */
  keep?: readonly string[];
}

// The validators a 412 or 428 carries, as a record the problem's Response reads directly.
const validatorFields = (decision: DecisionValidators): Record<string, string> => {
  const fields: Record<string, string> = {};
  if (decision.etag !== undefined) fields.etag = decision.etag;
  if (decision.lastModified !== undefined) fields['last-modified'] = decision.lastModified;
  return fields;
};

const FAILED_DETAIL: Record<PreconditionFailedDecision['condition'], string> = {
  'If-Match': 'The resource has changed: If-Match does not match its current entity-tag.',
  'If-Unmodified-Since': 'The resource was modified after the If-Unmodified-Since date.',
  'If-None-Match': 'If-None-Match matches the current representation.',
};

/**
 * Turns a decision into the response to send: a bodiless 304 with the headers §15.4.5 requires,
 * a 412 or 428 as `application/problem+json` (both carry the current `ETag` when known, so the
 * client can re-read and retry, and the request path as `instance`), or `undefined` when the
 * request should proceed.
 *
 * @param decision - what {@link evaluatePreconditions} returned
 * @param options - the headers of the full response, for a 304
 * @returns the response, or `undefined` to go on
 *
 * @example
 * ```ts
 * const early = preconditionResponse(evaluatePreconditions(request, { etag: '"7"' }));
 * if (early) return early;
 * ```
 * @see RFC 9110 §15.4.5, §15.5.13; RFC 6585 §3
 */
export function preconditionResponse(
  decision: PreconditionDecision,
  options: PreconditionResponseOptions = {},
): Response | undefined {
  switch (decision.type) {
    case 'proceed':
    case 'ignore-range':
      return undefined;
    case 'not-modified':
      // The current validators replace the 200's own; read from the init, no Headers built.
      return notModifiedResponse(
        options.headers,
        options.keep ?? NOT_MODIFIED_HEADERS,
        decision.etag,
        decision.lastModified,
      );
  }
  const validators = validatorFields(decision);
  switch (decision.type) {
    case 'precondition-failed':
      return problem({
        status: 412,
        detail: FAILED_DETAIL[decision.condition],
        ...(decision.instance !== undefined && { instance: decision.instance }),
        headers: validators,
      });
    case 'precondition-required': {
      const instance = decision.instance !== undefined && { instance: decision.instance };
      if (decision.validator === 'entity-tag') {
        const create =
          decision.etag === undefined ? ', or If-None-Match: * to create the resource' : '';
        return problem({
          status: 428,
          detail:
            `This request must be conditional: send If-Match with the current entity-tag${create}. ` +
            'If-Unmodified-Since and If-Match: * are not accepted: they do not name the version you read.',
          ...instance,
          errors: [
            {
              header: 'If-Match',
              detail: `If-Match with an entity-tag is required for ${decision.method}.`,
            },
          ],
          headers: validators,
        });
      }
      const header = decision.etag === undefined ? 'If-Unmodified-Since' : 'If-Match';
      return problem({
        status: 428,
        detail: `This request must be conditional: send ${header} with the validator you last read.`,
        ...instance,
        errors: [{ header, detail: `${header} is required for ${decision.method}.` }],
        headers: validators,
      });
    }
  }
}

/**
 * Evaluates the preconditions and returns the response to send at once, or `undefined` when
 * the request should proceed — {@link evaluatePreconditions} and {@link preconditionResponse}
 * in one call, for a handler that does not need the decision itself.
 *
 * @param request - the incoming request
 * @param options - the current validators and the evaluation options
 * @param responseOptions - the headers of the full response, for a 304
 * @returns a 304, 412 or 428 response, or `undefined`
 *
 * @example
 * ```ts
 * const early = respondToPreconditions(request, { etag: '"7"', require: 'entity-tag' });
 * if (early) return early;
 * ```
 * @see RFC 9110 §13.2.2
 */
export function respondToPreconditions(
  request: Request,
  options: PreconditionOptions = {},
  responseOptions: PreconditionResponseOptions = {},
): Response | undefined {
  return preconditionResponse(evaluatePreconditions(request, options), responseOptions);
}
