// Measurements quoted in the README and commit messages, against a server in a child process:
//   node --import tsx test/support/measure.ts patch-heap [count=8000] [framework=node]
//   node --import tsx test/support/measure.ts metrics-size [count=2000] [framework=node]
// (run from examples/blog-api with TSX_TSCONFIG_PATH=../../tsconfig.json).
import { request } from 'node:http';
import type { Framework } from '../../src/config.js';
import { startServerProcess } from './server-process.js';

const [what = 'patch-heap', countText, framework = 'node'] = process.argv.slice(2);
const server = await startServerProcess(framework as Framework);
const mb = (bytes: number) => Number((bytes / 1024 / 1024).toFixed(1));

try {
  if (what === 'patch-heap') {
    const count = Number(countText ?? 8_000);
    const url = `${server.url}/api/v1/blogs/1`;
    let etag = (await fetch(url)).headers.get('etag') ?? '';
    const patch = async (round: number) => {
      const response = await fetch(url, {
        method: 'PATCH',
        body: JSON.stringify({ title: `Title ${round}` }),
        headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag },
      });
      if (response.status !== 200) throw new Error(`PATCH answered ${response.status}`);
      await response.arrayBuffer();
      etag = response.headers.get('etag') ?? '';
    };
    for (let round = 0; round < 100; round += 1) await patch(round);
    const before = await server.heapUsed();
    for (let round = 0; round < count; round += 1) await patch(round);
    const after = await server.heapUsed();
    console.log(
      JSON.stringify({ patches: count, heapBeforeMB: mb(before), heapAfterMB: mb(after) }),
    );
  } else if (what === 'metrics-size') {
    const count = Number(countText ?? 2_000);
    const size = async () => (await (await fetch(`${server.url}/metrics`)).text()).length;
    const before = await size();
    for (let index = 0; index < count; index += 1) {
      const target = `/${Math.random().toString(36).slice(2)}`;
      await new Promise((done, fail) =>
        request(`${server.url}${target}`, { method: 'PROPFIND' }, (response) =>
          response.resume().on('end', done),
        )
          .on('error', fail)
          .end(),
      );
    }
    console.log(
      JSON.stringify({
        requests: count,
        metricsBeforeKB: before / 1024,
        metricsAfterKB: (await size()) / 1024,
      }),
    );
  } else throw new Error(`unknown measurement ${what}`);
} finally {
  await server.stop();
}
