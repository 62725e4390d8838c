import crypto from 'node:crypto'

import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

import { CLINICAL_REVIEW_WAIVER } from '../fields/clinical-review'
import { slugify } from '../fields/slugify'
import { CONTENT_SLUGS, EMBED_BLOCK_SLUGS } from '../model/slugs'
import { block, heading, lexicalDocument, paragraph, upload } from '../richtext/lexical-nodes'
import { lexicalToPlainText } from '../richtext/plain-text'
import type { ParsedArticle } from './article-model'

export type ImportOptions = {
  /** Publish the article and the lists, images and call to action it embeds; drafts otherwise. */
  publish: boolean
  /** Where the imported call to action's button goes. */
  callToActionUrl: string
  /** The image file stored for each image line (the text only names the picture). */
  placeholderImage: string
  /** The clinical review to record on the article. */
  review?: { reviewerName: string; reviewerCredentials?: string; reviewedAt: string }
  /** Publish without a review, saying why (the demo seed only). */
  clinicalReviewWaiver?: string
}

export type ImportResult = {
  articleId: string | number
  slug: string
  /** `filled`: the article existed as a draft stub another import linked to, and now has its text. */
  outcome: 'created' | 'filled' | 'updated' | 'unchanged'
  benefitLists: number
  images: number
  callToAction: boolean
  stubsCreated: string[]
}

type Status = 'draft' | 'published'
type Collection = (typeof CONTENT_SLUGS)[keyof typeof CONTENT_SLUGS]

/**
 * Stores a parsed article: its bullet lists as benefit lists, its closing invitation as a call to
 * action, its image lines as images, and its Previous/Next titles as links (creating draft stubs
 * for articles that do not exist yet). All of it in one transaction: on any error nothing is kept.
 * Importing the same text again changes nothing; a changed text updates the same documents.
 */
export async function loadArticle(payload: Payload, parsed: ParsedArticle, options: ImportOptions): Promise<ImportResult> {
  const status: Status = options.publish ? 'published' : 'draft'
  const articleKey = `${parsed.slug}#article`
  const checksum = crypto
    .createHash('sha256')
    .update(JSON.stringify({ parsed, status, review: options.review ?? null, cta: options.callToActionUrl }))
    .digest('hex')

  const req = await createLocalReq({ context: options.clinicalReviewWaiver ? { [CLINICAL_REVIEW_WAIVER]: options.clinicalReviewWaiver } : {} }, payload)
  const ownTransaction = await initTransaction(req)
  try {
    const existing = await findOne(payload, req, CONTENT_SLUGS.articles, { slug: { equals: parsed.slug } })
    // A draft stub an earlier import made for a link to this article is filled in place (same id,
    // so every link to it stays right), as long as nobody has edited it since.
    const stub = existing && existing.importKey !== articleKey ? await stubState(payload, req, existing) : undefined
    if (existing && existing.importKey !== articleKey && stub !== 'untouched') {
      throw new Error(
        stub === 'edited'
          ? `The article "${parsed.slug}" was created as a draft stub for a link from another import, and has been edited since; it was not overwritten. ` +
              'Finish it in the admin UI, or delete that draft to import this file in its place.'
          : `An article with the slug "${parsed.slug}" already exists and was not imported from this file; rename or delete it first.`,
      )
    }
    if (existing && existing.importChecksum === checksum && existing._status === status) {
      if (ownTransaction) await commitTransaction(req)
      return { articleId: existing.id as string | number, slug: parsed.slug, outcome: 'unchanged', benefitLists: 0, images: 0, callToAction: false, stubsCreated: [] }
    }

    const children = []
    let lists = 0
    let images = 0
    for (const section of parsed.sections) {
      if (section.kind === 'heading') children.push(heading('h2', section.text))
      if (section.kind === 'paragraph') children.push(paragraph(section.text))
      if (section.kind === 'image') {
        images++
        const media = await upsertImage(payload, req, `${parsed.slug}#image-${images}`, section.alt, options.placeholderImage)
        children.push(upload(CONTENT_SLUGS.media, media.id))
      }
      if (section.kind === 'list') {
        lists++
        const importKey = `${parsed.slug}#list-${lists}`
        const list = await upsert(payload, req, CONTENT_SLUGS.benefitLists, importKey, status, {
          title: truncate(`${parsed.title} — ${section.leadIn ?? `list ${lists}`}`, 200),
          leadIn: section.leadIn ?? null,
          displayStyle: section.style,
          items: section.items.map((item) => ({ label: item.label, description: item.description ?? null })),
        })
        children.push(block(EMBED_BLOCK_SLUGS.benefitList, { benefitList: list.id }))
      }
    }
    if (parsed.callToAction) {
      const cta = await upsert(payload, req, CONTENT_SLUGS.callsToAction, `${parsed.slug}#cta`, status, {
        heading: parsed.callToAction.heading,
        body: parsed.callToAction.body,
        buttonLabel: parsed.callToAction.buttonLabel,
        link: { type: 'external', url: options.callToActionUrl },
        style: 'banner',
      })
      children.push(block(EMBED_BLOCK_SLUGS.callToAction, { callToAction: cta.id }))
    }

    const stubsCreated: string[] = []
    const linkTo = async (title: string | undefined) => {
      if (!title) return null
      const { id, created } = await findOrCreateStub(payload, req, title)
      if (created) stubsCreated.push(title)
      return id
    }
    const data = {
      title: parsed.title,
      slug: parsed.slug,
      excerpt: parsed.excerpt ?? null,
      body: lexicalDocument(children),
      previousArticle: await linkTo(parsed.previousTitle),
      nextArticle: await linkTo(parsed.nextTitle),
      ...(options.review ? { clinicalReview: { ...options.review } } : {}),
      importChecksum: checksum,
    }
    const article = await upsert(payload, req, CONTENT_SLUGS.articles, articleKey, status, data, existing)
    if (ownTransaction) await commitTransaction(req)
    return {
      articleId: article.id as string | number,
      slug: parsed.slug,
      outcome: stub === 'untouched' ? 'filled' : existing ? 'updated' : 'created',
      benefitLists: lists,
      images,
      callToAction: Boolean(parsed.callToAction),
      stubsCreated,
    }
  } catch (error) {
    if (ownTransaction) await killTransaction(req)
    throw error
  }
}

type Doc = Record<string, unknown> & { id: string | number }

async function findOne(payload: Payload, req: PayloadRequest, collection: Collection, where: Record<string, unknown>): Promise<Doc | undefined> {
  const result = await payload.find({ collection, where: where as never, limit: 1, depth: 0, draft: true, overrideAccess: true, req, pagination: false })
  return result.docs[0] as unknown as Doc | undefined
}

/** Creates or updates the document imported under this key, leaving it alone when nothing changed. */
async function upsert(
  payload: Payload,
  req: PayloadRequest,
  collection: Collection,
  importKey: string,
  status: Status,
  fields: Record<string, unknown>,
  known?: Doc,
): Promise<Doc> {
  const existing = known ?? (await findOne(payload, req, collection, { importKey: { equals: importKey } }))
  const data = { ...fields, importKey, _status: status } as never
  const common = { collection, data, draft: status === 'draft', depth: 0, overrideAccess: true, req } as const
  if (existing) return (await payload.update({ ...common, id: existing.id })) as unknown as Doc
  return (await payload.create(common)) as unknown as Doc
}

async function upsertImage(payload: Payload, req: PayloadRequest, importKey: string, alt: string, file: string): Promise<Doc> {
  const existing = await findOne(payload, req, CONTENT_SLUGS.media, { importKey: { equals: importKey } })
  if (existing) {
    if (existing.alt === alt) return existing
    return (await payload.update({ collection: CONTENT_SLUGS.media, id: existing.id, data: { alt }, overrideAccess: true, req })) as unknown as Doc
  }
  return (await payload.create({ collection: CONTENT_SLUGS.media, data: { alt, importKey }, filePath: file, overrideAccess: true, req })) as unknown as Doc
}

const STUB_TEXT = 'This article was linked from an imported article and has not been written or imported yet.'
const stubKey = (slug: string) => `${slug}#stub`

/**
 * Whether an article is a draft stub made by an import for a link to it ('untouched' while it is
 * exactly as the importer left it: one version, still a draft with the stub's text), a stub an
 * editor has worked on since ('edited'), or no stub at all. Stubs from before they carried an
 * import key are known by their text.
 */
async function stubState(payload: Payload, req: PayloadRequest, doc: Doc): Promise<'untouched' | 'edited' | undefined> {
  const markedStub = doc.importKey === stubKey(String(doc.slug))
  const stubText = lexicalToPlainText(doc.body as never) === STUB_TEXT
  if (!markedStub && !(doc.importKey == null && stubText)) return undefined
  const versions = await payload.countVersions({ collection: CONTENT_SLUGS.articles, where: { parent: { equals: doc.id } }, overrideAccess: true, req })
  return versions.totalDocs <= 1 && doc._status === 'draft' && stubText ? 'untouched' : 'edited'
}

/** A linked article by its title's slug; when there is none yet, a draft stub an editor can finish. */
async function findOrCreateStub(payload: Payload, req: PayloadRequest, title: string): Promise<{ id: string | number; created: boolean }> {
  const slug = slugify(title)
  const existing = await findOne(payload, req, CONTENT_SLUGS.articles, { slug: { equals: slug } })
  if (existing) return { id: existing.id, created: false }
  const stub = await payload.create({
    collection: CONTENT_SLUGS.articles,
    data: {
      title,
      slug,
      body: lexicalDocument([paragraph(STUB_TEXT)]),
      importKey: stubKey(slug),
      _status: 'draft',
    } as never,
    draft: true,
    depth: 0,
    overrideAccess: true,
    req,
  })
  return { id: stub.id, created: true }
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
