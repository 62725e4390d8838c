import crypto from 'node:crypto'

import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, Payload } from 'payload'

import { SITE_KEYS_SLUG } from '../model/slugs'

export type SiteKey = { id: string | number; name: string; readsPerMinute: number; previews: boolean }

type Verified = { site: SiteKey | undefined; expires: number }

/** Verified keys per running Payload, briefly, so a read does not cost a key lookup every time. */
const verified = new WeakMap<Payload, Map<string, Verified>>()
const VERIFIED_FOR_MS = 10_000

/** A key changed or was deleted: forget every verified key of this process, so a revocation holds at once. */
export const forgetSiteKeys: CollectionAfterChangeHook & CollectionAfterDeleteHook = ({ doc, req }) => {
  verified.get(req.payload)?.clear()
  return doc
}

/**
 * The site key an `Authorization: sites API-Key <key>` header names, verified by Payload's own
 * API-key strategy, or undefined when it is unknown or revoked (its API key switched off).
 */
export async function verifySiteKey(payload: Payload, header: string): Promise<SiteKey | undefined> {
  let cache = verified.get(payload)
  if (!cache) verified.set(payload, (cache = new Map()))
  const key = crypto.createHash('sha256').update(header).digest('hex')
  const known = cache.get(key)
  if (known && known.expires > Date.now()) return known.site
  const { user } = await payload.auth({ headers: new Headers({ authorization: header }) })
  const found = user as (Record<string, unknown> & { id: string | number; collection?: string }) | null
  const site =
    found && found.collection === SITE_KEYS_SLUG && found.enableAPIKey !== false
      ? { id: found.id, name: String(found.name ?? found.id), readsPerMinute: Number(found.readsPerMinute) || 1, previews: found.previews === true }
      : undefined
  if (cache.size > 10_000) cache.clear()
  cache.set(key, { site, expires: Date.now() + VERIFIED_FOR_MS })
  return site
}
