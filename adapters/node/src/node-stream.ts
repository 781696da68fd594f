import type { Readable } from 'node:stream';

/**
 * A Web stream over a Node readable (a request body, or what a framework made of it) that
 * reads nothing until its consumer pulls, then one chunk per pull: the source stays paused
 * while the consumer is busy (backpressure). A function source is asked at the first pull, for
 * frameworks where what the body is depends on whether a parser ran by then. A source that
 * closes before it ended (a client that aborted its upload) errors the stream; one that some
 * other reader already finished errors it with a `TypeError` instead of waiting forever.
 * Cancelling the Web stream stops delivery but keeps draining the source, so a keep-alive
 * connection stays usable.
 *
 * @param source - the Node stream, or a function that picks the source at the first read: a
 *   Node stream, bytes already in hand, or `null` for no body
 * @param observe - asked at the first read: a function to hand every chunk to (to keep a copy)
 * @returns a byte stream with no internal buffer (`highWaterMark: 0`)
 *
 * @example
 * ```ts
 * import { createServer } from 'node:http';
 * import { nodeToWebStream } from '@fielding/node';
 *
 * createServer(async (req, res) => {
 *   const text = await new Response(nodeToWebStream(req)).text();
 *   res.end(`received ${text.length} characters`);
 * }).listen(3000);
 * ```
 */
export function nodeToWebStream(
  source: NodeJS.ReadableStream | (() => NodeJS.ReadableStream | Uint8Array | null),
  observe?: () => ((chunk: Uint8Array) => void) | undefined,
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
          record = observe?.();
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
