// A minimal RFC 9457 problem response. Core cannot import @fielding/problem-errors (that package
// depends on core), so the router's own 400/404/405/501 answers are built here, with the same
// members the problem middleware gives thrown errors: `instance` is the request path.
import { requestInstance } from './request-instance.js';

const TITLES = new Map([
  [400, 'Bad Request'],
  [404, 'Not Found'],
  [405, 'Method Not Allowed'],
  [501, 'Not Implemented'],
]);

export function problemResponse(
  status: number,
  detail: string,
  url: URL,
  headers?: HeadersInit,
): Response {
  const body = JSON.stringify({
    type: 'about:blank',
    title: TITLES.get(status) ?? 'Error',
    status,
    detail,
    instance: requestInstance(url),
  });
  const response = new Response(body, { status, headers: headers ?? {} });
  response.headers.set('Content-Type', 'application/problem+json');
  return response;
}
