import type { Request, RequestHandler, Response } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'

import type { RequestLimits } from '../config/request-limits'
import { INTERNAL_REQUEST_HEADER } from '../site/site-router'
import { isAnonymous } from './http-cache'
import { siteKeyOf } from './site-keys'

/**
 * Anonymous API reads per client IP and minute; ANONYMOUS_READS_PER_MINUTE=0 turns it off. The
 * built-in renderer's own reads (marked with this process's internal token) are not counted.
 */
export function anonymousReadRateLimit(limits: RequestLimits, internalToken: string): RequestHandler {
  if (limits.anonymousReadsPerMinute === 0) return (_req, _res, next) => next()
  return rateLimit({
    windowMs: 60_000,
    limit: limits.anonymousReadsPerMinute,
    // Site keys have limits of their own (site-keys.ts).
    skip: (req) => (req.method !== 'GET' && req.method !== 'HEAD') || !isAnonymous(req) || req.headers[INTERNAL_REQUEST_HEADER] === internalToken || siteKeyOf(req) !== undefined,
    keyGenerator: (req) => `read:${clientIp(req)}`,
    handler: tooMany('Too many requests from this address.'),
    ...COMMON,
  })
}

const COMMON = { standardHeaders: 'draft-7', legacyHeaders: false, validate: { trustProxy: false, xForwardedForHeader: false } } as const

function clientIp(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')
}

function tooMany(message: string) {
  return (req: Request, res: Response) => {
    const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime
    const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000))
    res.status(429).set('Retry-After', String(seconds)).set('Cache-Control', 'no-store')
    res.json({ errors: [{ message: `${message} Try again in ${seconds} seconds.` }] })
  }
}
