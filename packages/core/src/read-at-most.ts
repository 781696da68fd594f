// The bounded stream readers of Fielding, one loop for both: readAtMost gives up past the limit
// (request bodies in content-negotiation's readBody, job results in jobs), bufferAtMost hands
// the stream on intact past it (shallow ETags, idempotent responses: the client still gets every
// byte, the server just cannot keep them).

interface Collected {
  readonly chunks: Uint8Array[];
  readonly size: number;
  /** Whether the stream ended within the limit. */
  readonly ended: boolean;
}

async function collect(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  limit: number,
): Promise<Collected> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks, size, ended: true };
    chunks.push(value);
    size += value.byteLength;
    if (size > limit) return { chunks, size, ended: false };
  }
}

function joinChunks({ chunks, size }: Collected): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a byte stream to its end, keeping at most `limit` bytes. At the chunk that passes the
 * limit the stream is cancelled — nothing more is read or kept, so memory stays within the limit
 * plus one chunk — and the answer is `null`. One chunk is handed back as it is; several are
 * joined into one array.
 *
 * @param stream - the stream to read; it is consumed (and cancelled past the limit)
 * @param limit - the most bytes to accept
 * @returns the bytes, or `null` when the stream holds more than `limit` bytes
 *
 * @example
 * ```ts
 * import { readAtMost } from '@fielding/core';
 *
 * const response = new Response('{"ok":true}');
 * const bytes = await readAtMost(response.body!, 1024); // Uint8Array of 11 bytes
 * if (bytes === null) throw new Error('The result is larger than 1 KiB.');
 * ```
 */
export async function readAtMost(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | null> {
  const reader = stream.getReader();
  try {
    const collected = await collect(reader, limit);
    if (collected.ended) return joinChunks(collected);
    // Not awaited: a branch of a tee()d stream (a cloned Request) settles its cancel only once
    // the other branch is cancelled too, which is the caller's to do.
    reader.cancel().catch(() => undefined);
    return null;
  } finally {
    reader.releaseLock();
  }
}

/**
 * Reads a byte stream into memory when it holds at most `limit` bytes; past the limit, stops
 * reading and gives back a stream that replays the chunks read so far followed by the rest, so
 * no byte is lost (cancelling it cancels the original). For a body a server would like to keep
 * (to hash it, to store it) but must still pass on whole when it is too large.
 *
 * @param stream - the stream to read; it is consumed
 * @param limit - the most bytes to hold in memory
 * @returns the bytes, or a stream with every byte of the original
 *
 * @example
 * ```ts
 * import { bufferAtMost } from '@fielding/core';
 *
 * const response = new Response('a large body');
 * const body = await bufferAtMost(response.body!, 4);
 * const answer = body instanceof Uint8Array ? new Response(body) : new Response(body, response);
 * ```
 */
export async function bufferAtMost(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<Uint8Array | ReadableStream<Uint8Array>> {
  const reader = stream.getReader();
  const collected = await collect(reader, limit);
  if (collected.ended) {
    reader.releaseLock();
    return joinChunks(collected);
  }
  const { chunks } = collected;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = chunks.shift();
      if (next !== undefined) return controller.enqueue(next);
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
