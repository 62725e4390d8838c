import type { Payload } from 'payload'

import type { Coordinator } from '../coordination/coordinator'
import type { DispatcherOptions } from '../model/options'
import { WEBHOOK_DELIVERIES_SLUG } from '../model/slugs'
import { signWebhook } from './signature'

type Delivery = { id: string | number; body: string; attempts?: number; webhook: { url: string; secret: string; active?: boolean } | string | number }

/**
 * Sends queued webhook deliveries from the server process, apart from any editor's save: a slow or
 * dead endpoint only delays its own deliveries. A failure is retried after retryBase × 2^(attempt-1),
 * up to maxAttempts, and every attempt is recorded on the delivery.
 */
export function startWebhookDispatcher(payload: Payload, options: DispatcherOptions, coordinator: Coordinator): { stop: () => Promise<void>; runOnce: () => Promise<void> } {
  let running: Promise<void> | undefined
  let stopped = false
  const runOnce = () => (running ??= deliverDue(payload, options, coordinator).finally(() => (running = undefined)))
  const timer = setInterval(() => {
    if (!stopped) runOnce().catch((error) => payload.logger.error({ err: error }, 'webhook dispatcher failed'))
  }, options.pollMs)
  timer.unref()
  return {
    runOnce,
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}

async function deliverDue(payload: Payload, options: DispatcherOptions, coordinator: Coordinator): Promise<void> {
  const due = await payload.find({
    collection: WEBHOOK_DELIVERIES_SLUG,
    where: { and: [{ status: { equals: 'pending' } }, { nextAttemptAt: { less_than_equal: new Date().toISOString() } }] },
    sort: 'nextAttemptAt',
    limit: 20,
    depth: 1,
    overrideAccess: true,
  })
  await Promise.all(
    (due.docs as unknown as Delivery[]).map(async (delivery) => (await claimAttempt(payload, delivery, options, coordinator)) && attempt(payload, delivery, options)),
  )
}

/**
 * Of several processes that found the same due delivery, one sends this attempt: the claim is per
 * attempt and outlives the request's timeout, and the claimant checks the delivery is still the
 * one it read (another process may have sent it between the query and the claim). A claimant that
 * dies lets go when the claim expires, and the attempt is made again.
 */
async function claimAttempt(payload: Payload, delivery: Delivery, options: DispatcherOptions, coordinator: Coordinator): Promise<boolean> {
  const attempts = delivery.attempts ?? 0
  if (!(await coordinator.claim(`kap:webhook-delivery:${delivery.id}:${attempts}`, options.timeoutMs + options.claimMarginMs))) return false
  const current = await payload.findByID({ collection: WEBHOOK_DELIVERIES_SLUG, id: delivery.id, depth: 0, overrideAccess: true, disableErrors: true })
  return current?.status === 'pending' && (current.attempts ?? 0) === attempts
}

async function attempt(payload: Payload, delivery: Delivery, options: DispatcherOptions): Promise<void> {
  const attempts = (delivery.attempts ?? 0) + 1
  const webhook = typeof delivery.webhook === 'object' ? delivery.webhook : undefined
  let statusCode: number | undefined
  let error: string | undefined
  if (!webhook || webhook.active === false) {
    error = 'The webhook was deleted or switched off.'
  } else {
    try {
      const response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'kap-content-cms-webhooks',
          'X-KAP-Delivery': String(delivery.id),
          'X-KAP-Signature': signWebhook(delivery.body, webhook.secret),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      })
      statusCode = response.status
      await response.body?.cancel()
      if (!response.ok) error = `The endpoint answered ${response.status}.`
    } catch (cause) {
      error = (cause as Error).name === 'TimeoutError' ? `No answer within ${options.timeoutMs} ms.` : (cause as Error).message
    }
  }
  const delivered = !error
  const giveUp = !delivered && (attempts >= options.maxAttempts || !webhook || webhook.active === false)
  await payload.update({
    collection: WEBHOOK_DELIVERIES_SLUG,
    id: delivery.id,
    data: {
      attempts,
      lastStatusCode: statusCode ?? null,
      lastError: error ?? null,
      status: delivered ? 'delivered' : giveUp ? 'failed' : 'pending',
      deliveredAt: delivered ? new Date().toISOString() : null,
      nextAttemptAt: delivered || giveUp ? null : new Date(Date.now() + options.retryBaseMs * 2 ** (attempts - 1)).toISOString(),
    },
    overrideAccess: true,
  })
  if (!delivered) payload.logger.warn({ delivery: delivery.id, attempts, error }, giveUp ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry')
}
