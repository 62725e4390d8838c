// The article read model: what a site gets for an article page and a listing of cards, shared by
// the REST endpoints (collections/Articles.endpoints.ts) and the server's cached public read path.
import type { Payload, PayloadRequest } from 'payload'

import { CONTENT_SLUGS } from '../model/slugs'
import { kapContentSettings } from '../model/settings'
import { READS_ONE_DOCUMENT } from '../read-cache/read-dependencies'
import { articleJsonLd } from '../structured-data/article-json-ld'

/** How deep a page read populates: the article -> its embedded lists, FAQs, call to action and images. */
export const ARTICLE_PAGE_DEPTH = 2

/** The fields a listing or a "related articles" card needs; relationships to articles populate only these. */
export const ARTICLE_CARD_FIELDS = { title: true, slug: true, excerpt: true, heroImage: true, publishedDate: true } as const

export const MAX_CARDS_PER_PAGE = 50

/** The sitemaps protocol's limit of URLs in one sitemap file. */
export const MAX_SITEMAP_URLS = 50_000

export type JsonAnswer = { status: number; body: unknown }

/**
 * Everything a site needs to render one article page: the published article with its embedded
 * documents populated, and its schema.org JSON-LD in `jsonLd`. Drafts are never returned. Without
 * `req` the read is anonymous (the public read path); with it, the caller's access applies.
 */
export async function readArticlePage(payload: Payload, slug: string, options: { cmsUrl: string; req?: PayloadRequest }): Promise<JsonAnswer> {
  return (await readArticlePages(payload, [slug], options)).get(slug)!
}

/**
 * Several article pages in one read: one query for the articles and one per embedded collection,
 * however many pages (Payload's DataLoader loads the documents they share once). The public read
 * path batches concurrent cache misses through this (src/read-cache/read-batch.ts).
 */
export async function readArticlePages(payload: Payload, slugs: string[], { cmsUrl, req }: { cmsUrl: string; req?: PayloadRequest }): Promise<Map<string, JsonAnswer>> {
  const unique = [...new Set(slugs)]
  const result = await payload.find({
    collection: CONTENT_SLUGS.articles,
    where: { and: [unique.length === 1 ? { slug: { equals: unique[0] } } : { slug: { in: unique } }, { _status: { equals: 'published' } }] },
    depth: ARTICLE_PAGE_DEPTH,
    limit: unique.length,
    pagination: false,
    // Not the collection's default (newest first): with several slugs SQLite would then walk the
    // (status, date) index through every published article; by slug, the unique index serves all.
    sort: 'slug',
    draft: false,
    overrideAccess: false,
    // Slugs are unique: the answer depends on the articles found, not on the whole collection.
    context: { [READS_ONE_DOCUMENT]: true },
    req,
  })
  const { siteUrl } = kapContentSettings(payload)
  const found = new Map(result.docs.map((article) => [article.slug as string, article]))
  return new Map(
    unique.map((slug): [string, JsonAnswer] => {
      const article = found.get(slug)
      return article
        ? [slug, { status: 200, body: { ...article, jsonLd: articleJsonLd(article, { siteUrl, cmsUrl }) } }]
        : [slug, { status: 404, body: { errors: [{ message: `No published article has the slug "${slug.slice(0, 120)}".` }] } }]
    }),
  )
}

/** A page of published article cards, newest first: the card fields only, hero image populated. */
export async function readArticleCards(payload: Payload, { page, limit, req }: { page: number; limit: number; req?: PayloadRequest }): Promise<JsonAnswer> {
  const result = await payload.find({
    collection: CONTENT_SLUGS.articles,
    where: { _status: { equals: 'published' } },
    select: ARTICLE_CARD_FIELDS,
    depth: 1,
    limit,
    page,
    sort: '-publishedDate',
    draft: false,
    overrideAccess: false,
    req,
  })
  const { docs, totalDocs, totalPages, hasNextPage, hasPrevPage } = result
  return { status: 200, body: { docs, page: result.page, limit, totalDocs, totalPages, hasNextPage, hasPrevPage } }
}

/** Reads ?page= and ?limit= for the cards listing; an error message names the bad parameter. */
export function cardsQuery(query: { page?: unknown; limit?: unknown }): { page: number; limit: number } | { error: string } {
  const page = query.page === undefined ? 1 : Number(query.page)
  const limit = query.limit === undefined ? 12 : Number(query.limit)
  if (!Number.isInteger(page) || page < 1 || page > 10_000) return { error: 'page must be a whole number from 1 to 10000' }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CARDS_PER_PAGE) return { error: `limit must be a whole number from 1 to ${MAX_CARDS_PER_PAGE}` }
  return { page, limit }
}

/**
 * The sitemap of published articles, in files of `pageSize` URLs: how many there are. Pages are in
 * id order, so a new article lands on the last page and the earlier pages keep their contents.
 */
export async function readSitemapIndex(payload: Payload, { pageSize, req }: { pageSize: number; req?: PayloadRequest }): Promise<JsonAnswer> {
  const { totalDocs } = await payload.count({ collection: CONTENT_SLUGS.articles, where: { _status: { equals: 'published' } }, overrideAccess: false, req })
  return { status: 200, body: { pageSize, totalDocs, totalPages: Math.max(1, Math.ceil(totalDocs / pageSize)) } }
}

/** One sitemap file: each published article's slug and when it last changed, from one indexed query. */
export async function readSitemapPage(payload: Payload, { page, pageSize, req }: { page: number; pageSize: number; req?: PayloadRequest }): Promise<JsonAnswer> {
  const result = await payload.find({
    collection: CONTENT_SLUGS.articles,
    where: { _status: { equals: 'published' } },
    select: { slug: true, updatedAt: true },
    depth: 0,
    limit: pageSize,
    page,
    sort: 'id',
    draft: false,
    overrideAccess: false,
    req,
  })
  if (page > result.totalPages && page > 1)
    return { status: 404, body: { errors: [{ message: `The sitemap has ${result.totalPages} pages of ${pageSize}; there is no page ${page}.` }] } }
  const docs = result.docs.map((doc) => ({ slug: doc.slug, updatedAt: doc.updatedAt }))
  return { status: 200, body: { page, pageSize, totalDocs: result.totalDocs, totalPages: Math.max(1, result.totalPages), docs } }
}

/** Reads ?pageSize= (default and most: the protocol's 50,000) and the page number; an error names the bad one. */
export function sitemapQuery(query: { pageSize?: unknown }, pageParam?: string): { page: number; pageSize: number } | { error: string } {
  const pageSize = query.pageSize === undefined ? MAX_SITEMAP_URLS : Number(query.pageSize)
  const page = pageParam === undefined ? 1 : Number(pageParam)
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_SITEMAP_URLS) return { error: `pageSize must be a whole number from 1 to ${MAX_SITEMAP_URLS}` }
  if (!Number.isInteger(page) || page < 1 || page > 10_000) return { error: 'the sitemap page must be a whole number from 1 to 10000' }
  return { page, pageSize }
}
