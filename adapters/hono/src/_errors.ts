import { isHttpError, problemFromError } from '@fielding/problem-errors';

/**
 * An `HttpError` becomes its problem+json response; anything else is thrown on, to Hono's
 * `app.onError` (Hono catches every `Error` a handler throws or rejects with).
 */
export function answerError(error: unknown): Response {
  if (isHttpError(error)) return problemFromError(error);
  throw error;
}
