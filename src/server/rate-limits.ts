import type { Request, RequestHandler } from 'express'
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit'

import type { RequestLimits } from '../config/request-limits'
import { INTERNAL_REQUEST_HEADER } from '../site/site-router'
import { isAnonymous } from './http-cache'
import { tooMany } from './too-many-requests'
import { siteKeyOf } from './site-keys'

/**
 * Anonymous API reads per client IP and minute; ANONYMOUS_READS_PER_MINUTE=0 turns it off. The
 * built-in renderer's own reads (marked with this process's internal token) are not counted.
 */
export function anonymousReadRateLimit(limits: RequestLimits, internalToken: string, store?: Store): RequestHandler {
  if (limits.anonymousReadsPerMinute === 0) return (_req, _res, next) => next()
  return rateLimit({
    windowMs: 60_000,
    limit: limits.anonymousReadsPerMinute,
    // Site keys have limits of their own (site-keys.ts).
    skip: (req) => (req.method !== 'GET' && req.method !== 'HEAD') || !isAnonymous(req) || req.headers[INTERNAL_REQUEST_HEADER] === internalToken || siteKeyOf(req) !== undefined,
    keyGenerator: (req) => `read:${clientIp(req)}`,
    handler: tooMany('Too many requests from this address.'),
    // Shared by all processes with REDIS_URL (counted once, whichever process answers); else this process's memory.
    ...(store ? { store } : {}),
    ...COMMON,
  })
}

const COMMON = { standardHeaders: 'draft-7', legacyHeaders: false, validate: { trustProxy: false, xForwardedForHeader: false } } as const

function clientIp(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')
}
