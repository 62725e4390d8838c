import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import type { Payload } from 'payload'

import { cardsQuery, type JsonAnswer, readArticleCards, readArticlePages, readSitemapIndex, readSitemapPage, sitemapQuery } from '../read-model/articles'
import { CONTENT_SLUGS } from '../model/slugs'
import { ReadBatch } from '../read-cache/read-batch'
import { collectReadDependencies } from '../read-cache/read-dependencies'
import type { CachedResponse, LoadedResponse, ResponseCache } from '../read-cache/response-cache'
import { corsHeaders } from './cors-headers'
import { type CachePolicy, isAnonymous, sendWithCaching } from './http-cache'
import { safeDecode } from './safe-decode'

type RestGet = (request: Request, slug: string[]) => Promise<Response>

export type CachedReadsOptions = {
  payload: Payload
  cache: ResponseCache
  policy: CachePolicy
  allowedOrigins: string[]
  /** Payload's REST GET handler, for every read without a direct path below. */
  restGet: RestGet
}

/** Collections whose anonymous answers are shared: published content and its images. */
export const SHARED_COLLECTIONS = new Set<string>(Object.values(CONTENT_SLUGS))

/**
 * The public read path, mounted in front of Payload's REST handler: an anonymous GET of published
 * content is answered from the response cache, without Payload or Next; a miss is built once for
 * all concurrent requests for it (the article page and card listing straight from the Local API,
 * anything else by Payload's REST handler) and stored with the documents it was built from.
 * Anything signed in, a draft or preview request, or an unknown route passes through untouched.
 */
export function cachedReads({ payload, cache, policy, allowedOrigins, restGet }: CachedReadsOptions): RequestHandler {
  const apiRoute = payload.config.routes.api
  // Concurrent misses for different article pages share their queries (per CMS origin, which the JSON-LD names).
  const articlePages = new ReadBatch<string, JsonAnswer>(async (keys) => {
    const answers = new Map<string, JsonAnswer>()
    const slugsByOrigin = new Map<string, string[]>()
    for (const [cmsUrl, slug] of keys.map((key) => JSON.parse(key) as [string, string])) slugsByOrigin.set(cmsUrl, [...(slugsByOrigin.get(cmsUrl) ?? []), slug])
    for (const [cmsUrl, slugs] of slugsByOrigin) {
      const read = await readArticlePages(payload, slugs, { cmsUrl })
      for (const slug of slugs) answers.set(pageKey(cmsUrl, slug), read.get(slug)!)
    }
    return answers
  })
  return (req, res, next) => {
    const route = sharedRoute(req, apiRoute)
    if (!route) return next()
    const key = requestKey(req)
    const stored = cache.get(key)
    if (stored) return send(req, res, stored, 'HIT')
    const origin = `${req.protocol}://${req.get('host') ?? 'localhost'}`
    cache
      .getOrLoad(key, () => build(() => direct(route, payload, req, origin, articlePages) ?? viaRest(restGet, origin, key, route.segments)))
      .then((response) => send(req, res, response, 'MISS'))
      .catch(next)
  }

  function send(req: ExpressRequest, res: ExpressResponse, response: CachedResponse, outcome: 'HIT' | 'MISS') {
    res.status(response.status)
    res.setHeader('Content-Type', response.contentType)
    res.setHeader('X-Cache', outcome)
    if (response.location) res.setHeader('Location', response.location)
    for (const [name, value] of corsHeaders(req.headers.origin, allowedOrigins)) res.setHeader(name, value)
    sendWithCaching(req, res, response.body, policy, response.etag)
  }
}

type SharedRoute = { collection: string; segments: string[] }

function sharedRoute(req: ExpressRequest, apiRoute: string): SharedRoute | undefined {
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !isAnonymous(req)) return undefined
  if (!req.originalUrl.startsWith(`${apiRoute}/`)) return undefined
  const segments = req.path.split('/').filter(Boolean)
  const [collection, second] = segments
  if (!collection || !SHARED_COLLECTIONS.has(collection)) return undefined
  // Draft and preview requests are answered per request, never shared; image files are served by Payload.
  if ('draft' in req.query || 'preview' in req.query || second === 'versions' || second === 'file') return undefined
  return { collection, segments }
}

/** The normalized request: path and query parameters in a stable order (repeated keys keep theirs). */
export function requestKey(req: ExpressRequest): string {
  const queryStart = req.originalUrl.indexOf('?')
  const path = queryStart === -1 ? req.originalUrl : req.originalUrl.slice(0, queryStart)
  if (queryStart === -1) return path
  const pairs = req.originalUrl
    .slice(queryStart + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => ({ pair, name: safeDecode(pair.split('=')[0]) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return pairs.length ? `${path}?${pairs.map(({ pair }) => pair).join('&')}` : path
}

async function build(load: () => Promise<{ status: number; body: Buffer; contentType: string; location?: string }>): Promise<LoadedResponse> {
  const { result, dependencies } = await collectReadDependencies(load)
  return { ...result, dependencies }
}

/** A batched page read: the slug and the CMS origin its JSON-LD names. */
const pageKey = (cmsUrl: string, slug: string) => JSON.stringify([cmsUrl, slug])

/** The reads sites make most (a page, a listing, the sitemap), straight from the Local API (anonymous, so public access rules apply). */
function direct(
  route: SharedRoute,
  payload: Payload,
  req: ExpressRequest,
  cmsOrigin: string,
  articlePages: ReadBatch<string, JsonAnswer>,
): Promise<{ status: number; body: Buffer; contentType: string; location?: string }> | undefined {
  const [collection, second, third, extra] = route.segments
  if (collection !== CONTENT_SLUGS.articles) return undefined
  let answer: Promise<JsonAnswer> | undefined
  if (second === 'slug' && third !== undefined && extra === undefined) {
    answer = articlePages.get(pageKey(payload.config.serverURL || cmsOrigin, safeDecode(third)))
  } else if (second === 'cards' && third === undefined) {
    const query = cardsQuery(req.query as { page?: unknown; limit?: unknown; after?: unknown })
    answer = 'error' in query ? Promise.resolve({ status: 400, body: { errors: [{ message: query.error }] } }) : readArticleCards(payload, query)
  } else if (second === 'sitemap' && extra === undefined) {
    const query = sitemapQuery(req.query as { pageSize?: unknown }, third === undefined ? undefined : safeDecode(third))
    if ('error' in query) answer = Promise.resolve({ status: 400, body: { errors: [{ message: query.error }] } })
    else answer = third === undefined ? readSitemapIndex(payload, query) : readSitemapPage(payload, query)
  }
  return answer?.then(({ status, body, location }) => ({ status, body: Buffer.from(JSON.stringify(body)), contentType: 'application/json', location }))
}

async function viaRest(restGet: RestGet, origin: string, key: string, segments: string[]) {
  // Built from the normalized request alone: no cookies, no Origin, so the answer suits any visitor.
  const response = await restGet(new Request(new URL(key, origin)), segments.map(safeDecode))
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? 'application/json' }
}
