import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Payload, PayloadRequest } from 'payload'

import { afterTransaction } from '../publishing/after-transaction'
import type { Coordinator } from '../coordination/coordinator'
import type { PublicChangeListener } from '../publishing/public-change'
import { documentKey, listingKey } from './read-dependencies'
import type { ResponseCache } from './response-cache'

/** The read cache of each running Payload instance (one per server process), and how it tells the other processes. */
const caches = new WeakMap<Payload, { cache: ResponseCache; coordinator?: Coordinator }>()

/** Keys of answers that a save made stale, for every process on the database (REDIS_URL). */
const CHANNEL = 'kap:read-cache:invalidate'

/**
 * Serves this process's read cache to the invalidation hooks. With a coordinator, a save through
 * any process drops the answers it made stale in every process: the keys are published once the
 * save's transaction has ended, and each process drops them from its own cache when it hears them.
 */
export async function attachReadCache(payload: Payload, cache: ResponseCache, coordinator?: Coordinator): Promise<void> {
  caches.set(payload, { cache, coordinator })
  await coordinator?.subscribe(CHANNEL, (message) => {
    const keys = parseKeys(message)
    if (keys) cache.invalidate(keys)
  })
}

function parseKeys(message: string): string[] | undefined {
  try {
    const keys: unknown = JSON.parse(message)
    return Array.isArray(keys) && keys.every((key) => typeof key === 'string') ? keys : undefined
  } catch {
    return undefined
  }
}

/**
 * Drops every cached answer built from this document, and every cached listing of its collection.
 * Done at once, and again when the save's transaction has ended: a read that ran between this hook
 * and the commit saw the old state (such a read is also refused storage, see ResponseCache).
 */
export function invalidateReadsOf(req: PayloadRequest, collection: string, id: string | number): void {
  const attached = caches.get(req.payload)
  if (!attached) return
  const { cache, coordinator } = attached
  const keys = [documentKey(collection, id), listingKey(collection)]
  cache.invalidate(keys)
  afterTransaction(req, async () => {
    cache.invalidate(keys)
    await coordinator
      ?.publish(CHANNEL, JSON.stringify(keys))
      .catch((error) => req.payload.logger.error({ err: error, keys }, 'could not tell the other processes to drop cached answers'))
  })
}

/** Published content changed: see public-change.ts for what counts (draft saves on the side do not). */
export const invalidateCachedReads: PublicChangeListener = {
  name: 'read cache invalidation',
  onChange: ({ collection, doc, req }) => invalidateReadsOf(req, collection, doc.id),
}

/** For collections without drafts (images): every save and delete is public. */
export const invalidateOnChange: CollectionAfterChangeHook = ({ collection, doc, req }) => {
  invalidateReadsOf(req, collection.slug, doc.id)
  return doc
}

export const invalidateOnDelete: CollectionAfterDeleteHook = ({ collection, doc, req }) => {
  invalidateReadsOf(req, collection.slug, doc.id)
  return doc
}
