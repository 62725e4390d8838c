import type { Endpoint, PayloadRequest } from 'payload'

import { cardsQuery, readArticleCards, readArticlePage } from '../src/read-model/articles'

function cmsUrlOf(req: PayloadRequest): string {
  return req.payload.config.serverURL || new URL(req.url ?? 'http://localhost').origin
}

/** GET /api/articles/slug/:slug — one article page (see readArticlePage). */
export const articleBySlugEndpoint: Endpoint = {
  path: '/slug/:slug',
  method: 'get',
  handler: async (req) => {
    const answer = await readArticlePage(req.payload, String(req.routeParams?.slug ?? ''), { cmsUrl: cmsUrlOf(req), req })
    return Response.json(answer.body, { status: answer.status })
  },
}

/** GET /api/articles/cards?page=&limit= — a listing page of article cards (see readArticleCards). */
export const articleCardsEndpoint: Endpoint = {
  path: '/cards',
  method: 'get',
  handler: async (req) => {
    const query = cardsQuery(req.query as { page?: unknown; limit?: unknown })
    if ('error' in query) return Response.json({ errors: [{ message: query.error }] }, { status: 400 })
    const answer = await readArticleCards(req.payload, { ...query, req })
    return Response.json(answer.body, { status: answer.status })
  },
}
