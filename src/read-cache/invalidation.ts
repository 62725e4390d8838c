import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Payload, PayloadRequest } from 'payload'

import { afterTransaction } from '../publishing/after-transaction'
import type { PublicChangeListener } from '../publishing/public-change'
import { documentKey, listingKey } from './read-dependencies'
import type { ResponseCache } from './response-cache'

/** The read cache of each running Payload instance (one per server process). */
const caches = new WeakMap<Payload, ResponseCache>()

export function attachReadCache(payload: Payload, cache: ResponseCache): void {
  caches.set(payload, cache)
}

/**
 * Drops every cached answer built from this document, and every cached listing of its collection.
 * Done at once, and again when the save's transaction has ended: a read that ran between this hook
 * and the commit saw the old state (such a read is also refused storage, see ResponseCache).
 */
export function invalidateReadsOf(req: PayloadRequest, collection: string, id: string | number): void {
  const cache = caches.get(req.payload)
  if (!cache) return
  const keys = [documentKey(collection, id), listingKey(collection)]
  cache.invalidate(keys)
  afterTransaction(req, () => cache.invalidate(keys))
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
