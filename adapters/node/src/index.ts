/**
 * Fielding on plain Node.js: serve a `FetchHandler` with `node:http` ({@link serve},
 * {@link toNodeListener}, {@link createNodeServer}), and the Node↔Web bridge the Express and
 * Fastify adapters are built on — a lazy Web `Request` for a Node request
 * ({@link toWebRequest}), a `Response` writer ({@link writeResponse}) and the capture that turns
 * what a Node handler writes into a `Response` ({@link captureResponse}). The light global
 * `Response` is the application's choice ({@link installFastResponse}).
 *
 * @module @fielding/node
 */
export { captureResponse, type ResponseCapture } from './capture.js';
export { answerClientError, refuseConnect } from './client-error.js';
export { nodeToWebStream } from './node-stream.js';
export { toNodeListener, type NodeListenerOptions } from './node-listener.js';
export {
  createNodeServer,
  serve,
  type NodeServerOptions,
  type ServeOptions,
} from './node-server.js';
export { serialiseParsedBody } from './parsed-body.js';
export { installFastResponse } from './undici/index.js';
export { remoteAddress } from './remote-address.js';
export { requestUrl, type RequestUrlOptions } from './request-url.js';
export { toWebRequest, type ParsedBody, type WebRequestOptions } from './web-request.js';
export { writeResponse } from './write-response.js';
