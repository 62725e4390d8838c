import type { Config, Payload } from 'payload'

import { pruneAuditLog } from '../audit/audit-log'
import type { Coordinator } from '../coordination/coordinator'
import { afterTransactionsSettled } from '../publishing/after-transaction'
import type { DispatcherOptions } from '../model/options'
import { startWebhookDispatcher } from '../webhooks/dispatcher'
import { startReviewDigests } from '../workflow/review-digest'

export type BackgroundWorkOptions = {
  webhookDelivery: DispatcherOptions
  auditRetentionDays: number
  /** When due scheduled publications are looked for, unless the host's own autoRun covers the default queue. */
  scheduledPublishingCron: string
  coordinator: Coordinator
  jobRunnerLeaseSeconds: number
  /** From this UTC hour the day's review-due digest is sent (once, whichever process sends it). */
  reviewDigestHourUtc: number
  publishRoles: readonly string[]
}

/** The lease whose holder is the one process that runs jobs (Payload 3 can give one job to two runners: payloadcms/payload#17441). */
const JOB_RUNNER_LEASE = 'kap:jobs-runner'

type AutoRun = NonNullable<NonNullable<Config['jobs']>['autoRun']>
type RunningWork = { deliverWebhooks: () => Promise<void>; stop: () => Promise<void> }

const running = new WeakMap<Payload, RunningWork>()
const DAY_MS = 24 * 60 * 60 * 1000
/** How long closing the database waits for audit writes and cache invalidations still queued. */
const SETTLE_ON_DESTROY_MS = 5000

/**
 * The plugin's work outside requests (sending webhook deliveries, pruning the audit log, the daily
 * review-due digest, running scheduled publications) runs where Payload runs its crons: a process that calls
 * getPayload({ cron: true }), as Next's routes and this project's server do, and never a CLI command
 * that loads the same config. Payload calls `autoRun` once, when it starts its crons; the work stops
 * with payload.destroy().
 */
export function withBackgroundWork(jobs: Config['jobs'], options: BackgroundWorkOptions): NonNullable<Config['jobs']> {
  const hostAutoRun = jobs?.autoRun
  const autoRun: AutoRun = async (payload) => {
    start(payload, options)
    const host = typeof hostAutoRun === 'function' ? await hostAutoRun(payload) : (hostAutoRun ?? [])
    const coversDefaultQueue = host.some((entry) => entry.allQueues || (entry.queue ?? 'default') === 'default')
    return coversDefaultQueue ? host : [...host, { cron: options.scheduledPublishingCron, queue: 'default', limit: 20 }]
  }
  // Of several processes, only the lease holder runs jobs; a survivor takes over when the lease expires.
  const hostShouldAutoRun = jobs?.shouldAutoRun
  const shouldAutoRun = async (payload: Payload) =>
    (hostShouldAutoRun ? await hostShouldAutoRun(payload) : true) && options.coordinator.holdLease(JOB_RUNNER_LEASE, options.jobRunnerLeaseSeconds * 1000)
  return { ...jobs, autoRun, shouldAutoRun }
}

/** Sends due webhook deliveries now, in a process running the plugin's background work. */
export async function deliverWebhooksNow(payload: Payload): Promise<void> {
  const work = running.get(payload)
  if (!work) throw new Error('The plugin’s background work is not running in this process: start Payload with getPayload({ config, cron: true }).')
  return work.deliverWebhooks()
}

/**
 * payload.destroy() (shutdown, the end of a CLI command) first stops the plugin's timers and lets
 * the work it queued after responses finish (audit writes, cache invalidations), for a few seconds
 * at most, and only then closes the database. Called from the plugin's onInit, in every process.
 */
export function finishPluginWorkOnDestroy(payload: Payload, coordinator: Coordinator): void {
  const destroy = payload.destroy
  payload.destroy = async () => {
    await running.get(payload)?.stop()
    running.delete(payload)
    let timer: NodeJS.Timeout | undefined
    const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, SETTLE_ON_DESTROY_MS).unref()))
    await Promise.race([afterTransactionsSettled(payload), giveUp])
    clearTimeout(timer)
    await coordinator.close()
    await destroy()
  }
}

function start(payload: Payload, options: BackgroundWorkOptions): void {
  if (running.has(payload)) return
  const dispatcher = startWebhookDispatcher(payload, options.webhookDelivery, options.coordinator)
  const retention = startAuditRetention(payload, options.auditRetentionDays)
  const digests = startReviewDigests(payload, { hourUtc: options.reviewDigestHourUtc, publishRoles: options.publishRoles })
  running.set(payload, {
    deliverWebhooks: dispatcher.runOnce,
    stop: async () => {
      clearInterval(retention)
      clearInterval(digests)
      await dispatcher.stop()
    },
  })
}

/** Prunes audit entries past their retention now and once a day; failures are logged, never fatal. */
function startAuditRetention(payload: Payload, days: number): NodeJS.Timeout {
  const prune = () =>
    pruneAuditLog(payload, days)
      .then((removed) => removed > 0 && payload.logger.info(`audit log: removed ${removed} entries older than ${days} days`))
      .catch((error) => payload.logger.error({ err: error }, 'audit log retention failed'))
  void prune()
  return setInterval(prune, DAY_MS).unref()
}
