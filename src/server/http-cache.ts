import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'

import { wholeNumber } from '../config/env-number'
import { strongEtag } from '../read-cache/response-cache'

export type CachePolicy = { maxAge: number; sMaxAge: number; staleWhileRevalidate: number }

/** How long browsers and CDNs may keep public answers: CACHE_MAX_AGE, CACHE_S_MAXAGE, CACHE_STALE_WHILE_REVALIDATE (seconds). */
export function cachePolicy(env: NodeJS.ProcessEnv): CachePolicy {
  const seconds = (name: string, fallback: number) => wholeNumber(env, name, fallback)
  return {
    maxAge: seconds('CACHE_MAX_AGE', 60),
    sMaxAge: seconds('CACHE_S_MAXAGE', 300),
    staleWhileRevalidate: seconds('CACHE_STALE_WHILE_REVALIDATE', 600),
  }
}

/**
 * A request that carries no credentials, so the same answer is right for every such visitor. Read
 * as Payload reads a login cookie (its extractJWT splits the header at ";" and trims each name),
 * and wider: any Authorization header (JWT, Bearer, API key, a custom strategy) and any cookie
 * named like a login token (`<cookiePrefix>-token`) count, valid or not, so nothing read with
 * credentials is ever shared or marked public.
 */
export function isAnonymous(req: ExpressRequest): boolean {
  if (req.headers.authorization !== undefined) return false
  const cookie = req.headers.cookie
  if (!cookie) return true
  return !cookie.split(/[;,]/).some((pair) => pair.split('=')[0].trim().toLowerCase().endsWith('-token'))
}

/** API paths whose anonymous answers are per-visitor or operational, never shared. */
const NEVER_SHARED = /^\/api\/(users|preview|payload-|graphql-playground)/

/**
 * Sends a successful GET body with caching headers: public with a strong ETag (and 304 for a
 * matching If-None-Match) when anyone would get the same bytes, private and unstored otherwise.
 * Publishing changes the bytes, so it changes the ETag at once. `etag` may come precomputed (cached answers).
 */
export function sendWithCaching(req: ExpressRequest, res: ExpressResponse, body: Buffer, policy: CachePolicy, etag?: string): void {
  const shareable = req.method === 'GET' && res.statusCode === 200 && isAnonymous(req) && !NEVER_SHARED.test(req.originalUrl)
  if (!shareable) {
    if (!res.getHeader('cache-control') || !isAnonymous(req)) res.setHeader('Cache-Control', 'private, no-store')
    res.end(body)
    return
  }
  if (/private|no-store/.test(String(res.getHeader('cache-control') ?? ''))) {
    res.end(body)
    return
  }
  const tag = etag ?? strongEtag(body)
  res.setHeader('ETag', tag)
  res.setHeader('Cache-Control', `public, max-age=${policy.maxAge}, s-maxage=${policy.sMaxAge}, stale-while-revalidate=${policy.staleWhileRevalidate}`)
  res.setHeader('Vary', 'Authorization, Cookie, Origin')
  const match = req.headers['if-none-match']
  if (match && match.split(',').some((candidate) => candidate.trim() === tag)) {
    res.status(304).removeHeader('content-length')
    res.end()
    return
  }
  res.end(body)
}
