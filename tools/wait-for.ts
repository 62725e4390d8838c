/** Thrown by a condition that can never become true (a process exited): waitFor stops at once. */
export class GiveUp extends Error {}

/**
 * Waits until `condition` returns something truthy and returns it; polls, never sleeps a fixed time.
 * On timeout the error says what was awaited and the last answer or error, so a failure explains itself.
 */
export async function waitFor<T>(
  description: string,
  condition: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 25 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await condition()
      if (value) return value as NonNullable<T>
      last = value
    } catch (error) {
      if (error instanceof GiveUp) throw error
      last = error
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description} (last: ${detail})`)
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
