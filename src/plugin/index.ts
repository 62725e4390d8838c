import type { CollectionConfig, Config, Plugin } from 'payload'

import { createArticles } from '../../collections/Articles'
import { createBenefitLists } from '../../collections/BenefitLists'
import { createCallsToAction } from '../../collections/CallsToAction'
import { createFaqs } from '../../collections/Faqs'
import { createMedia } from '../../collections/Media'
import { createAuditLog } from '../../collections/AuditLog'
import { WebhookDeliveries } from '../../collections/WebhookDeliveries'
import { Webhooks } from '../../collections/Webhooks'
import { withAudit } from '../audit/audit-log'
import { ConfigurationError } from '../config/configuration-error'
import { previewEndpoint } from '../preview/preview-endpoint'
import { type ContentCollection, type KapContentOptions, resolveOptions } from './options'

export { CONTENT_SLUGS, DEFAULT_DISCLAIMER, type KapContentOptions } from './options'

const FACTORIES: Record<ContentCollection, (options: ReturnType<typeof resolveOptions>) => CollectionConfig> = {
  media: createMedia,
  benefitLists: createBenefitLists,
  faqs: createFaqs,
  callsToAction: createCallsToAction,
  articles: createArticles,
}

/**
 * The KAP content model as a Payload plugin: `kapContent(options)` returns `(config) => config`
 * adding media, benefit lists, FAQs, calls to action and articles, with their publishing rules,
 * webhooks that tell sites when published content changes, and an audit log of every change.
 * Works in any Payload 3 project whose user collection has a `roles` field (see publishRoles).
 */
export function kapContent(options: KapContentOptions = {}): Plugin {
  const resolved = resolveOptions(options)
  return (config: Config): Config => {
    const added = (Object.keys(FACTORIES) as ContentCollection[])
      .filter((key) => resolved.collections[key])
      .map((key) => FACTORIES[key](resolved))
    const existing = new Set((config.collections ?? []).map((collection) => collection.slug))
    const clash = added.find((collection) => existing.has(collection.slug))
    if (clash) {
      throw new ConfigurationError(`kapContent: the config already has a collection "${clash.slug}"; disable it in the plugin options or rename yours.`)
    }
    return {
      ...config,
      // Every collection's saves and deletes go to the audit log, the host's users included.
      collections: [...(config.collections ?? []), ...added, Webhooks].map(withAudit).concat(WebhookDeliveries, createAuditLog(userCollectionSlug(config))),
      endpoints: [...(config.endpoints ?? []), previewEndpoint],
      jobs: {
        ...config.jobs,
        // Scheduled publishing is a job; keep finished ones out of the way.
        deleteJobOnComplete: config.jobs?.deleteJobOnComplete ?? true,
      },
      custom: { ...config.custom, kapContent: { siteUrl: resolved.siteUrl, previewUrl: resolved.previewUrl } },
    }
  }
}

/** The collection people sign in with: the admin's, else the first with auth (Payload's own default). */
function userCollectionSlug(config: Config): string {
  return config.admin?.user ?? config.collections?.find((collection) => collection.auth)?.slug ?? 'users'
}
