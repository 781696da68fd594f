import { Readable } from 'node:stream';

/**
 * A Node readable over a Web stream reader whose first chunk (and a pending read of the
 * second) were already taken: one `read()` per `_read`, so the reader is only pulled as fast
 * as the socket drains. Destroying it (the client left) cancels the reader.
 */
export class WebBodyReadable extends Readable {
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #pending: Promise<ReadableStreamReadResult<Uint8Array>> | undefined;

  constructor(
    reader: ReadableStreamDefaultReader<Uint8Array>,
    first: Uint8Array,
    pending: Promise<ReadableStreamReadResult<Uint8Array>>,
  ) {
    super({ highWaterMark: 64 * 1024 });
    this.#reader = reader;
    this.#pending = pending;
    this.push(first);
  }

  override _read(): void {
    const read = this.#pending ?? this.#reader.read();
    this.#pending = undefined;
    read.then(
      ({ done, value }) => {
        if (this.destroyed) return;
        this.push(done ? null : value);
      },
      (error: unknown) => this.destroy(error instanceof Error ? error : new Error(String(error))),
    );
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.readableEnded) this.#reader.cancel(error ?? undefined).catch(() => undefined);
    callback(error);
  }
}
