import crypto from 'node:crypto'

import { ipKeyGenerator, MemoryStore, type Store } from 'express-rate-limit'
import {
  APIError,
  type AfterErrorHook,
  type CollectionAfterLoginHook,
  type CollectionAfterOperationHook,
  type CollectionBeforeOperationHook,
  type CollectionConfig,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { isAdmin } from '../access/is-admin'
import type { SignInLimits } from '../model/options'
import { kapContentSettings } from '../model/settings'
import { recordAudit } from '../audit/audit-log'
import { secondsUntil } from '../http/retry-after'
import { currentRequestContext } from '../http/request-context'

/**
 * The one answer to a failed sign-in, whether the account is unknown, the password wrong or the
 * account locked: telling them apart tells an attacker which addresses have accounts.
 */
export const SIGN_IN_FAILED_MESSAGE = 'The email or password is incorrect, or the account is locked after too many failed attempts. Try again later, or reset your password.'

const PENDING = 'kapSignInAttempts'

type Attempt = { email: string; ip?: string }

/**
 * Sign-in, password reset and unlocking, guarded inside Payload's own auth operations, so every
 * route that reaches them (REST under any spelling of its path, GraphQL's mutations, the admin UI)
 * is limited and audited alike:
 * - sign-in and password-reset requests are counted per client address, failed sign-ins per
 *   account, on top of Payload's lockout; past a limit the answer is 429 with Retry-After;
 * - a sign-in for an unknown or locked account costs the same password hashing as a wrong
 *   password, so the time taken tells nothing either;
 * - every sign-in is audited, failed or not; only admins unlock accounts, and unlocks are audited.
 */
export function guardSignIn(collection: CollectionConfig, limits: SignInLimits): CollectionConfig {
  const stores = new WeakMap<Payload, { address: Store; account: Store }>()
  const storesOf = (payload: Payload) => {
    let found = stores.get(payload)
    if (!found) {
      // Counted once across all processes with REDIS_URL; in this process's memory otherwise.
      const { coordinator } = kapContentSettings(payload)
      const windowMs = limits.windowSeconds * 1000
      found = { address: store(windowMs, coordinator.rateLimitStore('kap:rl:sign-in-address:')), account: store(windowMs, coordinator.rateLimitStore('kap:rl:sign-in-account:')) }
      stores.set(payload, found)
    }
    return found
  }

  const beforeOperation: CollectionBeforeOperationHook = async ({ args, collection: config, operation, req }) => {
    if (operation !== 'login' && operation !== 'forgotPassword') return args
    const data = ((args as { data?: Record<string, unknown> }).data ?? {}) as { email?: unknown; password?: unknown }
    const email = typeof data.email === 'string' ? data.email.trim().toLowerCase().slice(0, 320) : ''
    const ip = currentRequestContext()?.ip || undefined
    const { address, account } = storesOf(req.payload)
    if (operation === 'login') pending(req).push({ email, ip })
    if (ip) {
      const { totalHits, resetTime } = await address.increment(`ip:${ipKeyGenerator(ip)}`)
      if (totalHits > limits.attemptsPerAddress) tooMany(req, resetTime, `Too many ${operation === 'login' ? 'sign-in attempts' : 'requests'} from this address.`)
    }
    if (operation !== 'login') return args
    // Counted now and given back on success, so only failures count against an account.
    const { totalHits, resetTime } = await account.increment(`account:${email}`)
    if (totalHits > limits.failuresPerAccount) tooMany(req, resetTime, 'Too many failed sign-in attempts for this account.')
    await hashLikeAWrongPassword(req, config.slug, email, data.password)
    return args
  }

  const afterLogin: CollectionAfterLoginHook = async ({ req, user }) => {
    const email = String((user as { email?: string }).email ?? '').toLowerCase()
    await storesOf(req.payload).account.decrement(`account:${email}`)
    const attempts = pending(req)
    const index = attempts.findIndex((attempt) => attempt.email === email)
    const attempt = index >= 0 ? attempts.splice(index, 1)[0] : { email }
    recordAudit(req.payload, {
      action: 'login',
      summary: `sign-in ${email}`,
      documentCollection: collection.slug,
      documentId: String(user.id),
      user: user.id,
      userEmail: email,
      ip: attempt.ip,
    })
  }

  const afterOperation: CollectionAfterOperationHook = ({ args, operation, req, result }) => {
    if (operation === 'unlock') {
      const email = String((args as { data?: { email?: unknown } }).data?.email ?? '').slice(0, 320)
      const admin = req.user as { id?: string | number; email?: string } | null
      recordAudit(req.payload, { action: 'unlock', summary: `unlock ${email}`, documentCollection: collection.slug, user: admin?.id, userEmail: admin?.email }, req)
    }
    return result
  }

  return {
    ...collection,
    access: { ...collection.access, unlock: isAdmin },
    hooks: {
      ...collection.hooks,
      beforeOperation: [...(collection.hooks?.beforeOperation ?? []), beforeOperation],
      afterLogin: [...(collection.hooks?.afterLogin ?? []), afterLogin],
      afterOperation: [...(collection.hooks?.afterOperation ?? []), afterOperation],
    },
  }
}

/**
 * Failed sign-ins end in an error, which only Payload's afterError hook sees (REST and GraphQL
 * alike): every attempt of the request that did not succeed is audited as failed, with its status.
 */
export const auditFailedSignIns: AfterErrorHook = ({ error, req }) => {
  const attempts = req?.context?.[PENDING] as Attempt[] | undefined
  if (!req || !attempts?.length) return
  const original = (error as { originalError?: unknown }).originalError ?? error
  const status = (original as { status?: number }).status ?? 500
  for (const attempt of attempts.splice(0)) {
    const email = attempt.email || '(no email given)'
    recordAudit(req.payload, {
      action: 'login-failed',
      summary: `failed sign-in ${email} (HTTP ${status})`,
      documentCollection: req.payload.config.admin.user,
      userEmail: email,
      ip: attempt.ip,
    })
  }
}

function pending(req: PayloadRequest): Attempt[] {
  return ((req.context[PENDING] as Attempt[] | undefined) ??= [])
}

function store(windowMs: number, shared: Store | undefined): Store {
  const created = shared ?? new MemoryStore()
  created.init?.({ windowMs } as never)
  return created
}

function tooMany(req: PayloadRequest, resetTime: Date | undefined, message: string): never {
  const seconds = secondsUntil(resetTime)
  req.responseHeaders = new Headers({ 'Retry-After': String(seconds), 'Cache-Control': 'no-store' })
  throw new APIError(`${message} Try again in ${seconds} seconds.`, 429, null, true)
}

/**
 * Payload hashes the password only for an account that exists and is not locked. For the others
 * this spends the same work (Payload 3's current scheme: PBKDF2-SHA256, 600,000 iterations, 32
 * bytes; generatePasswordSaltHash.js) so the answer takes as long as a wrong password's.
 */
async function hashLikeAWrongPassword(req: PayloadRequest, collection: string, email: string, password: unknown): Promise<void> {
  const user = email
    ? ((await req.payload.db.findOne({ collection: collection as 'users', where: { email: { equals: email } }, req })) as { lockUntil?: string | null } | null)
    : null
  const locked = Boolean(user?.lockUntil && new Date(user.lockUntil).getTime() > Date.now())
  if (user && !locked) return
  await new Promise<void>((resolve) => crypto.pbkdf2(typeof password === 'string' ? password : '', crypto.randomBytes(32).toString('hex'), 600_000, 32, 'sha256', () => resolve()))
}
