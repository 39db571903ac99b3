/** Polls until the probe returns a value (the sandboxes answer later, on purpose), or fails after the timeout. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A clock that runs from a fixed instant, so booking dates in tests do not depend on the day they run. */
export function clockFrom(isoInstant: string): () => number {
  const offset = Date.parse(isoInstant) - Date.now();
  return () => Date.now() + offset;
}
