/** Whole seconds until a limit's window resets (at least 1): the Retry-After a 429 carries. */
export function secondsUntil(resetTime: Date | undefined, now = Date.now()): number {
  return Math.max(1, Math.ceil(((resetTime?.getTime() ?? now + 60_000) - now) / 1000))
}
