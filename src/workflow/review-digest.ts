import type { Payload } from 'payload'

import { hasAnyRole } from '../access/roles'
import { REVIEW_DIGESTS_SLUG } from '../model/slugs'
import { kapContentSettings } from '../model/settings'
import { REVIEWER_ROLE } from './review-sign-off'
import { findReviewsDue, REVIEW_DUE_WITHIN_DAYS, type ReviewDue } from './reviews-due'

/** Whether Payload has a real email adapter (not its console stand-in, which only logs). */
export function emailConfigured(payload: Payload): boolean {
  return Boolean(payload.email) && payload.email.name !== 'console'
}

export type Digest = { subject: string; text: string; html: string }

/** The digest's words: overdue first, each article with its due day and a link to edit it. Pure. */
export function composeReviewDigest(due: ReviewDue[], { adminUrl, day, more }: { adminUrl: string; day: string; more: number }): Digest {
  const overdue = due.filter((article) => article.overdue).length
  const subject = `Clinical reviews due: ${due.length + more} article${due.length + more === 1 ? '' : 's'}${overdue ? ` (${overdue} overdue)` : ''}`
  const line = (article: ReviewDue) =>
    `${article.overdue ? 'OVERDUE ' : ''}${article.nextReviewDue.slice(0, 10)}  ${article.title}${article.reviewerName ? ` (last reviewed by ${article.reviewerName})` : ''}\n  ${adminUrl}/collections/articles/${article.id}`
  const text = [
    `Articles whose clinical review is past due or due within ${REVIEW_DUE_WITHIN_DAYS} days, as of ${day}:`,
    '',
    ...due.map(line),
    ...(more ? ['', `…and ${more} more: see the dashboard.`] : []),
    '',
    `Dashboard: ${adminUrl}`,
  ].join('\n')
  const escape = (value: string) => value.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
  const item = (article: ReviewDue) =>
    `<li>${article.overdue ? '<strong>Overdue</strong> ' : ''}${escape(article.nextReviewDue.slice(0, 10))}: <a href="${escape(`${adminUrl}/collections/articles/${article.id}`)}">${escape(article.title)}</a></li>`
  const html = `<p>Articles whose clinical review is past due or due within ${REVIEW_DUE_WITHIN_DAYS} days, as of ${escape(day)}:</p><ul>${due.map(item).join('')}</ul>${more ? `<p>…and ${more} more: see the <a href="${escape(adminUrl)}">dashboard</a>.</p>` : ''}`
  return { subject, text, html }
}

export type DigestOutcome = { sent: false; reason: string } | { sent: true; day: string; articles: number; recipients: number }

/** Most articles one digest lists; the rest are counted and left to the dashboard. */
const DIGEST_ARTICLES = 100

/**
 * Sends today's review-due digest (the UTC day of `now`), once per day whatever the number of
 * processes: the day's entry in review-digests is created first and is unique, so only the process
 * that created it sends. Reviewers receive it; without reviewers, the publishing roles. Nothing is
 * sent without an email adapter, or when no review is due. A failed send removes the day's entry,
 * so a later check tries again.
 */
export async function sendReviewDigest(payload: Payload, { now, publishRoles }: { now: Date; publishRoles: readonly string[] }): Promise<DigestOutcome> {
  if (!emailConfigured(payload)) return { sent: false, reason: 'no email adapter is configured' }
  const day = now.toISOString().slice(0, 10)
  const claim = await claimDay(payload, day)
  if (!claim) return { sent: false, reason: `the digest for ${day} was already sent` }
  try {
    const due = await findReviewsDue(payload, { now, limit: DIGEST_ARTICLES })
    const recipients = due.docs.length ? await digestRecipients(payload, publishRoles) : []
    if (due.docs.length && recipients.length) {
      const adminUrl = `${payload.config.serverURL || kapContentSettings(payload).siteUrl}${payload.config.routes.admin}`
      const digest = composeReviewDigest(due.docs, { adminUrl, day, more: due.totalDocs - due.docs.length })
      for (const to of recipients) await payload.sendEmail({ to, ...digest })
    }
    await payload.update({
      collection: REVIEW_DIGESTS_SLUG,
      id: claim,
      data: { articles: due.totalDocs, recipients: recipients.length, sentAt: new Date().toISOString() },
      overrideAccess: true,
    })
    return { sent: true, day, articles: due.totalDocs, recipients: recipients.length }
  } catch (error) {
    await payload.delete({ collection: REVIEW_DIGESTS_SLUG, id: claim, overrideAccess: true }).catch(() => undefined)
    throw error
  }
}

/** The day's entry, or undefined when another process (or an earlier check) made it first. */
async function claimDay(payload: Payload, day: string): Promise<number | string | undefined> {
  const existing = await payload.find({ collection: REVIEW_DIGESTS_SLUG, where: { day: { equals: day } }, limit: 1, depth: 0, overrideAccess: true })
  if (existing.docs.length) return undefined
  try {
    return (await payload.create({ collection: REVIEW_DIGESTS_SLUG, data: { day }, overrideAccess: true })).id
  } catch (error) {
    // Two processes at the same moment: the unique day lets one in. Anything else is a real failure.
    const again = await payload.find({ collection: REVIEW_DIGESTS_SLUG, where: { day: { equals: day } }, limit: 1, depth: 0, overrideAccess: true })
    if (again.docs.length) return undefined
    throw error
  }
}

async function digestRecipients(payload: Payload, publishRoles: readonly string[]): Promise<string[]> {
  const { usersCollection } = kapContentSettings(payload)
  const staff = await payload.find({
    collection: usersCollection as 'users',
    where: { roles: { in: [REVIEWER_ROLE, ...publishRoles] } },
    limit: 500,
    depth: 0,
    overrideAccess: true,
  })
  const reviewers = staff.docs.filter((user) => hasAnyRole(user, [REVIEWER_ROLE]))
  return (reviewers.length ? reviewers : staff.docs).map((user) => user.email as string).filter(Boolean)
}

/** The UTC hour from which the day's digest is sent. */
export const DEFAULT_REVIEW_DIGEST_HOUR_UTC = 7

/** How often a process checks whether the day's digest is due. */
const CHECK_EVERY_MS = 15 * 60 * 1000

/**
 * The daily check, in every process running the plugin's background work: from `hourUtc` on, the
 * day's digest is sent by whichever process gets there first. Failures are logged with the day.
 */
export function startReviewDigests(payload: Payload, { hourUtc, publishRoles }: { hourUtc: number; publishRoles: readonly string[] }): NodeJS.Timeout {
  const check = () => {
    const now = new Date()
    if (now.getUTCHours() < hourUtc || !emailConfigured(payload)) return
    sendReviewDigest(payload, { now, publishRoles })
      .then((outcome) => outcome.sent && payload.logger.info(outcome, 'review digest sent'))
      .catch((error) => payload.logger.error({ err: error, day: now.toISOString().slice(0, 10) }, 'review digest could not be sent; will try again'))
  }
  check()
  return setInterval(check, CHECK_EVERY_MS).unref()
}
