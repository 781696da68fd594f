// The runtime's own classes, under any stand-ins: servers replace the global `Request` and
// `Response` with light subclasses (@hono/node-server does, and so does `installFastResponse`),
// and the native one is the first class up the chain that extends nothing.

function nativeClass<T extends abstract new (...args: never[]) => unknown>(current: T): T {
  let candidate = current;
  for (;;) {
    const parent: unknown = Object.getPrototypeOf(candidate);
    if (typeof parent !== 'function' || parent === Function.prototype) return candidate;
    candidate = parent as T;
  }
}

/** The runtime's `Request` (undici on Node). */
export const NativeRequest: typeof Request = nativeClass(globalThis.Request);
/** The runtime's `Response`: every response (native, light, a stand-in's) is an instance. */
export const NativeResponse: typeof Response = nativeClass(globalThis.Response);
/** The runtime's `Headers`. */
export const NativeHeaders: typeof Headers = nativeClass(globalThis.Headers);
