import { type Coordinator, singleProcess } from '../../src/coordination/coordinator'
import { createRedisCoordinator } from '../../src/coordination/redis-coordinator'
import { findRedisServer, type RedisServer, startRedisServer } from '../../tools/redis-server'
import { waitFor } from '../../tools/wait-for'

// Two coordinators on one Redis stand for two CMS processes. Needs Debian's redis-server; where it
// is missing the suite's first and last lines say so (test/helpers/global-setup.ts).
const describeWithRedis = findRedisServer() ? describe : describe.skip

describeWithRedis('two processes coordinating through Redis', () => {
  let redis: RedisServer
  let first: Coordinator
  let second: Coordinator

  beforeAll(async () => {
    redis = await startRedisServer()
    first = createRedisCoordinator(redis.url)
    second = createRedisCoordinator(redis.url)
  })
  afterAll(async () => {
    await Promise.all([first?.close(), second?.close()])
    await redis?.stop()
  })

  test('a claim is one process’s until it expires, then another can take it', async () => {
    expect(await first.claim('claim:a', 300)).toBe(true)
    expect(await second.claim('claim:a', 300)).toBe(false)
    expect(await first.claim('claim:a', 300)).toBe(false) // not re-entrant: an attempt is made once
    expect(await waitFor('the claim to expire', () => second.claim('claim:a', 300), { timeoutMs: 3000 })).toBe(true)
  })

  test('a lease is renewed by its holder, refused to others, and taken over once the holder stops renewing', async () => {
    expect(await first.holdLease('lease:jobs', 400)).toBe(true)
    for (let renewal = 0; renewal < 5; renewal++) {
      expect(await first.holdLease('lease:jobs', 400)).toBe(true)
      expect(await second.holdLease('lease:jobs', 400)).toBe(false)
    }
    // The holder goes quiet (it died): the other takes over after the lease runs out, and then holds it alone.
    expect(await waitFor('the lease to pass to the survivor', () => second.holdLease('lease:jobs', 400), { timeoutMs: 3000 })).toBe(true)
    expect(await first.holdLease('lease:jobs', 400)).toBe(false)
  })

  test('what one publishes, both hear', async () => {
    const heard: string[] = []
    await first.subscribe('channel:test', (message) => heard.push(`first ${message}`))
    await second.subscribe('channel:test', (message) => heard.push(`second ${message}`))
    await second.publish('channel:test', 'drop articles:1')
    await waitFor('both to hear it', () => heard.length === 2)
    expect(heard.sort()).toEqual(['first drop articles:1', 'second drop articles:1'])
  })

  test('rate-limit counts are shared', async () => {
    const stores = [first.rateLimitStore('test:rl:')!, second.rateLimitStore('test:rl:')!]
    for (const store of stores) store.init?.({ windowMs: 60_000 } as never)
    expect((await stores[0].increment('ip:1')).totalHits).toBe(1)
    expect((await stores[1].increment('ip:1')).totalHits).toBe(2)
    expect((await stores[0].increment('ip:1')).totalHits).toBe(3)
  })
})

describe('one process without Redis', () => {
  test('claims and leases are always its own, it hears its own messages, and it says it assumes it is alone', async () => {
    const alone = singleProcess()
    expect(await alone.claim('x', 10)).toBe(true)
    expect(await alone.holdLease('y', 10)).toBe(true)
    const heard: string[] = []
    await alone.subscribe('c', (message) => heard.push(message))
    await alone.publish('c', 'hello')
    expect(heard).toEqual(['hello'])
    expect(alone.rateLimitStore('p')).toBeUndefined()
    expect(alone.description).toMatch(/assumes it is the only one/)
  })
})
