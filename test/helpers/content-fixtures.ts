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
  }: {
    title?: string
    slug?: string
    status?: Status
    bodyText?: string
    embeds?: { blockType: string; fields: Record<string, unknown> }[]
  } = {},
) {
  return payload.create({
    collection: 'articles',
    data: {
      title,
      ...(slug ? { slug } : {}),
      body: lexicalDocument([
        heading('h2', 'Why integration matters'),
        paragraph(bodyText),
        ...embeds.map((embed) => block(embed.blockType, embed.fields)),
      ]),
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
