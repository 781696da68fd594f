// Bounded body reading: never holds more than `limit` bytes of a body it gives up on.

/** Joins chunks into one array. */
export function concat(chunks: readonly Uint8Array[], length: number): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1 && chunks[0]?.buffer instanceof ArrayBuffer) {
    return chunks[0] as Uint8Array<ArrayBuffer>;
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Reads a whole stream if it has at most `limit` bytes. Past the limit it stops reading and
 * returns the chunks read so far with the reader, so the caller can cancel or pass the rest on.
 */
export async function readUpTo(
  stream: ReadableStream<Uint8Array>,
  limit: number,
): Promise<
  | { complete: true; bytes: Uint8Array<ArrayBuffer> }
  | { complete: false; chunks: Uint8Array[]; reader: ReadableStreamDefaultReader<Uint8Array> }
> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { complete: true, bytes: concat(chunks, length) };
    chunks.push(value);
    length += value.byteLength;
    if (length > limit) return { complete: false, chunks, reader };
  }
}

/** A stream of the chunks already read followed by the rest of the reader. */
export function replayThenRest(
  chunks: Uint8Array[],
  reader: ReadableStreamDefaultReader<Uint8Array>,
): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = chunks.shift();
      if (next !== undefined) {
        controller.enqueue(next);
        return;
      }
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
