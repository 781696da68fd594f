import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bufferAtMost, readAtMost } from './read-at-most.js';

/** A stream of the given chunks that records how many were pulled and whether it was cancelled. */
function chunked(chunks: Uint8Array[]) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = chunks[seen.pulled++];
        if (next === undefined) controller.close();
        else controller.enqueue(next);
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

describe('readAtMost', () => {
  it.each([
    ['no chunks', [], 10, []],
    ['one chunk', [bytes(1, 2, 3)], 10, [1, 2, 3]],
    ['several chunks, joined', [bytes(1), bytes(2, 3), bytes(4)], 4, [1, 2, 3, 4]],
    ['exactly the limit', [bytes(1, 2), bytes(3, 4)], 4, [1, 2, 3, 4]],
    ['empty chunks', [bytes(), bytes(5), bytes()], 1, [5]],
  ])('reads %s', async (_, chunks, limit, expected) => {
    const { stream } = chunked(chunks);
    expect([...((await readAtMost(stream, limit)) ?? [])]).toEqual(expected);
  });

  it('answers null and cancels the stream at the chunk that passes the limit', async () => {
    const { stream, seen } = chunked([bytes(1, 2), bytes(3, 4), bytes(5), bytes(6)]);
    expect(await readAtMost(stream, 3)).toBeNull();
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBe(2);
  });

  it('keeps exactly the bytes of any chunking within the limit, and null past it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 20 }), { maxLength: 10 }),
        fc.nat({ max: 120 }),
        async (chunks, limit) => {
          const all = chunks.flatMap((chunk) => [...chunk]);
          const read = await readAtMost(chunked(chunks).stream, limit);
          if (all.length > limit) expect(read).toBeNull();
          else expect([...(read ?? [])]).toEqual(all);
        },
      ),
    );
  });
});

describe('bufferAtMost', () => {
  const all = async (stream: ReadableStream<Uint8Array>) => [
    ...new Uint8Array(await new Response(stream).arrayBuffer()),
  ];

  it('reads a stream within the limit into memory', async () => {
    const { stream } = chunked([bytes(1), bytes(2, 3)]);
    const read = await bufferAtMost(stream, 3);
    expect(read).toBeInstanceOf(Uint8Array);
    expect([...(read as Uint8Array)]).toEqual([1, 2, 3]);
  });

  it('past the limit, stops reading and replays every byte in a stream', async () => {
    const { stream, seen } = chunked([bytes(1, 2), bytes(3, 4), bytes(5), bytes(6)]);
    const read = await bufferAtMost(stream, 3);
    expect(read).toBeInstanceOf(ReadableStream);
    expect(seen.pulled).toBe(2);
    expect(await all(read as ReadableStream<Uint8Array>)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('cancelling the replay cancels the original', async () => {
    const { stream, seen } = chunked([bytes(1, 2), bytes(3, 4), bytes(5)]);
    const read = (await bufferAtMost(stream, 1)) as ReadableStream<Uint8Array>;
    await read.cancel();
    expect(seen.cancelled).toBe(true);
  });

  it('never loses or reorders a byte, whatever the chunking and limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 20 }), { maxLength: 10 }),
        fc.nat({ max: 120 }),
        async (chunks, limit) => {
          const expected = chunks.flatMap((chunk) => [...chunk]);
          const read = await bufferAtMost(chunked(chunks).stream, limit);
          if (read instanceof Uint8Array) {
            expect(expected.length).toBeLessThanOrEqual(limit);
            expect([...read]).toEqual(expected);
          } else {
            expect(expected.length).toBeGreaterThan(limit);
            expect(await all(read)).toEqual(expected);
          }
        },
      ),
    );
  });
});
