// Every collection and block slug the plugin uses, declared once. Stable: sites, REST paths,
// stored rich text and the database tables depend on them.

/** The content collections, each of which a host may switch off (see KapContentOptions.collections). */
export const CONTENT_SLUGS = {
  articles: 'articles',
  benefitLists: 'benefit-lists',
  faqs: 'faqs',
  callsToAction: 'calls-to-action',
  media: 'media',
} as const

export type ContentCollection = keyof typeof CONTENT_SLUGS

/** The plugin's own collections: webhooks and their deliveries, the audit log, site keys, redirects, review digests. */
export const WEBHOOKS_SLUG = 'webhooks'
export const WEBHOOK_DELIVERIES_SLUG = 'webhook-deliveries'
export const AUDIT_LOG_SLUG = 'audit-log'
export const SITE_KEYS_SLUG = 'sites'
/** Old article slugs that lead to the article now (made when a published article's slug changes). */
export const REDIRECTS_SLUG = 'redirects'
/** One record per day of review-due digests sent, so several processes send it once. */
export const REVIEW_DIGESTS_SLUG = 'review-digests'

/** Payload's own collections the plugin guards. */
export const PAYLOAD_JOBS_SLUG = 'payload-jobs'
export const PAYLOAD_LOCKS_SLUG = 'payload-locked-documents'

/** The blocks an article's body embeds shared documents with (stored in rich text as `blockType`). */
export const EMBED_BLOCK_SLUGS = {
  benefitList: 'benefitList',
  faqGroup: 'faqGroup',
  callToAction: 'callToAction',
} as const
