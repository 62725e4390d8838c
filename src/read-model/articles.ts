// The article read model: what a site gets for an article page and a listing of cards, shared by
// the REST endpoints (collections/Articles.endpoints.ts) and the server's cached public read path.
import type { Payload, PayloadRequest, Where } from 'payload'

import { CONTENT_SLUGS } from '../model/slugs'
import { kapContentSettings } from '../model/settings'
import { READS_ONE_DOCUMENT } from '../read-cache/read-dependencies'
import { resolveRedirects } from '../redirects/slug-redirects'
import { articleJsonLd } from '../structured-data/article-json-ld'

/** How deep a page read populates: the article -> its embedded lists, FAQs, call to action and images. */
export const ARTICLE_PAGE_DEPTH = 2

/** The fields a listing or a "related articles" card needs; relationships to articles populate only these. */
export const ARTICLE_CARD_FIELDS = { title: true, slug: true, excerpt: true, heroImage: true, publishedDate: true } as const

export const MAX_CARDS_PER_PAGE = 50

/** The sitemaps protocol's limit of URLs in one sitemap file. */
export const MAX_SITEMAP_URLS = 50_000

/** An answer for a site: its status and JSON body, and where a moved article is now (a 301's Location). */
export type JsonAnswer = { status: number; body: unknown; location?: string }

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
  const moved = await resolveRedirects(
    payload,
    unique.filter((slug) => !found.has(slug)),
    req,
  )
  return new Map(
    unique.map((slug): [string, JsonAnswer] => {
      const article = found.get(slug)
      if (article) return [slug, { status: 200, body: { ...article, jsonLd: articleJsonLd(article, { siteUrl, cmsUrl }) } }]
      const to = moved.get(slug)
      if (to !== undefined) return [slug, movedAnswer(payload, slug, to)]
      return [slug, { status: 404, body: { errors: [{ message: `No published article has the slug "${slug.slice(0, 120)}".` }] } }]
    }),
  )
}

/** An old slug: a 301 to the article's page read at its current slug, and the same in the body for sites that do not follow redirects. */
function movedAnswer(payload: Payload, from: string, to: string): JsonAnswer {
  const location = `${payload.config.routes.api}/${CONTENT_SLUGS.articles}/slug/${encodeURIComponent(to)}`
  return { status: 301, location, body: { redirect: { from, to, location }, message: `The article at "${from.slice(0, 120)}" moved to "${to}".` } }
}

/** Where a listing read starts: a page number, or the cursor of the last card read (`nextCursor`). */
export type CardsQuery = { limit: number } & ({ page: number; after?: undefined } | { after: CardCursor; page?: undefined })

/** The last card of a page: its published date and id, newest first (ties by id, highest first). */
export type CardCursor = { publishedDate: string; id: number | string }

/**
 * A page of published article cards, newest first: the card fields only, hero image populated.
 * By `page` the answer counts pages; by `after` (a previous answer's `nextCursor`) it follows on
 * from that card along the (status, published date) index, however deep the listing goes, and
 * counts nothing. Either way `nextCursor` names the next page's start, null at the end.
 */
export async function readArticleCards(payload: Payload, { page, after, limit, req }: CardsQuery & { req?: PayloadRequest }): Promise<JsonAnswer> {
  const published: Where = { _status: { equals: 'published' } }
  const common = {
    collection: CONTENT_SLUGS.articles as typeof CONTENT_SLUGS.articles,
    select: ARTICLE_CARD_FIELDS,
    depth: 1,
    sort: ['-publishedDate', '-id'],
    draft: false as const,
    overrideAccess: false,
    req,
  }
  if (after) {
    // One card more than asked says whether another page follows, without counting.
    const { docs } = await payload.find({ ...common, where: { and: [published, olderThan(after)] }, limit: limit + 1, pagination: false })
    const shown = docs.slice(0, limit)
    const hasNextPage = docs.length > limit
    return { status: 200, body: { docs: shown, limit, hasNextPage, nextCursor: hasNextPage ? cardCursor(shown[shown.length - 1]) : null } }
  }
  const result = await payload.find({ ...common, where: published, limit, page })
  const { docs, totalDocs, totalPages, hasNextPage, hasPrevPage } = result
  const nextCursor = hasNextPage && docs.length ? cardCursor(docs[docs.length - 1]) : null
  return { status: 200, body: { docs, page: result.page, limit, totalDocs, totalPages, hasNextPage, hasPrevPage, nextCursor } }
}

/**
 * Cards after the cursor's, newest first. The `less_than_equal` is what lets the database seek
 * into the (status, published date) index at the cursor instead of walking it from the top; the
 * `or` then drops the cards of the same date already shown.
 */
function olderThan({ publishedDate, id }: CardCursor): Where {
  return { and: [{ publishedDate: { less_than_equal: publishedDate } }, { or: [{ publishedDate: { less_than: publishedDate } }, { id: { less_than: id } }] }] }
}

/** The cursor is opaque to sites: base64url of the last card's date and id. */
function cardCursor(card: { publishedDate?: string | null; id: number | string }): string | null {
  return card.publishedDate ? Buffer.from(JSON.stringify([card.publishedDate, card.id])).toString('base64url') : null
}

function parseCardCursor(value: string): CardCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (!Array.isArray(parsed) || parsed.length !== 2) return undefined
    const [publishedDate, id] = parsed as unknown[]
    if (typeof publishedDate !== 'string' || Number.isNaN(Date.parse(publishedDate))) return undefined
    if (!(typeof id === 'number' && Number.isInteger(id)) && !(typeof id === 'string' && /^[\w-]{1,64}$/.test(id))) return undefined
    return { publishedDate, id }
  } catch {
    return undefined
  }
}

/** Reads ?page=, ?after= and ?limit= for the cards listing; an error message names the bad parameter. */
export function cardsQuery(query: { page?: unknown; limit?: unknown; after?: unknown }): CardsQuery | { error: string } {
  const limit = query.limit === undefined ? 12 : Number(query.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_CARDS_PER_PAGE) return { error: `limit must be a whole number from 1 to ${MAX_CARDS_PER_PAGE}` }
  if (query.after !== undefined) {
    if (query.page !== undefined) return { error: 'give page or after, not both' }
    const after = typeof query.after === 'string' && query.after.length <= 200 ? parseCardCursor(query.after) : undefined
    if (!after) return { error: "after must be a previous answer's nextCursor" }
    return { after, limit }
  }
  const page = query.page === undefined ? 1 : Number(query.page)
  if (!Number.isInteger(page) || page < 1 || page > 10_000) return { error: 'page must be a whole number from 1 to 10000' }
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

/** How many articles a sitemap file reads at a time: Payload's per-document work on 50,000 at once overran the server's heap. */
const SITEMAP_READ_CHUNK = 1000

/**
 * One sitemap file: each published article's slug and when it last changed, in id order, read in
 * chunks that follow on from the last id (index reads; only slugs and dates are kept, so a file of
 * 50,000 costs a few megabytes, not the heap). The file starts after the previous file's last article.
 */
export async function readSitemapPage(
  payload: Payload,
  { page, pageSize, req, chunk = SITEMAP_READ_CHUNK }: { page: number; pageSize: number; req?: PayloadRequest; chunk?: number },
): Promise<JsonAnswer> {
  const published: Where = { _status: { equals: 'published' } }
  const read = { collection: CONTENT_SLUGS.articles, select: { slug: true, updatedAt: true }, depth: 0, sort: 'id', draft: false, overrideAccess: false, req } as const
  const { totalDocs } = await payload.count({ collection: CONTENT_SLUGS.articles, where: published, overrideAccess: false, req })
  const totalPages = Math.max(1, Math.ceil(totalDocs / pageSize))
  if (page > totalPages) return { status: 404, body: { errors: [{ message: `The sitemap has ${totalPages} pages of ${pageSize}; there is no page ${page}.` }] } }
  let after: number | string | undefined
  if (page > 1) {
    // The previous file's last article: one row at its position in the id index.
    const [last] = (await payload.find({ ...read, where: published, limit: 1, page: (page - 1) * pageSize, pagination: false })).docs
    after = last?.id
  }
  const docs: { slug: unknown; updatedAt: unknown }[] = []
  while (docs.length < pageSize) {
    const where = after === undefined ? published : { and: [published, { id: { greater_than: after } }] }
    const found = (await payload.find({ ...read, where, limit: Math.min(chunk, pageSize - docs.length), pagination: false })).docs
    for (const doc of found) docs.push({ slug: doc.slug, updatedAt: doc.updatedAt })
    if (found.length < chunk) break
    after = found[found.length - 1].id
  }
  return { status: 200, body: { page, pageSize, totalDocs, totalPages, docs } }
}

/** Reads ?pageSize= (default and most: the protocol's 50,000) and the page number; an error names the bad one. */
export function sitemapQuery(query: { pageSize?: unknown }, pageParam?: string): { page: number; pageSize: number } | { error: string } {
  const pageSize = query.pageSize === undefined ? MAX_SITEMAP_URLS : Number(query.pageSize)
  const page = pageParam === undefined ? 1 : Number(pageParam)
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_SITEMAP_URLS) return { error: `pageSize must be a whole number from 1 to ${MAX_SITEMAP_URLS}` }
  if (!Number.isInteger(page) || page < 1 || page > 10_000) return { error: 'the sitemap page must be a whole number from 1 to 10000' }
  return { page, pageSize }
}
