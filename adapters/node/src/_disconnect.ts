import type { ServerResponse } from 'node:http';

/**
 * An `AbortSignal` that fires when the client goes away before the response finished — not on
 * a normal end (`res` "close" after "finish" is the normal case; `req` "close" is not a
 * disconnect at all since Node 16).
 */
export function disconnectSignal(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  if (res.closed) {
    if (!res.writableFinished) controller.abort(disconnected());
  } else {
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(disconnected());
    });
  }
  return controller.signal;
}

function disconnected(): DOMException {
  return new DOMException('The client closed the connection.', 'AbortError');
}
