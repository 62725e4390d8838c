import crypto from 'node:crypto'

import { GRAPHQL_POST } from '@payloadcms/next/routes'
import express from 'express'
import type { Express, RequestHandler } from 'express'
import type { Payload } from 'payload'

import { wholeNumber } from '../config/env-number'
import { requestLimits } from '../config/request-limits'
import { MAX_SITEMAP_URLS } from '../read-model/articles'
import { attachReadCache } from '../read-cache/invalidation'
import { readCacheOptions, ResponseCache } from '../read-cache/response-cache'
import { INTERNAL_REQUEST_HEADER, siteRouter } from '../site/site-router'
import { cachedGraphQL } from './cached-graphql'
import { cachedReads } from './cached-reads'
import { errorHandler, notFound } from './errors'
import { refuseWhileShuttingDown } from './graceful-shutdown'
import { healthRouter } from './health'
import { cachePolicy } from './http-cache'
import { payloadApiRouter, restGet } from './payload-handlers'
import { anonymousReadRateLimit } from './rate-limits'
import { apiBodyLimit, apiQueryLimits, apiRoutes } from './request-limits'
import { withRequestContext } from '../http/request-context'
import { kapContentSettings } from '../model/settings'
import { securityHeaders } from './security-headers'
import { siteKeys } from './site-keys'
import { SITE_KEYS_SLUG } from '../model/slugs'

export type AppOptions = {
  payload: Payload
  /** Next's request handler for the admin UI; omitted where no admin is built (API-only tests). */
  adminHandler?: RequestHandler
  isShuttingDown?: () => boolean
}

/** Paths that belong to the Next-rendered admin UI and its assets. */
const ADMIN_PATH = /^\/(admin(\/|$)|_next\/|__nextjs)/

/** The HTTP surface of the CMS, in the order a request meets it. */
export function createApp({ payload, adminHandler, isShuttingDown = () => false }: AppOptions): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', process.env.TRUST_PROXY === 'true')

  const cache = cachePolicy(process.env)
  const readCache = new ResponseCache(readCacheOptions(process.env))
  const { coordinator } = kapContentSettings(payload)
  attachReadCache(payload, readCache, coordinator).catch((error) =>
    payload.logger.error({ err: error }, 'cannot hear other processes’ cache invalidations; cached answers may stay stale until READ_CACHE_TTL_SECONDS'),
  )
  const apiRoute = payload.config.routes.api
  const allowedOrigins = Array.isArray(payload.config.cors) ? payload.config.cors : []
  const limits = requestLimits(process.env)
  const { previewUrl, siteUrl } = kapContentSettings(payload)

  app.use(securityHeaders({ production: process.env.NODE_ENV === 'production', previewUrl }))
  const internalToken = crypto.randomBytes(16).toString('hex')
  const healthPaths = new Set(['/healthz', '/readyz'])
  app.use(refuseWhileShuttingDown(isShuttingDown, (req) => healthPaths.has(req.path) || req.headers[INTERNAL_REQUEST_HEADER] === internalToken))
  // A site key's reads count against its own limit and then go on as the public's (site-keys.ts).
  if (payload.collections[SITE_KEYS_SLUG]) app.use(apiRoute, siteKeys(payload))
  app.use(apiRoute, anonymousReadRateLimit(limits, internalToken, coordinator.rateLimitStore('kap:rl:read:')), apiQueryLimits(limits), apiRoutes(payload))
  // Early, so a cached public read costs as little as possible.
  app.use(apiRoute, cachedReads({ payload, cache: readCache, policy: cache, allowedOrigins, restGet: restGet(payload.config) }))
  app.use(healthRouter(payload, isShuttingDown))
  app.get('/', (_req, res) => res.redirect(302, payload.config.routes.admin))
  app.use(apiRoute, apiBodyLimit(limits, { graphQLPath: payload.config.routes.graphQL }))
  // Below here Payload's hooks know the client's address: the audit log records it, and sign-in
  // limits count by it (src/auth/sign-in-guard.ts, whatever route reaches the sign-in).
  app.use(apiRoute, withRequestContext)
  // Anonymous GraphQL queries (and GET queries) from the read cache, like REST reads.
  app.use(`${apiRoute}${payload.config.routes.graphQL}`, cachedGraphQL({ payload, cache: readCache, policy: cache, allowedOrigins, graphql: GRAPHQL_POST(payload.config) }))
  app.use(apiRoute, payloadApiRouter(payload.config, { playground: process.env.NODE_ENV !== 'production', cache }))
  // SITEMAP_URLS_PER_FILE: articles per sitemap file, up to the protocol's 50,000.
  const sitemapUrlsPerFile = Math.min(wholeNumber(process.env, 'SITEMAP_URLS_PER_FILE', MAX_SITEMAP_URLS, 1), MAX_SITEMAP_URLS)
  app.use(siteRouter({ cache, siteUrl, internalToken, sitemapUrlsPerFile }))
  if (adminHandler) {
    app.use((req, res, next) => (ADMIN_PATH.test(req.path) ? adminHandler(req, res, next) : next()))
  }
  app.use(notFound)
  app.use(errorHandler(payload))
  return app
}
