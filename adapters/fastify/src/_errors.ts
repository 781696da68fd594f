import type { FastifyReply } from 'fastify';
import { isHttpError, problemFromError } from '@fielding/problem-errors';
import { sendResponse } from './_write-response.js';

/**
 * Answers an `HttpError` with its problem+json response; rethrows anything else, so it reaches
 * Fastify's error handlers.
 */
export async function answerError(error: unknown, reply: FastifyReply): Promise<FastifyReply> {
  if (!isHttpError(error)) throw error;
  return sendResponse(reply, problemFromError(error));
}
