import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/**
 * A Fastify route handler, as `app.get()` and `app.route({ handler })` accept it, on Fastify 4
 * and 5. Declared as a method so its parameters are bivariant: it fits routes with typed
 * params, bodies and schemas without casts.
 */
export type FastifyHandler = {
  handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
}['handle'];

/** An error handler, as `app.setErrorHandler()` accepts it. */
export type FastifyErrorHandler = {
  handle(
    error: FastifyError | Error,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply>;
}['handle'];
