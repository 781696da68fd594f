// The benchmark compares like with like: for every request it measures, the declared resource
// and the hand-glued endpoints answer the same status, headers and body (a collection's weak
// ETag is each app's own hash, so only its form is compared).
import { describe, expect, it } from 'vitest';
import { declaredApp, handApp, taskStore } from '../bench/_apps.js';

async function answer(response: Response) {
  const headers = Object.fromEntries(response.headers);
  return { status: response.status, headers, body: await response.text() };
}

describe('the benchmarked apps', () => {
  it.each([
    ['GET item 200', '/api/tasks/7', {}],
    ['GET item 200 as JSON', '/api/tasks/7', { Accept: 'application/json' }],
    ['GET item 404', '/api/tasks/404', {}],
    ['GET collection page', '/api/tasks?pageIndex=2&sort=-priority&done=false', {}],
  ])('answer %s alike', async (_name, path, headers) => {
    const declared = declaredApp(await taskStore());
    const hand = handApp(await taskStore());
    const request = () => new Request(`http://bench.test${path}`, { headers });
    const [ours, theirs] = [
      await answer(await declared(request())),
      await answer(await hand(request())),
    ];
    if (path.includes('?')) {
      expect(ours.headers.etag).toMatch(/^W\/"/);
      expect(theirs.headers.etag).toMatch(/^W\/"/);
      delete (ours.headers as Record<string, string>).etag;
      delete (theirs.headers as Record<string, string>).etag;
    }
    expect(ours).toEqual(theirs);
  });

  it('answer GET item 304 and PATCH alike', async () => {
    const declared = declaredApp(await taskStore());
    const hand = handApp(await taskStore());
    const etag = (await declared(new Request('http://bench.test/api/tasks/7'))).headers.get('etag');
    const revalidate = () =>
      new Request('http://bench.test/api/tasks/7', { headers: { 'If-None-Match': etag ?? '' } });
    const [notModified, handNotModified] = [
      await answer(await declared(revalidate())),
      await answer(await hand(revalidate())),
    ];
    expect(notModified.status).toBe(304);
    expect(notModified).toEqual(handNotModified);
    const patch = () =>
      new Request('http://bench.test/api/tasks/7', {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag ?? '' },
        body: '{"done":true}',
      });
    const [patched, handPatched] = [
      await answer(await declared(patch())),
      await answer(await hand(patch())),
    ];
    expect(patched.status).toBe(200);
    // The two stores stamp the write with the same fixed clock, so even the new tag agrees.
    expect(patched).toEqual(handPatched);
  });
});
