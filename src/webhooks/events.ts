/** What changed in public: published for the first time (again), changed while published, taken down, deleted. */
export const WEBHOOK_EVENTS = ['published', 'updated', 'unpublished', 'deleted'] as const
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number]

/** The event a change of the published state makes, or none (a draft saved on the side). */
export function publicChange(before: PublishedState, after: PublishedState): WebhookEvent | undefined {
  if (!before.published && after.published) return 'published'
  if (before.published && !after.published) return 'unpublished'
  if (before.published && after.published && before.updatedAt !== after.updatedAt) return 'updated'
  return undefined
}

export type PublishedState = { published: boolean; updatedAt?: string }
