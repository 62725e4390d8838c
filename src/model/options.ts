import path from 'node:path'

import type { CollectionConfig, Field } from 'payload'

import { ConfigurationError } from '../config/configuration-error'
import { type Coordinator, singleProcess } from '../coordination/coordinator'
import type { ContentCollection } from './slugs'

export type SignInLimits = {
  /** The window the counts below are kept for. */
  windowSeconds: number
  /** Sign-in and password-reset requests from one address, successful or not. */
  attemptsPerAddress: number
  /** Failed sign-ins against one account. */
  failuresPerAccount: number
}

/** How queued webhook deliveries are sent (see src/webhooks/dispatcher.ts). */
export type DispatcherOptions = {
  /** How often queued deliveries are looked for. */
  pollMs: number
  /** How long an endpoint has to answer. */
  timeoutMs: number
  /** A failed delivery is retried after retryBaseMs × 2^(attempt-1)… */
  retryBaseMs: number
  /** …up to this many attempts. */
  maxAttempts: number
  /**
   * With several processes, an attempt is claimed for timeoutMs plus this: time to record the
   * outcome. A process that dies mid-attempt holds its claim that long; then another one retries.
   */
  claimMarginMs: number
}

export const DEFAULT_DISPATCHER_OPTIONS: DispatcherOptions = { pollMs: 1000, timeoutMs: 5000, retryBaseMs: 5000, maxAttempts: 8, claimMarginMs: 30_000 }

/** How long a preview link works unless the host says otherwise. */
export const DEFAULT_PREVIEW_TTL_SECONDS = 60 * 60

export const DEFAULT_DISCLAIMER =
  'This article is for general information and is not medical advice. Ketamine-assisted psychotherapy is not right for everyone; ' +
  'talk with a qualified clinician about your own situation. If you are in crisis, call or text 988 (in the US) or your local emergency number.'

/**
 * A host's changes to one of the plugin's collections, as Payload's official plugins offer them:
 * each function receives what the plugin would use and returns what to use instead. Fields may be
 * added, changed or hidden (`admin: { hidden: true }`), not removed: the plugin reads them.
 */
export type CollectionOverride = {
  fields?: (args: { defaultFields: Field[] }) => Field[]
  admin?: (args: { defaultAdmin: NonNullable<CollectionConfig['admin']> }) => CollectionConfig['admin']
}

export type KapContentOptions = {
  /** Which content collections to add; all by default. Articles need media (hero images). */
  collections?: Partial<Record<ContentCollection, boolean>>
  /** Per collection: add, change or hide fields and admin settings without forking the plugin. */
  overrides?: Partial<Record<ContentCollection, CollectionOverride>>
  /** Roles (from the user's `roles` field) that may publish. Others may only save drafts. */
  publishRoles?: string[]
  /** Roles that may delete content. */
  deleteRoles?: string[]
  /** The public site, for preview and absolute links. */
  siteUrl?: string
  /** Refuse to publish an article without a reviewer and a review date. */
  requireClinicalReview?: boolean
  /** Older versions beyond this many per document are deleted. */
  maxVersionsPerDocument?: number
  /** The medical disclaimer that articles show when theirs is switched on. */
  disclaimer?: string
  /** Where uploaded images are stored. */
  mediaDir?: string
  /** How often the admin UI autosaves a draft while an editor types. */
  autosaveIntervalMs?: number
  /**
   * The site whose /preview/:collection/:id page shows drafts: empty for the built-in renderer on
   * this server, or an external site's origin (PREVIEW_URL).
   */
  previewUrl?: string
  /** How long a preview link works. */
  previewTtlSeconds?: number
  /** Sign-in and password-reset limits, on top of Payload's lockout of an account. */
  signInLimits?: Partial<SignInLimits>
  /** Site keys: API keys sites read published content with, each with its own read limit. */
  siteKeys?: boolean
  /** How often queued webhook deliveries are looked for, how long an endpoint has to answer, and retries. */
  webhookDelivery?: Partial<DispatcherOptions>
  /** Days an audit entry is kept; 0 keeps everything. */
  auditRetentionDays?: number
  /** When due scheduled publications are run (a cron pattern), unless the host's jobs.autoRun covers the default queue. */
  scheduledPublishingCron?: string
  /**
   * How several processes on one database agree (webhook claims, one job runner, rate limits, read
   * cache invalidation): createRedisCoordinator(url) for Redis. By default this process assumes it is the only one.
   */
  coordinator?: Coordinator
  /** With several processes, the job runner's lease: a surviving process takes over this long after the runner dies. */
  jobRunnerLeaseSeconds?: number
  /** From this hour (UTC) on, the day's review-due digest is emailed, when Payload has an email adapter. */
  reviewDigestHourUtc?: number
  /** The staff dashboard above the admin's collection tiles (needs `kap-content-cms/admin` in the import map). */
  dashboard?: boolean
}

export type ResolvedKapOptions = Required<Omit<KapContentOptions, 'collections' | 'signInLimits' | 'webhookDelivery'>> & {
  collections: Record<ContentCollection, boolean>
  signInLimits: SignInLimits
  webhookDelivery: DispatcherOptions
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { windowSeconds: 900, attemptsPerAddress: 30, failuresPerAccount: 10 }

export function resolveOptions(options: KapContentOptions = {}): ResolvedKapOptions {
  const collections: Record<ContentCollection, boolean> = {
    articles: true,
    benefitLists: true,
    faqs: true,
    callsToAction: true,
    media: true,
    ...options.collections,
  }
  if (collections.articles && !collections.media) {
    throw new ConfigurationError('kapContent: articles need the media collection for hero and inline images; enable media or disable articles.')
  }
  const maxVersionsPerDocument = options.maxVersionsPerDocument ?? 50
  if (!Number.isInteger(maxVersionsPerDocument) || maxVersionsPerDocument < 1) {
    throw new ConfigurationError(`kapContent: maxVersionsPerDocument must be a whole number of at least 1; got ${maxVersionsPerDocument}.`)
  }
  const auditRetentionDays = options.auditRetentionDays ?? 365
  if (!Number.isInteger(auditRetentionDays) || auditRetentionDays < 0) {
    throw new ConfigurationError(`kapContent: auditRetentionDays must be a whole number of days (0 keeps everything); got ${auditRetentionDays}.`)
  }
  const reviewDigestHourUtc = options.reviewDigestHourUtc ?? 7
  if (!Number.isInteger(reviewDigestHourUtc) || reviewDigestHourUtc < 0 || reviewDigestHourUtc > 23) {
    throw new ConfigurationError(`kapContent: reviewDigestHourUtc must be a whole hour from 0 to 23; got ${reviewDigestHourUtc}.`)
  }
  return {
    collections,
    overrides: options.overrides ?? {},
    publishRoles: options.publishRoles ?? ['admin', 'editor'],
    deleteRoles: options.deleteRoles ?? ['admin'],
    siteUrl: (options.siteUrl || 'http://localhost:3000').replace(/\/+$/, ''),
    requireClinicalReview: options.requireClinicalReview ?? true,
    maxVersionsPerDocument,
    disclaimer: options.disclaimer ?? DEFAULT_DISCLAIMER,
    mediaDir: options.mediaDir ?? path.resolve('media'),
    autosaveIntervalMs: options.autosaveIntervalMs ?? 2000,
    previewUrl: (options.previewUrl ?? '').replace(/\/+$/, ''),
    previewTtlSeconds: options.previewTtlSeconds ?? DEFAULT_PREVIEW_TTL_SECONDS,
    signInLimits: { ...DEFAULT_SIGN_IN_LIMITS, ...options.signInLimits },
    siteKeys: options.siteKeys ?? true,
    webhookDelivery: { ...DEFAULT_DISPATCHER_OPTIONS, ...options.webhookDelivery },
    auditRetentionDays,
    scheduledPublishingCron: options.scheduledPublishingCron || '* * * * *',
    coordinator: options.coordinator ?? singleProcess(),
    jobRunnerLeaseSeconds: options.jobRunnerLeaseSeconds ?? 90,
    reviewDigestHourUtc,
    dashboard: options.dashboard ?? true,
  }
}
