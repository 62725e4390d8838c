import type { Payload } from 'payload'

import { block, heading, lexicalDocument, paragraph } from '../../src/richtext/lexical-nodes'

export const REVIEW = {
  reviewerName: 'Dr. Maya Chen',
  reviewerCredentials: 'MD, psychiatrist',
  reviewedAt: '2026-10-01T00:00:00.000Z',
}

type Status = 'draft' | 'published'

export async function createBenefitList(
  payload: Payload,
  { title = 'What sessions feel like', items = [{ label: 'Emotional release', description: 'Grief may surface.' }], status = 'published' as Status } = {},
) {
  return payload.create({
    collection: 'benefit-lists',
    data: { title, items, _status: status } as never,
    draft: (status === 'draft') as true,
    overrideAccess: true,
  })
}

export async function createArticle(
  payload: Payload,
  {
    title = 'Ketamine and integration',
    slug,
    status = 'published' as Status,
    bodyText = 'Integration turns insight into lasting change.',
    embeds = [] as { blockType: string; fields: Record<string, unknown> }[],
    publishedDate,
  }: {
    title?: string
    slug?: string
    status?: Status
    bodyText?: string
    embeds?: { blockType: string; fields: Record<string, unknown> }[]
    publishedDate?: string
  } = {},
) {
  return payload.create({
    collection: 'articles',
    data: {
      title,
      ...(slug ? { slug } : {}),
      ...(publishedDate ? { publishedDate } : {}),
      body: lexicalDocument([heading('h2', 'Why integration matters'), paragraph(bodyText), ...embeds.map((embed) => block(embed.blockType, embed.fields))]),
      clinicalReview: REVIEW,
      _status: status,
    } as never,
    draft: (status === 'draft') as true,
    overrideAccess: true,
  })
}

/** Saves a newer draft on top of a published document, as the admin's autosave does. */
export async function saveDraft(payload: Payload, collection: 'articles' | 'benefit-lists' | 'faqs' | 'calls-to-action', id: string | number, data: Record<string, unknown>) {
  return payload.update({ collection, id, data: { ...data, _status: 'draft' } as never, draft: true, overrideAccess: true })
}

export type ContentSlug = 'articles' | 'benefit-lists' | 'faqs' | 'calls-to-action'

/** The field each content type is titled by (what a test changes to see a save land). */
export const TITLE_FIELD: Record<ContentSlug, string> = { articles: 'title', 'benefit-lists': 'title', faqs: 'question', 'calls-to-action': 'heading' }

/**
 * Valid data for a new document of each content type, published or a draft. An article carries its
 * clinical review unless `review: false` (what a contributor, who cannot record one, would send).
 */
export function contentData(collection: ContentSlug, title: string, status: Status, { review = true }: { review?: boolean } = {}): Record<string, unknown> {
  const unique = `${title}-${Math.random().toString(36).slice(2, 8)}`
  switch (collection) {
    case 'articles':
      return {
        title,
        slug: unique.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
        body: lexicalDocument([paragraph('Integration turns insight into change.')]),
        ...(review ? { clinicalReview: REVIEW } : {}),
        _status: status,
      }
    case 'benefit-lists':
      return { title, items: [{ label: 'Emotional release', description: 'Grief may surface.' }], displayStyle: 'labelAndDescription', _status: status }
    case 'faqs':
      return { question: title, answer: lexicalDocument([paragraph('An answer from the clinic.')]), _status: status }
    case 'calls-to-action':
      return { heading: title, buttonLabel: 'Schedule a consultation', link: { type: 'external', url: 'https://clinic.example/book' }, style: 'primary', _status: status }
  }
}

/** A document of any content type, created as server code would. */
export async function createContent(payload: Payload, collection: ContentSlug, { title = 'Fixture', status = 'published' as Status } = {}) {
  return payload.create({ collection, data: contentData(collection, title, status) as never, draft: (status === 'draft') as true, overrideAccess: true })
}
