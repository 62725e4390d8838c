import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

/** What changed in public: published for the first time (again), changed while published, taken down, deleted. */
export const PUBLIC_CHANGE_EVENTS = ['published', 'updated', 'unpublished', 'deleted'] as const
export type PublicChangeEvent = (typeof PUBLIC_CHANGE_EVENTS)[number]

export type PublishedState = { published: boolean; updatedAt?: string }

/** The event a change of the published state makes, or none (a draft saved on the side). */
export function publicChange(before: PublishedState, after: PublishedState): PublicChangeEvent | undefined {
  if (!before.published && after.published) return 'published'
  if (before.published && !after.published) return 'unpublished'
  if (before.published && after.published && before.updatedAt !== after.updatedAt) return 'updated'
  return undefined
}

/**
 * `stored` is the document as stored after the save (the public state, ids unpopulated); none after
 * a delete. `previous` is the stored document before an update (a moved slug shows there).
 */
export type PublicChange = {
  event: PublicChangeEvent
  collection: string
  doc: Record<string, any>
  stored?: Record<string, unknown>
  previous?: Record<string, unknown>
  req: PayloadRequest
}

/** Something that must follow what the public sees (webhooks, the read cache). Its failure never fails the save. */
export type PublicChangeListener = { name: string; onChange: (change: PublicChange) => Promise<void> | void }

const BEFORE = 'kapStoredBeforeSave'

/**
 * Hooks that tell listeners when what the public sees changes. With drafts, a save may only add a
 * draft beside the published document, so the event comes from the published (stored) state
 * before and after the save; a draft saved on the side makes none.
 */
export function publicChangeHooks(listeners: readonly PublicChangeListener[]): {
  beforeChange: CollectionBeforeChangeHook
  afterChange: CollectionAfterChangeHook
  afterDelete: CollectionAfterDeleteHook
} {
  const notify = async (change: PublicChange) => {
    for (const listener of listeners) {
      try {
        await listener.onChange(change)
      } catch (error) {
        change.req.payload.logger.error({ err: error, collection: change.collection, id: change.doc.id, event: change.event }, `${listener.name} failed after a public change`)
      }
    }
  }
  return {
    beforeChange: async ({ collection, context, data, operation, originalDoc, req }) => {
      if (operation === 'update' && originalDoc?.id !== undefined) {
        context[BEFORE] = (await storedDocument(req, collection.slug, originalDoc.id)) ?? undefined
      }
      return data
    },
    afterChange: async ({ collection, context, doc, req }) => {
      const previous = context[BEFORE] as Record<string, unknown> | undefined
      const stored = await storedDocument(req, collection.slug, doc.id)
      const event = publicChange(publishedState(previous ?? null), publishedState(stored))
      if (event) await notify({ event, collection: collection.slug, doc, stored: stored ?? undefined, previous, req })
      return doc
    },
    afterDelete: async ({ collection, doc, req }) => {
      if (doc?._status === 'published') await notify({ event: 'deleted', collection: collection.slug, doc, req })
      return doc
    },
  }
}

async function storedDocument(req: PayloadRequest, collection: string, id: string | number): Promise<Record<string, unknown> | null> {
  return (await req.payload.db.findOne({ collection: collection as 'articles', where: { id: { equals: id } }, req })) as Record<string, unknown> | null
}

function publishedState(stored: Record<string, unknown> | null): PublishedState {
  return { published: stored?._status === 'published', updatedAt: stored?.updatedAt as string | undefined }
}
