import type { Request, RequestHandler, Response } from 'express'
import { ipKeyGenerator, rateLimit } from 'express-rate-limit'

import type { RequestLimits } from '../config/request-limits'
import { INTERNAL_REQUEST_HEADER } from '../site/site-router'
import { isAnonymous } from './http-cache'

/**
 * Login attempts, limited per client IP and per account on top of Payload's lockout (which locks
 * the account itself after repeated failures): a password-guessing run is slowed down across many
 * accounts from one address, and against one account from many. Behind a proxy, set
 * TRUST_PROXY=true so the client's address is used, not the proxy's.
 */
export function loginRateLimits(limits: RequestLimits): { perAddress: RequestHandler; perAccount: RequestHandler } {
  const windowMs = limits.loginWindowSeconds * 1000
  return {
    perAddress: rateLimit({
      windowMs,
      limit: limits.loginAttemptsPerIp,
      keyGenerator: (req) => `ip:${clientIp(req)}`,
      handler: tooMany('Too many sign-in attempts from this address.'),
      ...COMMON,
    }),
    perAccount: rateLimit({
      windowMs,
      limit: limits.loginAttemptsPerAccount,
      // Only failures count against an account, so its owner signing in is never held up by it.
      skipSuccessfulRequests: true,
      keyGenerator: (req) => `account:${loginEmailOf(req) ?? clientIp(req)}`,
      handler: tooMany('Too many failed sign-in attempts for this account.'),
      ...COMMON,
    }),
  }
}

/**
 * Anonymous API reads per client IP and minute; ANONYMOUS_READS_PER_MINUTE=0 turns it off. The
 * built-in renderer's own reads (marked with this process's internal token) are not counted.
 */
export function anonymousReadRateLimit(limits: RequestLimits, internalToken: string): RequestHandler {
  if (limits.anonymousReadsPerMinute === 0) return (_req, _res, next) => next()
  return rateLimit({
    windowMs: 60_000,
    limit: limits.anonymousReadsPerMinute,
    skip: (req) => (req.method !== 'GET' && req.method !== 'HEAD') || !isAnonymous(req) || req.headers[INTERNAL_REQUEST_HEADER] === internalToken,
    keyGenerator: (req) => `read:${clientIp(req)}`,
    handler: tooMany('Too many requests from this address.'),
    ...COMMON,
  })
}

const COMMON = { standardHeaders: 'draft-7', legacyHeaders: false, validate: { trustProxy: false, xForwardedForHeader: false } } as const

function clientIp(req: Request): string {
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown')
}

/** The email a sign-in request names, from its buffered JSON body. */
export function loginEmailOf(req: Request): string | undefined {
  if (!Buffer.isBuffer(req.body)) return undefined
  try {
    const email = (JSON.parse(req.body.toString('utf8')) as { email?: unknown }).email
    return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 320) : undefined
  } catch {
    return undefined
  }
}

function tooMany(message: string) {
  return (req: Request, res: Response) => {
    const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime
    const seconds = Math.max(1, Math.ceil(((resetTime?.getTime() ?? Date.now() + 60_000) - Date.now()) / 1000))
    res.status(429).set('Retry-After', String(seconds)).set('Cache-Control', 'no-store')
    res.json({ errors: [{ message: `${message} Try again in ${seconds} seconds.` }] })
  }
}
