import type { CollectionConfig, Config, Plugin } from 'payload'

import { createArticles } from '../../collections/Articles'
import { createBenefitLists } from '../../collections/BenefitLists'
import { createCallsToAction } from '../../collections/CallsToAction'
import { createFaqs } from '../../collections/Faqs'
import { createMedia } from '../../collections/Media'
import { createAuditLog } from '../../collections/AuditLog'
import { WebhookDeliveries } from '../../collections/WebhookDeliveries'
import { Webhooks } from '../../collections/Webhooks'
import { Sites } from '../../collections/Sites'
import { createRedirects } from '../../collections/Redirects'
import { ReviewDigests } from '../../collections/ReviewDigests'
import { restrictDocumentLocks } from '../access/document-locks'
import { auditPublicChange, withAudit } from '../audit/audit-log'
import { auditFailedSignIns, guardSignIn, SIGN_IN_FAILED_MESSAGE } from '../auth/sign-in-guard'
import { ConfigurationError } from '../config/configuration-error'
import { rejectMissingData } from '../fields/reject-malformed-data'
import { withAnonymousAccessQuery } from '../graphql/access-query'
import { previewEndpoint } from '../preview/preview-endpoint'
import { type ContentModelOptions } from '../publishing/publishing-workflow'
import { markImagesPublic } from '../publishing/public-images'
import { guardScheduledPublishing, jobsAccess } from '../publishing/scheduled-publishing'
import { invalidateCachedReads } from '../read-cache/invalidation'
import { queueWebhookDeliveries } from '../webhooks/queue-deliveries'
import { redirectMovedSlugs } from '../redirects/slug-redirects'
import { type KapContentOptions, resolveOptions } from '../model/options'
import { type ContentCollection } from '../model/slugs'
import { finishPluginWorkOnDestroy, withBackgroundWork } from './background-work'
import { applyCollectionOverride } from './collection-overrides'
import { pluginCommands } from './commands'
import { settingsEntry } from '../model/settings'

export { type CollectionOverride, DEFAULT_DISCLAIMER, type KapContentOptions } from '../model/options'
export { CONTENT_SLUGS } from '../model/slugs'
export { kapContentSettings } from '../model/settings'
export { deliverWebhooksNow } from './background-work'
export { type Coordinator, singleProcess } from '../coordination/coordinator'

/** The dashboard component as the host's import map names it (see package.json "exports"). */
export const STAFF_DASHBOARD_COMPONENT = 'kap-content-cms/admin#StaffDashboard'

/** In the order staff look for them in the admin's navigation: articles first, images after the content they serve. */
const FACTORIES: Record<ContentCollection, (options: ContentModelOptions) => CollectionConfig> = {
  articles: createArticles,
  benefitLists: createBenefitLists,
  faqs: createFaqs,
  callsToAction: createCallsToAction,
  media: createMedia,
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
    const usersSlug = userCollectionSlug(config)
    // What the public sees changed: keep old addresses working, flag the images it shows, tell sites, drop cached answers, log it.
    const model: ContentModelOptions = {
      ...resolved,
      usersSlug,
      publicChangeListeners: [redirectMovedSlugs, markImagesPublic, queueWebhookDeliveries, invalidateCachedReads, auditPublicChange],
    }
    const added = (Object.keys(FACTORIES) as ContentCollection[])
      .filter((key) => resolved.collections[key])
      .map((key) => applyCollectionOverride(FACTORIES[key](model), resolved.overrides[key]))
    const existing = new Set((config.collections ?? []).map((collection) => collection.slug))
    const clash = added.find((collection) => existing.has(collection.slug))
    if (clash) {
      throw new ConfigurationError(`kapContent: the config already has a collection "${clash.slug}"; disable it in the plugin options or rename yours.`)
    }
    // Sign-in, password reset and unlocking are guarded in the users collection's own auth hooks.
    const hostCollections = (config.collections ?? []).map((collection) =>
      collection.slug === usersSlug && collection.auth ? guardSignIn(collection, resolved.signInLimits) : collection,
    )
    return {
      ...config,
      // Every collection's saves and deletes go to the audit log, the host's users included.
      // The content first, so the admin's navigation opens with it; the host's collections (staff) after.
      collections: [...added, ...(resolved.collections.articles ? [createRedirects(resolved)] : []), ...hostCollections, Webhooks, ...(resolved.siteKeys ? [Sites] : [])]
        .map(withAudit)
        .concat(WebhookDeliveries, createAuditLog(usersSlug), ReviewDigests),
      endpoints: [...(config.endpoints ?? []), previewEndpoint(resolved)],
      // Staff see their work first: reviews due, drafts waiting, what is scheduled, what changed.
      admin: resolved.dashboard
        ? { ...config.admin, components: { ...config.admin?.components, beforeDashboard: [...(config.admin?.components?.beforeDashboard ?? []), STAFF_DASHBOARD_COMPONENT] } }
        : config.admin,
      bin: [...(config.bin ?? []), ...pluginCommands()],
      graphQL: { ...config.graphQL, queries: withAnonymousAccessQuery(config.graphQL?.queries) },
      hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), auditFailedSignIns] },
      // One answer for an unknown account, a wrong password and a locked account (see sign-in-guard.ts).
      i18n: {
        ...config.i18n,
        translations: {
          ...config.i18n?.translations,
          en: {
            ...config.i18n?.translations?.en,
            error: {
              ...(config.i18n?.translations?.en as { error?: object } | undefined)?.error,
              emailOrPasswordIncorrect: SIGN_IN_FAILED_MESSAGE,
              userLocked: SIGN_IN_FAILED_MESSAGE,
            },
          },
        } as NonNullable<Config['i18n']>['translations'],
      },
      jobs: {
        ...withBackgroundWork(jobsAccess(config.jobs, resolved.publishRoles), resolved),
        // Scheduled publishing is a job; keep finished ones out of the way.
        deleteJobOnComplete: config.jobs?.deleteJobOnComplete ?? true,
      },
      onInit: async (payload) => {
        finishPluginWorkOnDestroy(payload, resolved.coordinator)
        restrictDocumentLocks(payload)
        // Every collection, Payload's own included: a write without a document is a 400, not a 500.
        for (const { config: collection } of Object.values(payload.collections)) collection.hooks.beforeOperation = [rejectMissingData, ...(collection.hooks.beforeOperation ?? [])]
        guardScheduledPublishing(payload, resolved.publishRoles)
        await config.onInit?.(payload)
      },
      custom: {
        ...config.custom,
        ...settingsEntry({
          siteUrl: resolved.siteUrl,
          previewUrl: resolved.previewUrl,
          usersCollection: usersSlug,
          coordinator: resolved.coordinator,
          publishRoles: resolved.publishRoles,
        }),
      },
    }
  }
}

/** The collection people sign in with: the admin's, else the first with auth (Payload's own default). */
function userCollectionSlug(config: Config): string {
  return config.admin?.user ?? config.collections?.find((collection) => collection.auth)?.slug ?? 'users'
}
