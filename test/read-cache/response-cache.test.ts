import { ResponseCache } from '../../src/read-cache/response-cache'

const answer = (bytes: number, dependencies: string[] = [], status = 200) => ({
  status,
  body: Buffer.alloc(bytes, 'x'),
  contentType: 'application/json',
  dependencies: new Set(dependencies),
})

describe('ResponseCache', () => {
  test('stays within its byte bound, evicting the least recently used answer first', async () => {
    const cache = new ResponseCache({ maxBytes: 20_000, ttlSeconds: 0 })
    for (let i = 0; i < 5; i++) await cache.getOrLoad(`/a/${i}`, async () => answer(3_000))
    expect(cache.get('/a/0')).toBeDefined() // touched: now the most recently used
    for (let i = 5; i < 40; i++) {
      await cache.getOrLoad(`/a/${i}`, async () => answer(3_000))
      if (i % 3 === 0) cache.get('/a/0')
      expect(cache.stats.bytes).toBeLessThanOrEqual(20_000)
    }
    expect(cache.get('/a/0')).toBeDefined()
    expect(cache.get('/a/1')).toBeUndefined()
    expect(cache.stats.entries).toBeLessThan(7)
  })

  test('an answer larger than the whole bound is served but not stored', async () => {
    const cache = new ResponseCache({ maxBytes: 1_000, ttlSeconds: 0 })
    const response = await cache.getOrLoad('/big', async () => answer(5_000))
    expect(response.body.length).toBe(5_000)
    expect(cache.get('/big')).toBeUndefined()
    expect(cache.stats.bytes).toBe(0)
  })

  test('concurrent misses for one key share a single load', async () => {
    const cache = new ResponseCache({ maxBytes: 100_000, ttlSeconds: 0 })
    let loads = 0
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const load = async () => {
      loads++
      await gate
      return answer(10)
    }
    const waiting = Array.from({ length: 20 }, () => cache.getOrLoad('/same', load))
    release()
    const responses = await Promise.all(waiting)
    expect(loads).toBe(1)
    expect(new Set(responses.map((response) => response.etag)).size).toBe(1)
  })

  test('only 200 answers are stored', async () => {
    const cache = new ResponseCache({ maxBytes: 100_000, ttlSeconds: 0 })
    await cache.getOrLoad('/missing', async () => answer(10, [], 404))
    expect(cache.get('/missing')).toBeUndefined()
  })

  test('invalidating a document drops exactly the answers built from it', async () => {
    const cache = new ResponseCache({ maxBytes: 100_000, ttlSeconds: 0 })
    await cache.getOrLoad('/page-1', async () => answer(10, ['articles:1', 'benefit-lists:7']))
    await cache.getOrLoad('/page-2', async () => answer(10, ['articles:2', 'benefit-lists:7']))
    await cache.getOrLoad('/page-3', async () => answer(10, ['articles:3']))
    expect(cache.invalidate(['benefit-lists:7'])).toBe(2)
    expect(cache.get('/page-1')).toBeUndefined()
    expect(cache.get('/page-2')).toBeUndefined()
    expect(cache.get('/page-3')).toBeDefined()
  })

  test('a load that raced an invalidation of what it read is served but not stored', async () => {
    const cache = new ResponseCache({ maxBytes: 100_000, ttlSeconds: 0 })
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const pending = cache.getOrLoad('/page', async () => {
      await gate
      return answer(10, ['articles:1'])
    })
    cache.invalidate(['articles:1'])
    release()
    await pending
    expect(cache.get('/page')).toBeUndefined()
    await cache.getOrLoad('/page', async () => answer(10, ['articles:1']))
    expect(cache.get('/page')).toBeDefined()
  })

  test('maxBytes 0 stores nothing', async () => {
    const cache = new ResponseCache({ maxBytes: 0, ttlSeconds: 0 })
    await cache.getOrLoad('/page', async () => answer(10))
    expect(cache.get('/page')).toBeUndefined()
  })
})
