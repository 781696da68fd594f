/**
 * The runtime's own class under any stand-ins: servers replace the global `Request` and
 * `Response` with light subclasses (@hono/node-server does, and so does `installFastResponse`),
 * and the native one is the first class up the chain that extends nothing.
 */
export function nativeClass<T extends abstract new (...args: never[]) => unknown>(current: T): T {
  let candidate = current;
  for (;;) {
    const parent: unknown = Object.getPrototypeOf(candidate);
    if (typeof parent !== 'function' || parent === Function.prototype) return candidate;
    candidate = parent as T;
  }
}
