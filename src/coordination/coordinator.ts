import type { Store } from 'express-rate-limit'

/**
 * What several CMS processes on one database must agree on, and nothing else: who sends a webhook
 * delivery, which process runs jobs, which cached answers are stale, and the rate-limit counts.
 * With REDIS_URL the processes agree through Redis (redis-coordinator.ts); without it this process
 * assumes it is the only one (singleProcess).
 */
export interface Coordinator {
  /** For the startup log: how this process coordinates with others. */
  readonly description: string
  /** Takes `key` for `ttlMs` if no process holds it; true when this process now holds it. It is never released early: it expires. */
  claim(key: string, ttlMs: number): Promise<boolean>
  /** Holds the lease `name`: takes it when free or expired, renews it when it is this process's; true while it is. */
  holdLease(name: string, ttlMs: number): Promise<boolean>
  /** Tells every process (this one included) on `channel`. */
  publish(channel: string, message: string): Promise<void>
  /** Hears what any process publishes on `channel`. */
  subscribe(channel: string, listener: (message: string) => void): Promise<void>
  /** A rate-limit store all processes count in, or undefined for express-rate-limit's own (this process only). */
  rateLimitStore(prefix: string): Store | undefined
  close(): Promise<void>
}

/** One process: every claim and lease is its own, and what it publishes only it hears. */
export function singleProcess(): Coordinator {
  const listeners = new Map<string, ((message: string) => void)[]>()
  return {
    description: 'no REDIS_URL: this process assumes it is the only one (its read cache, rate limits, webhook sending and job runner are its own)',
    claim: async () => true,
    holdLease: async () => true,
    publish: async (channel, message) => listeners.get(channel)?.forEach((listener) => listener(message)),
    subscribe: async (channel, listener) => void listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
    rateLimitStore: () => undefined,
    close: async () => undefined,
  }
}
