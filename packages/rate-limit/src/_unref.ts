/** Lets the process exit while a sampler's timer is pending (Node, Bun; a no-op elsewhere). */
export function unref(timer: unknown): void {
  (timer as { unref?: () => void } | null)?.unref?.();
}
