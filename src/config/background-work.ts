import type { DispatcherOptions } from '../model/options'
import { wholeNumber } from './env-number'

/** WEBHOOK_POLL_MS, WEBHOOK_TIMEOUT_MS, WEBHOOK_RETRY_BASE_MS, WEBHOOK_MAX_ATTEMPTS, WEBHOOK_CLAIM_MARGIN_MS (unset or invalid: the defaults). */
export function webhookDeliveryOptions(env: NodeJS.ProcessEnv): Partial<DispatcherOptions> {
  const number = (name: string) => (Number(env[name]) > 0 ? Number(env[name]) : undefined)
  const options = {
    pollMs: number('WEBHOOK_POLL_MS'),
    timeoutMs: number('WEBHOOK_TIMEOUT_MS'),
    retryBaseMs: number('WEBHOOK_RETRY_BASE_MS'),
    maxAttempts: number('WEBHOOK_MAX_ATTEMPTS'),
    claimMarginMs: number('WEBHOOK_CLAIM_MARGIN_MS'),
  }
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined))
}

/** AUDIT_RETENTION_DAYS: days an audit entry is kept; 0 keeps everything. */
export function auditRetentionDays(env: NodeJS.ProcessEnv): number {
  return wholeNumber(env, 'AUDIT_RETENTION_DAYS', 365)
}
