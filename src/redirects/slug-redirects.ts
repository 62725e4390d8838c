import { type CollectionBeforeChangeHook, type CollectionBeforeDeleteHook, type Payload, type PayloadRequest, ValidationError } from 'payload'

import { CONTENT_SLUGS, REDIRECTS_SLUG } from '../model/slugs'
import type { PublicChangeListener } from '../publishing/public-change'

type Id = number | string

/**
 * Keeps old article addresses working. When a published article's slug changes, its old slug
 * leads to the article (by id, so a second rename needs no chain); when an article is published
 * at a slug, a redirect from that slug goes (the address is the article's now). Part of the save's
 * transaction.
 */
export const redirectMovedSlugs: PublicChangeListener = {
  name: 'slug redirects',
  onChange: async ({ event, collection, doc, stored, previous, req }) => {
    if (collection !== CONTENT_SLUGS.articles) return
    if (event !== 'published' && event !== 'updated') return
    const slug = stored?.slug as string | undefined
    if (slug) await req.payload.delete({ collection: REDIRECTS_SLUG, where: { fromSlug: { equals: slug } }, overrideAccess: true, req })
    const oldSlug = previous?._status === 'published' ? (previous.slug as string | undefined) : undefined
    if (event === 'updated' && oldSlug && slug && oldSlug !== slug) await pointSlugAt(req, oldSlug, doc.id)
  },
}

/** An article about to be deleted takes its old addresses with it (before the row goes: they name it). */
export const removeRedirectsTo: CollectionBeforeDeleteHook = async ({ id, req }) => {
  await req.payload.delete({ collection: REDIRECTS_SLUG, where: { article: { equals: id } }, overrideAccess: true, req })
}

async function pointSlugAt(req: PayloadRequest, fromSlug: string, article: Id): Promise<void> {
  const existing = await req.payload.find({ collection: REDIRECTS_SLUG, where: { fromSlug: { equals: fromSlug } }, limit: 1, depth: 0, overrideAccess: true, req })
  if (existing.docs[0]) {
    await req.payload.update({ collection: REDIRECTS_SLUG, id: existing.docs[0].id, data: { article: article as number }, overrideAccess: true, req })
  } else {
    await req.payload.create({ collection: REDIRECTS_SLUG, data: { fromSlug, article: article as number }, overrideAccess: true, req })
  }
}

/** A redirect from a published article's own address would never be followed: refuse it, naming the article. */
export const refuseLiveSlug: CollectionBeforeChangeHook = async ({ collection, data, originalDoc, req }) => {
  const fromSlug = (data?.fromSlug ?? originalDoc?.fromSlug) as string | undefined
  if (!fromSlug) return data
  const live = await req.payload.db.findOne({
    collection: CONTENT_SLUGS.articles,
    where: { and: [{ slug: { equals: fromSlug } }, { _status: { equals: 'published' } }] },
    req,
  })
  if (live) {
    const title = (live as { title?: string }).title ?? `article ${live.id}`
    throw new ValidationError({
      collection: collection.slug,
      errors: [{ path: 'fromSlug', message: `"${fromSlug}" is the address of the published article "${title}"; change that article's slug first.` }],
      req,
    })
  }
  return data
}

/** Where each of these slugs leads now: the current slug of the published article its redirect names. */
export async function resolveRedirects(payload: Payload, slugs: string[], req?: PayloadRequest): Promise<Map<string, string>> {
  if (slugs.length === 0) return new Map()
  const redirects = await payload.find({
    collection: REDIRECTS_SLUG,
    where: { fromSlug: { in: slugs } },
    limit: slugs.length,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (redirects.docs.length === 0) return new Map()
  const targets = await payload.find({
    collection: CONTENT_SLUGS.articles,
    where: { and: [{ id: { in: redirects.docs.map((redirect) => redirect.article as Id) } }, { _status: { equals: 'published' } }] },
    select: { slug: true },
    limit: redirects.docs.length,
    pagination: false,
    depth: 0,
    draft: false,
    // The public's view: a redirect to an article that is not published leads nowhere.
    overrideAccess: false,
    req,
  })
  const slugOf = new Map(targets.docs.map((article) => [article.id as Id, article.slug as string]))
  return new Map(redirects.docs.flatMap((redirect) => (slugOf.has(redirect.article as Id) ? [[redirect.fromSlug, slugOf.get(redirect.article as Id)!] as const] : [])))
}
