// What the safety of problem() costs next to the hand-written response most APIs use (no peer
// library is a dependency here: http-errors builds no Response), and what the middleware adds.
import { compose } from '@fielding/core';
import { bench, describe } from 'vitest';
import {
  HttpError,
  negotiateProblemMediaType,
  problem,
  problemDetails,
  problemFromError,
} from '../src/index.js';

const members = {
  status: 403,
  type: 'https://example.com/probs/out-of-credit',
  title: 'You do not have enough credit.',
  detail: 'Your current balance is 30, but that costs 50.',
  instance: '/account/12345/msgs/abc',
};
const extensions = { balance: 30, accounts: ['/account/12345', '/account/67890'] };

describe('problem response', () => {
  bench('problem() (validated, safe serialisation)', () => {
    problem({ ...members, extensions });
  });
  bench('hand-written JSON.stringify Response', () => {
    new Response(JSON.stringify({ ...extensions, ...members }), {
      status: members.status,
      headers: { 'Content-Type': 'application/problem+json' },
    });
  });
});

describe('error to response', () => {
  const error = new HttpError(404, { detail: 'No blog 7.' });
  bench('problemFromError()', () => {
    problemFromError(error, { instance: '/blogs/7' });
  });
  bench('hand-written from error fields', () => {
    new Response(
      JSON.stringify({
        type: error.type,
        title: error.title,
        status: error.status,
        detail: error.detail,
        instance: '/blogs/7',
      }),
      { status: error.status, headers: { 'Content-Type': 'application/problem+json' } },
    );
  });
});

describe('middleware on the happy path', () => {
  const handler = (): Response => new Response('ok');
  const wrapped = compose(problemDetails())(handler);
  const request = new Request('https://api.test/blogs/7');
  bench('with problemDetails()', async () => {
    await wrapped(request);
  });
  bench('bare handler', async () => {
    await handler();
  });
});

describe('error body negotiation', () => {
  const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
  bench('negotiateProblemMediaType()', () => {
    negotiateProblemMediaType(accept, { xml: true });
  });
});
