import fs from 'node:fs'
import path from 'node:path'

import type { Request as ExpressRequest, Response as ExpressResponse, Router } from 'express'
import express from 'express'
import type { ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { createElement, Fragment } from 'react'

import { projectRoot } from '../config/project-root'
import { MAX_SITEMAP_URLS } from '../read-model/articles'
import { type CachePolicy, sendWithCaching } from '../server/http-cache'
import { type FeedItem, rssXml, type SitemapEntry, sitemapIndexXml, sitemapXml } from './feeds'
import { ArticleIndex, ArticleView, Message, Page, StandalonePreview } from './pages'

/** The browser script for Live Preview, built with the server bundle (npm run build:server). */
export const LIVE_PREVIEW_SCRIPT = '/assets/live-preview.js'

const PRIVATE = 'private, no-store'

/** The feed carries the newest articles only. */
export const FEED_ITEMS = 50

/** Sent with the renderer's reads of this server's API, with a per-process secret value. */
export const INTERNAL_REQUEST_HEADER = 'x-kap-internal'

/**
 * The reference renderer: HTML pages for published articles, and the preview page for drafts. It
 * reads only the public HTTP API, anonymously (visitors' cookies are never passed on), exactly as a
 * clinic's own site would; SITE_API_URL points it at another CMS.
 */
export function siteRouter({
  cache,
  siteUrl,
  internalToken,
  sitemapUrlsPerFile = MAX_SITEMAP_URLS,
}: {
  cache: CachePolicy
  siteUrl: string
  internalToken?: string
  /** URLs in one sitemap file: the protocol's 50,000 at most. */
  sitemapUrlsPerFile?: number
}): Router {
  const router = express.Router()
  router.use((_req, res, next) => {
    res.locals.cachePolicy = cache
    res.locals.internalToken = internalToken
    next()
  })

  router.get('/articles', async (req, res, next) => {
    try {
      const query = 'limit=50&depth=0&sort=-publishedDate&select[title]=true&select[slug]=true&select[excerpt]=true&select[publishedDate]=true'
      const response = await api(req, `/api/articles?${query}`)
      if (!response.ok) return sendError(res, response.status)
      const { docs } = await response.json()
      send(res, 200, createElement(Page, { title: 'Articles', children: createElement(ArticleIndex, { articles: docs }) }))
    } catch (error) {
      next(error)
    }
  })

  router.get('/articles/:slug', async (req, res, next) => {
    try {
      const response = await api(req, `/api/articles/slug/${encodeURIComponent(req.params.slug)}`, { redirect: 'manual' })
      if (response.status === 404) return sendNotFound(res)
      // The article moved: so does its page, permanently, for visitors and search engines alike.
      if (response.status === 301) {
        const { redirect } = (await response.json()) as { redirect?: { to?: string } }
        if (redirect?.to) return res.redirect(301, `/articles/${encodeURIComponent(redirect.to)}`)
      }
      if (!response.ok) return sendError(res, response.status)
      const article = await response.json()
      const title = article.seo?.title || article.title
      send(
        res,
        200,
        createElement(Page, { title, description: article.seo?.description || article.excerpt, jsonLd: article.jsonLd, children: createElement(ArticleView, { article }) }),
      )
    } catch (error) {
      next(error)
    }
  })

  router.get('/preview/:collection/:id', async (req, res, next) => {
    res.set('Cache-Control', PRIVATE).set('X-Robots-Tag', 'noindex')
    try {
      const token = typeof req.query.token === 'string' ? req.query.token : ''
      const response = await api(req, `/api/preview/${encodeURIComponent(req.params.collection)}/${encodeURIComponent(req.params.id)}`, {
        headers: token ? { Authorization: `Preview ${token}` } : {},
      })
      const body = await response.json()
      if (!response.ok) {
        // Without a valid token the link shows what the public sees, and says why.
        const reason = body?.errors?.[0]?.message ?? 'This preview link cannot be used.'
        return await sendPublishedInstead(req, res, req.params.collection, req.params.id, reason)
      }
      const preview = { expiresAt: body.expiresAt, liveScript: LIVE_PREVIEW_SCRIPT }
      const content =
        body.collection === 'articles' ? createElement(ArticleView, { article: body.doc }) : createElement(StandalonePreview, { collection: body.collection, doc: body.doc })
      send(res, 200, createElement(Page, { title: `Preview: ${body.doc.title ?? body.doc.question ?? body.doc.heading ?? ''}`, preview, children: content }))
    } catch (error) {
      next(error)
    }
  })

  // XML rendered from an API answer is kept with that answer's ETag: a warm request asks the API
  // with If-None-Match, and a 304 (the read cache's answer is unchanged) reuses the XML.
  const renderedXml = new RenderedFromApi(64)
  const sendXml = async (req: ExpressRequest, res: ExpressResponse, pathname: string, type: string, render: (answer: never) => string) => {
    const rendered = await renderedXml.get(req, pathname, render)
    if ('status' in rendered) return rendered.status === 404 ? sendNotFound(res) : sendError(res, rendered.status)
    res.status(200).type(type)
    sendWithCaching(req, res, rendered.body, cache)
  }

  // A sitemap index naming one file per sitemapUrlsPerFile published articles (the protocol allows 50,000).
  router.get('/sitemap.xml', async (req, res, next) => {
    try {
      await sendXml(req, res, `/api/articles/sitemap?pageSize=${sitemapUrlsPerFile}`, 'application/xml', (index: { totalPages: number }) =>
        sitemapIndexXml(index.totalPages, siteUrl),
      )
    } catch (error) {
      next(error)
    }
  })

  router.get('/sitemaps/articles-:page.xml', async (req, res, next) => {
    try {
      if (!/^[1-9]\d{0,4}$/.test(req.params.page)) return sendNotFound(res)
      await sendXml(req, res, `/api/articles/sitemap/${req.params.page}?pageSize=${sitemapUrlsPerFile}`, 'application/xml', (page: { docs: SitemapEntry[] }) =>
        sitemapXml(page.docs, siteUrl),
      )
    } catch (error) {
      next(error)
    }
  })

  router.get('/feed.xml', async (req, res, next) => {
    try {
      const query = `limit=${FEED_ITEMS}&depth=0&sort=-publishedDate&select[title]=true&select[slug]=true&select[excerpt]=true&select[publishedDate]=true`
      await sendXml(req, res, `/api/articles?${query}`, 'application/rss+xml', (page: { docs: FeedItem[] }) => rssXml(page.docs, siteUrl))
    } catch (error) {
      next(error)
    }
  })

  router.get(LIVE_PREVIEW_SCRIPT, (_req, res) => {
    const file = path.join(projectRoot(), 'dist/site/live-preview.js')
    if (!fs.existsSync(file)) return res.status(404).type('text/plain').send('Run npm run build:server to build the live preview script.')
    res.type('application/javascript').set('Cache-Control', 'public, max-age=300').sendFile(file)
  })

  return router
}

/** The published version of a previewed document, with the reason the draft is not shown. */
async function sendPublishedInstead(req: ExpressRequest, res: ExpressResponse, collection: string, id: string, reason: string): Promise<void> {
  const known = ['articles', 'benefit-lists', 'faqs', 'calls-to-action'].includes(collection)
  const response = known ? await api(req, `/api/${collection}/${encodeURIComponent(id)}?depth=2`) : undefined
  if (!response?.ok) {
    return send(
      res,
      404,
      createElement(Page, {
        title: 'Not published',
        children: createElement(Message, { heading: 'Not published', text: `${reason} This document has no published version yet.` }),
      }),
    )
  }
  const doc = await response.json()
  const content = collection === 'articles' ? createElement(ArticleView, { article: doc }) : createElement(StandalonePreview, { collection, doc })
  send(
    res,
    200,
    createElement(Page, {
      title: doc.title ?? doc.question ?? doc.heading ?? 'Published version',
      children: createElement(Fragment, null, createElement('div', { className: 'preview-banner', role: 'status' }, reason, ' Showing the published version.'), content),
    }),
  )
}

async function api(req: ExpressRequest, pathname: string, init: RequestInit = {}): Promise<Response> {
  try {
    if (process.env.SITE_API_URL) return await fetch(process.env.SITE_API_URL + pathname, { redirect: 'error', ...init })
    // This server's own API: marked so the per-address read limit does not count the renderer's reads.
    const token = req.res?.locals.internalToken as string | undefined
    const headers = new Headers(init.headers)
    if (token) headers.set(INTERNAL_REQUEST_HEADER, token)
    return await fetch(`http://127.0.0.1:${req.socket.localPort}${pathname}`, { redirect: 'error', ...init, headers })
  } catch (error) {
    // The API could not be reached (this server is shutting down, or SITE_API_URL is down): the
    // page is unavailable for a moment, which is a 503, not a failure of the renderer.
    console.warn(`site: the API did not answer ${pathname}: ${(error as Error).message}`)
    return new Response(null, { status: 503 })
  }
}

/**
 * What was rendered from an API answer, by the answer's path, kept with its ETag (at most `size`
 * paths, the least recently used dropped first). A 304 from the API means the rendering still holds.
 */
class RenderedFromApi {
  private readonly kept = new Map<string, { etag: string; body: Buffer }>()
  constructor(private readonly size: number) {}

  async get(req: ExpressRequest, pathname: string, render: (answer: never) => string): Promise<{ body: Buffer } | { status: number }> {
    const known = this.kept.get(pathname)
    const response = await api(req, pathname, known ? { headers: { 'If-None-Match': known.etag } } : {})
    if (response.status === 304 && known) {
      this.kept.delete(pathname)
      this.kept.set(pathname, known)
      return known
    }
    if (!response.ok) return { status: response.status }
    const body = Buffer.from(render((await response.json()) as never))
    const etag = response.headers.get('etag')
    this.kept.delete(pathname)
    if (etag) this.kept.set(pathname, { etag, body })
    if (this.kept.size > this.size) this.kept.delete(this.kept.keys().next().value!)
    return { body }
  }
}

/** Pages for anonymous visitors are public and carry an ETag; preview pages stay private (see http-cache). */
function send(res: ExpressResponse, status: number, element: ReactElement): void {
  res.status(status).type('html')
  sendWithCaching(res.req, res, Buffer.from(`<!doctype html>${renderToStaticMarkup(element)}`), res.locals.cachePolicy as CachePolicy)
}

function sendNotFound(res: ExpressResponse): void {
  send(
    res,
    404,
    createElement(Page, { title: 'Not found', children: createElement(Message, { heading: 'Article not found', text: 'There is no published article at this address.' }) }),
  )
}

function sendError(res: ExpressResponse, status: number): void {
  // The API unreachable or shutting down stays a 503 (try again shortly); its other failures are a bad gateway.
  const code = status === 503 ? 503 : status >= 500 ? 502 : status
  if (code === 503) res.set('Retry-After', '5')
  send(
    res,
    code,
    createElement(Page, {
      title: 'Unavailable',
      children: createElement(Message, { heading: 'Something went wrong', text: 'This page cannot be shown right now. Please try again shortly.' }),
    }),
  )
}
