import { Readable } from 'node:stream';

/** A body source chosen when the body is first read: a stream, or bytes already in hand. */
export type LateSource = () => NodeJS.ReadableStream | Uint8Array | null;

/**
 * A Web stream over a Node readable that reads nothing until its consumer pulls, then one chunk
 * per pull: the source stays paused while the consumer is busy (backpressure). A function
 * source is asked at the first pull (what the request body is depends on whether a parser ran
 * by then). A stream that some other reader already finished errors with a `TypeError`
 * instead of waiting forever.
 */
export function nodeToWebStream(
  source: NodeJS.ReadableStream | LateSource,
  tap?: () => ((chunk: Uint8Array) => void) | undefined,
): ReadableStream<Uint8Array> {
  let record: ((chunk: Uint8Array) => void) | undefined;
  let listening = false;
  let finished = false;
  let onData: ((chunk: Uint8Array | string) => void) | undefined;
  let node!: Readable;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!listening) {
          listening = true;
          const resolved = typeof source === 'function' ? source() : source;
          if (resolved === null || resolved instanceof Uint8Array) {
            finished = true;
            if (resolved !== null && resolved.byteLength > 0) controller.enqueue(resolved);
            controller.close();
            return;
          }
          node = resolved as Readable;
          record = tap?.();
          if (node.readableEnded) {
            finished = true;
            controller.error(
              new TypeError('The body was already read by someone else (a content-type parser).'),
            );
            return;
          }
          onData = (chunk) => {
            if (finished) return;
            const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
            record?.(bytes);
            controller.enqueue(bytes);
            if ((controller.desiredSize ?? 0) <= 0) node.pause();
          };
          node.on('data', onData);
          node.once('end', () => {
            if (finished) return;
            finished = true;
            controller.close();
          });
          const fail = (error?: Error): void => {
            if (finished) return;
            finished = true;
            controller.error(error ?? new Error('The stream closed before it ended.'));
          };
          node.once('error', fail);
          node.once('close', () => {
            // An IncomingMessage closes without "end" when the client aborted its body.
            if (!node.readableEnded) fail();
          });
        }
        node.resume();
      },
      cancel() {
        // The consumer does not want the rest: drop it, but keep draining so keep-alive works.
        finished = true;
        if (onData) node.off('data', onData);
        node?.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

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
