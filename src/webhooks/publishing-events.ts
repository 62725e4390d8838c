import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { WEBHOOK_DELIVERIES_SLUG } from '../../collections/WebhookDeliveries'
import { WEBHOOKS_SLUG } from '../../collections/Webhooks'
import { type PublishedState, publicChange, type WebhookEvent } from './events'

const BEFORE = 'kapPublishedStateBefore'

/**
 * Hooks that turn saves into webhook events. With drafts, a save may only add a draft beside the
 * published document, so the event comes from the published (stored) state before and after.
 * Queuing is part of the save; sending is not (see dispatcher.ts), and a failure here is logged,
 * never allowed to fail the editor's save.
 */
export const rememberPublishedState: CollectionBeforeChangeHook = async ({ collection, context, data, operation, originalDoc, req }) => {
  if (operation === 'update' && originalDoc?.id !== undefined) {
    context[BEFORE] = await publishedState(req, collection.slug, originalDoc.id)
  }
  return data
}

export const announcePublicChange: CollectionAfterChangeHook = async ({ collection, context, doc, req }) => {
  try {
    const before = (context[BEFORE] as PublishedState | undefined) ?? { published: false }
    const event = publicChange(before, await publishedState(req, collection.slug, doc.id))
    if (event) await queueDeliveries(req, event, collection.slug, doc)
  } catch (error) {
    req.payload.logger.error({ err: error, collection: collection.slug, id: doc.id }, 'could not queue webhook deliveries')
  }
  return doc
}

export const announceDeletion: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  if (doc?._status !== 'published') return doc
  try {
    await queueDeliveries(req, 'deleted', collection.slug, doc)
  } catch (error) {
    req.payload.logger.error({ err: error, collection: collection.slug, id: doc.id }, 'could not queue webhook deliveries')
  }
  return doc
}

async function publishedState(req: PayloadRequest, collection: string, id: string | number): Promise<PublishedState> {
  const stored = (await req.payload.db.findOne({ collection: collection as 'articles', where: { id: { equals: id } }, req })) as { _status?: string; updatedAt?: string } | null
  return { published: stored?._status === 'published', updatedAt: stored?.updatedAt }
}

async function queueDeliveries(req: PayloadRequest, event: WebhookEvent, collection: string, doc: Record<string, any>): Promise<void> {
  const hooks = await req.payload.find({
    collection: WEBHOOKS_SLUG,
    where: { and: [{ active: { equals: true } }, { events: { in: [event] } }] } as never,
    limit: 100,
    depth: 0,
    overrideAccess: true,
    req,
  })
  const occurredAt = new Date().toISOString()
  for (const hook of hooks.docs) {
    const body = JSON.stringify({
      event,
      collection,
      document: { id: doc.id, slug: doc.slug ?? null, title: doc.title ?? doc.question ?? doc.heading ?? null },
      occurredAt,
    })
    await req.payload.create({
      collection: WEBHOOK_DELIVERIES_SLUG,
      data: { webhook: hook.id, event, documentCollection: collection, documentId: String(doc.id), body, status: 'pending', attempts: 0, nextAttemptAt: occurredAt } as never,
      overrideAccess: true,
      req,
    })
  }
}
