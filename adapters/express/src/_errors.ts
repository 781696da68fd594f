import { isHttpError, problemFromError } from '@fielding/problem-errors';
import type { ExpressNext, ExpressRequest, ExpressResponse } from './types.js';
import { writeResponse, type NodeOutput as Output } from '@fielding/node';

/**
 * Answers an error the way both worlds expect: an `HttpError` becomes its problem+json
 * response; anything else goes to Express's error handlers through `next(error)`. When the
 * headers are already out, the connection is cut instead (a half-sent body cannot be fixed).
 */
export function answerError(
  error: unknown,
  req: ExpressRequest,
  res: ExpressResponse,
  next: ExpressNext,
  output: Output = res,
): void {
  if (res.headersSent) {
    res.destroy(error instanceof Error ? error : undefined);
    return;
  }
  if (!isHttpError(error)) {
    next(error);
    return;
  }
  writeResponse(problemFromError(error), req, res, output)?.catch(next);
}
