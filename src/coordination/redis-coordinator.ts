import crypto from 'node:crypto'

import { Redis } from 'ioredis'
import { RedisStore, type RedisReply } from 'rate-limit-redis'

import { redactUri } from '../db/select-database'
import type { Coordinator } from './coordinator'

// Takes the lease when free, renews it when ours; atomic in Redis, so two processes never both hold it.
const HOLD_LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if holder then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`

/**
 * Several processes agree through Redis: claims and leases are keys with an expiry (a process that
 * dies lets go when they expire), messages are pub/sub, rate limits are counted in Redis
 * (rate-limit-redis). Connections open on first use, so loading the config (next build, a CLI
 * command) connects to nothing.
 */
export function createRedisCoordinator(url: string): Coordinator {
  const id = `${process.pid}-${crypto.randomBytes(6).toString('hex')}`
  const options = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true }
  const commands = new Redis(url, options)
  let subscriber: Redis | undefined
  const listeners = new Map<string, ((message: string) => void)[]>()
  const logged = (error: Error) => console.error(`Redis (${redactUri(url)}): ${error.message}`)
  commands.on('error', logged)

  return {
    description: `Redis at ${redactUri(url)}: the processes on this database share read-cache invalidation, rate limits, webhook claims and one job runner`,
    claim: async (key, ttlMs) => (await commands.set(key, id, 'PX', ttlMs, 'NX')) === 'OK',
    holdLease: async (name, ttlMs) => (await commands.eval(HOLD_LEASE, 1, name, id, String(ttlMs))) === 1,
    publish: async (channel, message) => void (await commands.publish(channel, message)),
    subscribe: async (channel, listener) => {
      if (!subscriber) {
        subscriber = new Redis(url, options)
        subscriber.on('error', logged)
        subscriber.on('message', (from: string, message: string) => listeners.get(from)?.forEach((heard) => heard(message)))
      }
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener])
      await subscriber.subscribe(channel)
    },
    rateLimitStore: (prefix) => new RedisStore({ prefix, sendCommand: (command: string, ...args: string[]) => commands.call(command, ...args) as Promise<RedisReply> }),
    close: async () => {
      await Promise.all([commands.quit().catch(() => undefined), subscriber?.quit().catch(() => undefined)])
    },
  }
}
