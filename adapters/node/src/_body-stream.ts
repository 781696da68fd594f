import type { IncomingMessage } from 'node:http';

/**
 * A Web stream over the Node request that reads nothing until the handler pulls, then one
 * chunk per pull: the socket stays paused while the handler is busy (backpressure).
 */
export function requestBodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let listening = false;
  let finished = false;
  let onData: ((chunk: Uint8Array) => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!listening) {
          listening = true;
          onData = (chunk) => {
            if (finished) return;
            controller.enqueue(chunk);
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          };
          req.on('data', onData);
          req.once('end', () => {
            if (finished) return;
            finished = true;
            controller.close();
          });
          const fail = (error?: Error): void => {
            if (finished) return;
            finished = true;
            controller.error(error ?? new Error('The client aborted the request body.'));
          };
          req.once('error', fail);
          req.once('close', () => {
            if (!req.complete) fail();
          });
        }
        req.resume();
      },
      cancel() {
        // The handler does not want the rest: drop it, but keep draining so keep-alive works.
        finished = true;
        if (onData) req.off('data', onData);
        req.resume();
      },
    },
    { highWaterMark: 0 },
  );
}
