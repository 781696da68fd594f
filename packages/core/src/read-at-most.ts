// The one bounded stream reader of Fielding: request bodies (content-negotiation's readBody)
// and job results (jobs) are both read through it, so the limit is enforced the same way.

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
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        // Not awaited: a branch of a tee()d stream (a cloned Request) settles its cancel only
        // once the other branch is cancelled too, which is the caller's to do.
        reader.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : joinChunks(chunks, size);
}

function joinChunks(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
