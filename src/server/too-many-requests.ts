import type { Request, Response } from 'express'

import { secondsUntil } from '../http/retry-after'

/** The 429 answer of an express-rate-limit limiter: Retry-After, and a message saying when to try again. */
export function tooMany(message: string | ((req: Request) => string)) {
  return (req: Request, res: Response) => {
    const seconds = secondsUntil((req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime)
    res.status(429).set('Retry-After', String(seconds)).set('Cache-Control', 'no-store')
    res.json({ errors: [{ message: `${typeof message === 'function' ? message(req) : message} Try again in ${seconds} seconds.` }] })
  }
}
