import crypto from 'node:crypto'

import { LRUCache } from 'lru-cache'

import { wholeNumber } from '../config/env-number'

/** One stored anonymous answer: the bytes as sent, and what it was built from. */
export type CachedResponse = {
  status: number
  body: Buffer
  contentType: string
  /** A redirect's target (never stored: only 200 answers are). */
  location?: string
  etag: string
  /** Keys of the documents (`collection:id`) and listings (`collection:*`) the answer was built from. */
  dependencies: ReadonlySet<string>
}

/** An answer just built; `storable: false` serves it (to every request that shared the load) without keeping it. */
export type LoadedResponse = Omit<CachedResponse, 'etag'> & { storable?: boolean }

export type ResponseCacheOptions = {
  /** Upper bound of the stored bodies, in bytes; 0 turns storing off (concurrent misses are still shared). */
  maxBytes: number
  /** Entries older than this are read again; 0 keeps them until invalidated or evicted. */
  ttlSeconds: number
}

const ENTRY_OVERHEAD_BYTES = 512

/** READ_CACHE_MAX_BYTES (default 128 MiB: every page of a 5,000-article site, about 17 KB each; 0 stores nothing) and READ_CACHE_TTL_SECONDS (default 600; 0: no expiry). */
export function readCacheOptions(env: NodeJS.ProcessEnv): ResponseCacheOptions {
  return { maxBytes: wholeNumber(env, 'READ_CACHE_MAX_BYTES', 128 * 1024 * 1024), ttlSeconds: wholeNumber(env, 'READ_CACHE_TTL_SECONDS', 600) }
}

/**
 * Anonymous answers for published content, kept in memory: least recently used first out once the
 * byte bound is reached; concurrent misses for one key share a single load; entries are dropped
 * when a document they were built from changes (see invalidation.ts).
 */
export class ResponseCache {
  readonly maxBytes: number
  private readonly entries: LRUCache<string, CachedResponse> | undefined
  private readonly loading = new Map<string, Promise<CachedResponse>>()
  /** dependency key -> cache keys built from it, so a change finds its entries without a scan. */
  private readonly dependents = new Map<string, Set<string>>()
  /** dependency key -> invalidation number, to refuse storing loads that raced an invalidation. */
  private readonly invalidatedAt = new Map<string, number>()
  private invalidations = 0

  constructor({ maxBytes, ttlSeconds }: ResponseCacheOptions) {
    this.maxBytes = maxBytes
    if (maxBytes > 0) {
      this.entries = new LRUCache<string, CachedResponse>({
        maxSize: maxBytes,
        sizeCalculation: (entry, key) => entry.body.length + key.length + ENTRY_OVERHEAD_BYTES,
        ttl: ttlSeconds > 0 ? ttlSeconds * 1000 : undefined,
        dispose: (entry, key) => this.forgetDependents(key, entry),
      })
    }
  }

  get(key: string): CachedResponse | undefined {
    return this.entries?.get(key)
  }

  /**
   * The stored answer for `key`, or the answer of `load`, shared by every request for `key` that
   * arrives while it runs. Only 200 answers are stored, and only if no document they were built
   * from changed while they were being built.
   */
  async getOrLoad(key: string, load: () => Promise<LoadedResponse>): Promise<CachedResponse> {
    const stored = this.get(key)
    if (stored) return stored
    const pending = this.loading.get(key)
    if (pending) return pending
    const startedAt = this.invalidations
    const loading = load()
      .then((loaded) => {
        const { storable = true, ...answer } = loaded
        const response: CachedResponse = { ...answer, etag: strongEtag(loaded.body) }
        if (response.status === 200 && storable && this.entries && !this.changedSince(response.dependencies, startedAt)) {
          this.entries.set(key, response)
          for (const dependency of response.dependencies) {
            let keys = this.dependents.get(dependency)
            if (!keys) this.dependents.set(dependency, (keys = new Set()))
            keys.add(key)
          }
        }
        return response
      })
      .finally(() => {
        this.loading.delete(key)
        if (this.loading.size === 0) this.invalidatedAt.clear()
      })
    this.loading.set(key, loading)
    return loading
  }

  /** Drops every stored answer built from any of these documents or listings. */
  invalidate(dependencies: Iterable<string>): number {
    const number = ++this.invalidations
    let dropped = 0
    for (const dependency of dependencies) {
      if (this.loading.size > 0) this.invalidatedAt.set(dependency, number)
      for (const key of this.dependents.get(dependency) ?? []) {
        if (this.entries?.delete(key)) dropped++
      }
    }
    return dropped
  }

  get stats() {
    return { entries: this.entries?.size ?? 0, bytes: this.entries?.calculatedSize ?? 0, maxBytes: this.maxBytes }
  }

  private changedSince(dependencies: ReadonlySet<string>, startedAt: number): boolean {
    for (const dependency of dependencies) {
      if ((this.invalidatedAt.get(dependency) ?? 0) > startedAt) return true
    }
    return false
  }

  private forgetDependents(key: string, entry: CachedResponse) {
    for (const dependency of entry.dependencies) {
      const keys = this.dependents.get(dependency)
      keys?.delete(key)
      if (keys?.size === 0) this.dependents.delete(dependency)
    }
  }
}

/** A strong validator for these exact bytes. */
export function strongEtag(body: Buffer): string {
  return `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`
}
