import { ReadBatch } from '../../src/read-cache/read-batch'
import { collectReadDependencies, documentKey } from '../../src/read-cache/read-dependencies'

describe('ReadBatch', () => {
  test('keys asked for in the same turn are loaded with one call, each caller getting its own answer', async () => {
    const calls: string[][] = []
    const batch = new ReadBatch<string, string>(async (keys) => {
      calls.push(keys)
      return new Map(keys.map((key) => [key, key.toUpperCase()]))
    })
    const answers = await Promise.all(['a', 'b', 'a', 'c'].map((key) => batch.get(key)))
    expect(answers).toEqual(['A', 'B', 'A', 'C'])
    expect(calls).toEqual([['a', 'b', 'c']])

    // A later turn is a new batch.
    expect(await batch.get('d')).toBe('D')
    expect(calls).toHaveLength(2)
  })

  test('no batch is larger than its maximum', async () => {
    const sizes: number[] = []
    const batch = new ReadBatch<number, number>(async (keys) => {
      sizes.push(keys.length)
      return new Map(keys.map((key) => [key, key * 2]))
    }, 3)
    expect(await Promise.all([1, 2, 3, 4, 5, 6, 7].map((key) => batch.get(key)))).toEqual([2, 4, 6, 8, 10, 12, 14])
    expect(sizes).toEqual([3, 3, 1])
  })

  test("every caller's answer is charged with everything the batch read", async () => {
    const batch = new ReadBatch<string, string>(async (keys) => {
      // What the read hooks record while a batch is loaded.
      const { currentReadDependencies } = await import('../../src/read-cache/read-dependencies')
      for (const key of keys) currentReadDependencies()?.add(documentKey('articles', key))
      return new Map(keys.map((key) => [key, key]))
    })
    const [first, second] = await Promise.all([collectReadDependencies(() => batch.get('1')), collectReadDependencies(() => batch.get('2'))])
    expect([...first.dependencies].sort()).toEqual(['articles:1', 'articles:2'])
    expect([...second.dependencies].sort()).toEqual(['articles:1', 'articles:2'])
  })

  test('a failed load fails every caller of that batch, and the next batch starts afresh', async () => {
    let fail = true
    const batch = new ReadBatch<string, string>(async (keys) => {
      if (fail) throw new Error('database unavailable')
      return new Map(keys.map((key) => [key, key]))
    })
    const results = await Promise.allSettled([batch.get('a'), batch.get('b')])
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected'])
    fail = false
    expect(await batch.get('a')).toBe('a')
  })
})
