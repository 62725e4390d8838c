import { collectReadDependencies, currentReadDependencies } from './read-dependencies'

type Waiting<K, V> = { key: K; resolve: (value: V) => void; reject: (error: unknown) => void; dependencies?: Set<string> }

/**
 * Coalesces reads that arrive together: keys asked for in the same turn of the event loop are
 * loaded with one call of `load` (at most `maxBatch` keys each). Under load, cache misses for
 * different article pages then cost one query per collection instead of one per page per collection.
 * Each waiting answer is charged with everything the batch read (a superset of its own reads), so
 * the response cache invalidates it whenever any of those documents changes.
 */
export class ReadBatch<K, V> {
  #waiting: Waiting<K, V>[] = []

  constructor(
    private readonly load: (keys: K[]) => Promise<Map<K, V>>,
    private readonly maxBatch = 50,
  ) {}

  get(key: K): Promise<V> {
    return new Promise<V>((resolve, reject) => {
      this.#waiting.push({ key, resolve, reject, dependencies: currentReadDependencies() })
      if (this.#waiting.length === 1) setImmediate(() => this.#flush())
    })
  }

  #flush(): void {
    const waiting = this.#waiting
    this.#waiting = []
    for (let start = 0; start < waiting.length; start += this.maxBatch) void this.#run(waiting.slice(start, start + this.maxBatch))
  }

  async #run(batch: Waiting<K, V>[]): Promise<void> {
    try {
      const { result, dependencies } = await collectReadDependencies(() => this.load([...new Set(batch.map((entry) => entry.key))]))
      for (const entry of batch) {
        for (const dependency of dependencies) entry.dependencies?.add(dependency)
        const value = result.get(entry.key)
        if (value === undefined) entry.reject(new Error(`read batch: no answer for ${String(entry.key)}`))
        else entry.resolve(value)
      }
    } catch (error) {
      for (const entry of batch) entry.reject(error)
    }
  }
}
