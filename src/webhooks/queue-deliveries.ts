import { WEBHOOK_DELIVERIES_SLUG, WEBHOOKS_SLUG } from '../model/slugs'
import type { PublicChangeListener } from '../publishing/public-change'

/**
 * Queues one delivery per active webhook that wants the event. Queuing is part of the save (same
 * transaction); sending is not (see dispatcher.ts).
 */
export const queueWebhookDeliveries: PublicChangeListener = {
  name: 'webhook queueing',
  onChange: async ({ event, collection, doc, previous, req }) => {
    const hooks = await req.payload.find({
      collection: WEBHOOKS_SLUG,
      where: { and: [{ active: { equals: true } }, { events: { in: [event] } }] },
      limit: 100,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const occurredAt = new Date().toISOString()
    // A published article that moved: sites rename their copy, and the old address redirects (see src/redirects).
    const moved = previous?._status === 'published' && typeof previous.slug === 'string' && doc.slug && previous.slug !== doc.slug ? { previousSlug: previous.slug } : {}
    for (const hook of hooks.docs) {
      const body = JSON.stringify({
        event,
        collection,
        document: { id: doc.id, slug: doc.slug ?? null, ...moved, title: doc.title ?? doc.question ?? doc.heading ?? null },
        occurredAt,
      })
      await req.payload.create({
        collection: WEBHOOK_DELIVERIES_SLUG,
        data: { webhook: hook.id, event, documentCollection: collection, documentId: String(doc.id), body, status: 'pending', attempts: 0, nextAttemptAt: occurredAt },
        overrideAccess: true,
        req,
      })
    }
  },
}
