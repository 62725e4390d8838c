import type { CollectionBeforeChangeHook, FieldHook, Payload, PayloadRequest } from 'payload'

import { isStaff } from '../access/staff'
import { CONTENT_SLUGS } from '../model/slugs'
import { reviewPredatesContent } from './review-sign-off'

type Id = number | string
type Node = {
  type?: string
  tag?: string
  text?: string
  children?: Node[]
  relationTo?: string
  value?: unknown
  fields?: { linkType?: string; doc?: { relationTo?: string; value?: unknown } | null } | null
}

/** What search results show of a description, about. */
export const SEARCH_DESCRIPTION_CHARACTERS = 160

/** Link text that says nothing of where it leads (WCAG 2.4.4). */
const VAGUE_LINK_TEXT = new Set(['click here', 'here', 'click', 'read more', 'more', 'link', 'this link', 'this', 'learn more', 'go'])

export type ArticleForChecks = {
  title?: string | null
  excerpt?: string | null
  body?: unknown
  heroImage?: unknown
  seo?: { description?: string | null } | null
  clinicalReview?: Record<string, unknown> | null
}

/** What the checks need to know beyond the article: the state of the articles it links to and the images it shows. */
export type CheckLookups = {
  /** Linked articles by id: published, not published, or missing (deleted). */
  articleStates: Map<string, 'published' | 'draft'>
  images: Map<string, { alt?: string | null; filename?: string | null }>
}

const idOf = (value: unknown): Id | undefined =>
  typeof value === 'object' && value !== null ? ((value as { id?: Id }).id ?? undefined) : typeof value === 'number' || typeof value === 'string' ? value : undefined

/** The ids of the articles the body links to and of the images it (and the hero) shows. */
export function referencesForChecks(article: ArticleForChecks): { articles: Id[]; images: Id[] } {
  const articles = new Set<Id>()
  const images = new Set<Id>()
  const hero = idOf(article.heroImage)
  if (hero !== undefined) images.add(hero)
  walk(article.body, (node) => {
    if (node.type === 'link' && node.fields?.linkType === 'internal' && node.fields.doc?.relationTo === CONTENT_SLUGS.articles) {
      const id = idOf(node.fields.doc.value)
      if (id !== undefined) articles.add(id)
    }
    if (node.type === 'upload' && node.relationTo === CONTENT_SLUGS.media) {
      const id = idOf(node.value)
      if (id !== undefined) images.add(id)
    }
  })
  return { articles: [...articles], images: [...images] }
}

/**
 * Warnings for an editor before publishing, in plain words; none means nothing was found. Pure:
 * the state of linked articles and images comes in `lookups`.
 */
export function publishingChecks(article: ArticleForChecks, lookups: CheckLookups): string[] {
  const warnings: string[] = []
  let level = 1 // the title is the page's h1
  walk(article.body, (node) => {
    if (node.type === 'heading' && /^h[1-6]$/.test(node.tag ?? '')) {
      const next = Number(node.tag!.slice(1))
      if (next > level + 1)
        warnings.push(`The heading "${clip(textOf(node))}" is an ${node.tag} after an h${level}: use an h${level + 1}, so screen readers and search engines follow the outline.`)
      level = next
    }
    if (node.type === 'link') {
      const text = textOf(node).trim()
      if (VAGUE_LINK_TEXT.has(text.toLowerCase().replace(/[.!:]+$/, ''))) warnings.push(`A link reads "${text}": say where it leads (for example "our integration guide").`)
      if (node.fields?.linkType === 'internal' && node.fields.doc?.relationTo === CONTENT_SLUGS.articles) {
        const id = idOf(node.fields.doc.value)
        const state = id === undefined ? undefined : lookups.articleStates.get(String(id))
        if (state === 'draft') warnings.push(`The link "${clip(text)}" leads to an article that is not published: visitors would find nothing there.`)
        if (id !== undefined && state === undefined) warnings.push(`The link "${clip(text)}" leads to an article that was deleted.`)
      }
    }
    if (node.type === 'upload' && node.relationTo === CONTENT_SLUGS.media) checkAlt(idOf(node.value), 'An image in the text', lookups, warnings)
  })
  checkAlt(idOf(article.heroImage), 'The hero image', lookups, warnings)
  const excerpt = article.excerpt?.trim() ?? ''
  const description = article.seo?.description?.trim() ?? ''
  if (!excerpt) warnings.push('There is no excerpt: listings and search results will have no summary.')
  if (!description && excerpt.length > SEARCH_DESCRIPTION_CHARACTERS) {
    warnings.push(
      `Search results show about ${SEARCH_DESCRIPTION_CHARACTERS} characters; the excerpt, used there without an SEO description, has ${excerpt.length}. Add a shorter SEO description.`,
    )
  }
  if (reviewPredatesContent(article as never)) warnings.push('The text changed after the clinical review was signed off: ask the reviewer to look again.')
  return warnings
}

function checkAlt(id: Id | undefined, what: string, lookups: CheckLookups, warnings: string[]) {
  if (id === undefined) return
  const image = lookups.images.get(String(id))
  if (!image) return
  const alt = normalizeName(image.alt ?? '')
  const file = normalizeName(image.filename ?? '')
  if (!alt) warnings.push(`${what} has no alt text.`)
  else if (file && (alt === file || alt === file.replace(/\.[a-z0-9]+$/, ''))) warnings.push(`${what} has the file name as its alt text ("${image.alt}"): describe what it shows.`)
}

const normalizeName = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ')

function walk(body: unknown, visit: (node: Node) => void) {
  const go = (node: Node) => {
    visit(node)
    node.children?.forEach(go)
  }
  const root = (body as { root?: Node } | null | undefined)?.root
  if (root) go(root)
}

function textOf(node: Node): string {
  return node.text ?? (node.children ?? []).map(textOf).join('')
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text)

/** Reads what the checks need about an article's links and images, in two queries. */
export async function lookupsFor(payload: Payload, articles: ArticleForChecks[], req?: PayloadRequest): Promise<CheckLookups> {
  const articleIds = new Set<Id>()
  const imageIds = new Set<Id>()
  for (const article of articles) {
    const refs = referencesForChecks(article)
    refs.articles.forEach((id) => articleIds.add(id))
    refs.images.forEach((id) => imageIds.add(id))
  }
  const [linked, images] = await Promise.all([
    articleIds.size
      ? payload.find({
          collection: CONTENT_SLUGS.articles,
          where: { id: { in: [...articleIds] } },
          select: { _status: true },
          pagination: false,
          depth: 0,
          draft: false,
          overrideAccess: true,
          req,
        })
      : { docs: [] },
    imageIds.size
      ? payload.find({
          collection: CONTENT_SLUGS.media,
          where: { id: { in: [...imageIds] } },
          select: { alt: true, filename: true },
          pagination: false,
          depth: 0,
          overrideAccess: true,
          req,
        })
      : { docs: [] },
  ])
  return {
    articleStates: new Map(linked.docs.map((doc) => [String(doc.id), (doc as { _status?: string })._status === 'published' ? 'published' : 'draft'] as const)),
    images: new Map(images.docs.map((doc) => [String(doc.id), doc as { alt?: string | null; filename?: string | null }])),
  }
}

/**
 * The checks as an editor sees them in the document: computed on each read of one article by
 * staff (never in listings, never for the public), so a link to an article unpublished since is
 * flagged the next time the document is opened.
 */
export const describePublishingChecks: FieldHook = async ({ data, findMany, req }) => {
  if (!isStaff(req.user) || findMany || !data || data.body === undefined) return undefined
  const article = data as ArticleForChecks
  const warnings = publishingChecks(article, await lookupsFor(req.payload, [article], req))
  return warnings.length ? warnings.map((warning) => `• ${warning}`).join('\n') : 'No problems found.'
}

/** The articles the body links to, kept with the article so the dashboard can find published articles whose links lead nowhere. */
export const recordLinkedArticles: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const body = data?.body ?? originalDoc?.body
  if (body === undefined) return data
  return { ...data, linksTo: referencesForChecks({ body }).articles }
}
