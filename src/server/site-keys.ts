import type { Request, RequestHandler } from 'express'
import { rateLimit, type Store } from 'express-rate-limit'
import type { Payload } from 'payload'

import { kapContentSettings } from '../model/settings'
import { SITE_KEYS_SLUG } from '../model/slugs'
import { recordAudit } from '../audit/audit-log'
import { type SiteKey, verifySiteKey } from '../auth/site-key-verification'
import { tooMany } from './too-many-requests'
import { refuse } from './request-limits'

export type { SiteKey }

/** How often a key's "last used" time is written, at most. */
const LAST_USED_EVERY_MS = 60_000

export function siteKeyOf(req: Request): SiteKey | undefined {
  return (req as Request & { siteKey?: SiteKey }).siteKey
}

/**
 * Reads with a site key (`Authorization: sites API-Key <key>`): the key is verified by Payload's
 * own API-key strategy, counted against its own per-minute limit (not the per-address one), and
 * then the request goes on exactly as an anonymous one (the key is taken off), so it reads what
 * the public reads, by every path, and shares the public read cache. Only the preview endpoint
 * sees the key, where a key allowed previews reads drafts. Writes are refused and audited.
 */
export function siteKeys(payload: Payload): RequestHandler {
  const prefix = `${SITE_KEYS_SLUG} API-Key `
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: (req) => siteKeyOf(req)?.readsPerMinute ?? 1,
    keyGenerator: (req) => `site:${siteKeyOf(req)?.id}`,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    validate: { trustProxy: false, xForwardedForHeader: false },
    handler: tooMany((req) => `This site key has used its ${siteKeyOf(req)?.readsPerMinute} reads for this minute; an admin can raise its limit.`),
    ...storeOf(kapContentSettings(payload).coordinator.rateLimitStore('kap:rl:site-key:')),
  })
  const lastUsedWritten = new Map<string, number>()

  return (req, res, next) => {
    const header = req.headers.authorization
    if (!header?.startsWith(prefix)) return next()
    verifySiteKey(payload, header)
      .then((site) => {
        if (!site) return refuse(res, 401, 'This site key is unknown or has been revoked. An admin issues keys under Settings → Site keys.')
        if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
          recordAudit(payload, {
            action: 'site-key-write-refused',
            summary: `site key "${site.name}" tried ${req.method} ${req.originalUrl.slice(0, 200)}`,
            userEmail: `site key: ${site.name}`,
            ip: req.ip,
          })
          return refuse(res, 403, 'Site keys read published content only; they cannot change anything.')
        }
        ;(req as Request & { siteKey?: SiteKey }).siteKey = site
        touch(site)
        // Past here the request is the public's: only the preview endpoint needs to know the key.
        if (!req.path.startsWith('/preview/')) withoutAuthorization(req)
        limiter(req, res, next)
      })
      .catch(next)
  }

  function touch(site: SiteKey) {
    const key = String(site.id)
    if (Date.now() - (lastUsedWritten.get(key) ?? 0) < LAST_USED_EVERY_MS) return
    lastUsedWritten.set(key, Date.now())
    payload.db
      .updateOne({ collection: SITE_KEYS_SLUG as 'users', id: site.id, data: { lastUsedAt: new Date().toISOString() } })
      .catch((error) => payload.logger.warn({ err: error, site: site.name }, 'could not record when a site key was last used'))
  }
}

/** Takes the key off the request, from the parsed headers and from the raw ones Payload's handlers read. */
function withoutAuthorization(req: Request): void {
  delete req.headers.authorization
  const raw: string[] = []
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== 'authorization') raw.push(req.rawHeaders[i], req.rawHeaders[i + 1])
  }
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw)
}

/** A store shared by all processes when there is one (REDIS_URL); otherwise express-rate-limit's own memory. */
function storeOf(store: Store | undefined): { store?: Store } {
  return store ? { store } : {}
}
