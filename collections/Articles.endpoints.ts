import type { Endpoint, PayloadRequest } from 'payload'

import { cardsQuery, readArticleCards, readArticlePage, readSitemapIndex, readSitemapPage, sitemapQuery } from '../src/read-model/articles'

function cmsUrlOf(req: PayloadRequest): string {
  return req.payload.config.serverURL || new URL(req.url ?? 'http://localhost').origin
}

/** GET /api/articles/slug/:slug — one article page, or a 301 from an old slug (see readArticlePage). */
export const articleBySlugEndpoint: Endpoint = {
  path: '/slug/:slug',
  method: 'get',
  handler: async (req) => {
    const answer = await readArticlePage(req.payload, String(req.routeParams?.slug ?? ''), { cmsUrl: cmsUrlOf(req), req })
    return Response.json(answer.body, { status: answer.status, headers: answer.location ? { Location: answer.location } : {} })
  },
}

/** GET /api/articles/cards?page=&limit= or ?after=&limit= — a listing page of article cards (see readArticleCards). */
export const articleCardsEndpoint: Endpoint = {
  path: '/cards',
  method: 'get',
  handler: async (req) => {
    const query = cardsQuery(req.query as { page?: unknown; limit?: unknown; after?: unknown })
    if ('error' in query) return Response.json({ errors: [{ message: query.error }] }, { status: 400 })
    const answer = await readArticleCards(req.payload, { ...query, req })
    return Response.json(answer.body, { status: answer.status })
  },
}

/** GET /api/articles/sitemap?pageSize= — how many sitemap files the published articles fill (see readSitemapIndex). */
export const articleSitemapIndexEndpoint: Endpoint = {
  path: '/sitemap',
  method: 'get',
  handler: async (req) => {
    const query = sitemapQuery(req.query as { pageSize?: unknown })
    if ('error' in query) return Response.json({ errors: [{ message: query.error }] }, { status: 400 })
    const answer = await readSitemapIndex(req.payload, { ...query, req })
    return Response.json(answer.body, { status: answer.status })
  },
}

/** GET /api/articles/sitemap/:page?pageSize= — one sitemap file's articles (see readSitemapPage). */
export const articleSitemapPageEndpoint: Endpoint = {
  path: '/sitemap/:page',
  method: 'get',
  handler: async (req) => {
    const query = sitemapQuery(req.query as { pageSize?: unknown }, String(req.routeParams?.page))
    if ('error' in query) return Response.json({ errors: [{ message: query.error }] }, { status: 400 })
    const answer = await readSitemapPage(req.payload, { ...query, req })
    return Response.json(answer.body, { status: answer.status })
  },
}
