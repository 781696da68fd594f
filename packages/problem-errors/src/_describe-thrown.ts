// Development-mode description of a thrown value. Reads everything defensively: the value may
// have throwing getters, cyclic causes or be a Proxy.

/** How many `cause` links are followed. */
const MAX_CAUSES = 8;

function read(target: object, key: string): unknown {
  try {
    return (target as Record<string, unknown>)[key];
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' || value === undefined) return value;
  try {
    return String(value);
  } catch {
    return undefined;
  }
}

/** `{ name, message, stack, cause }` of an error, or `{ value }` of anything else. */
export function describeThrown(
  thrown: unknown,
  seen: Set<unknown> = new Set(),
  depth = 0,
): unknown {
  if (typeof thrown !== 'object' || thrown === null) return { value: text(thrown) };
  if (seen.has(thrown)) return '[Circular]';
  seen.add(thrown);
  const described: Record<string, unknown> = {
    name: text(read(thrown, 'name')),
    message: text(read(thrown, 'message')),
    stack: typeof read(thrown, 'stack') === 'string' ? read(thrown, 'stack') : undefined,
  };
  const cause = read(thrown, 'cause');
  if (cause !== undefined && depth < MAX_CAUSES)
    described.cause = describeThrown(cause, seen, depth + 1);
  return described;
}
