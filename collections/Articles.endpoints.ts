import type { Endpoint } from 'payload'

import { CONTENT_SLUGS } from '../src/plugin/options'
import { articleJsonLd } from '../src/structured-data/article-json-ld'

/** How deep a page read populates: the article -> its embedded lists, FAQs, call to action and images. */
export const ARTICLE_PAGE_DEPTH = 2

/**
 * GET /api/articles/slug/:slug — everything a site needs to render one article page, in one
 * request: the published article with its embedded documents populated, and its schema.org
 * JSON-LD in `jsonLd`. Drafts are never returned.
 */
export const articleBySlugEndpoint: Endpoint = {
  path: '/slug/:slug',
  method: 'get',
  handler: async (req) => {
    const slug = String(req.routeParams?.slug ?? '')
    const result = await req.payload.find({
      collection: CONTENT_SLUGS.articles,
      where: { and: [{ slug: { equals: slug } }, { _status: { equals: 'published' } }] },
      depth: ARTICLE_PAGE_DEPTH,
      limit: 1,
      pagination: false,
      draft: false,
      overrideAccess: false,
      req,
    })
    const article = result.docs[0]
    if (!article) {
      return Response.json({ errors: [{ message: `No published article has the slug "${slug.slice(0, 120)}".` }] }, { status: 404 })
    }
    const siteUrl = (req.payload.config.custom?.kapContent as { siteUrl: string }).siteUrl
    const cmsUrl = req.payload.config.serverURL || new URL(req.url ?? 'http://localhost').origin
    return Response.json({ ...article, jsonLd: articleJsonLd(article, { siteUrl, cmsUrl }) })
  },
}
