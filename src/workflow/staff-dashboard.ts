import type { Payload, PayloadRequest, Where } from 'payload'

import { AUDIT_LOG_SLUG, CONTENT_SLUGS, PAYLOAD_JOBS_SLUG } from '../model/slugs'
import { SCHEDULE_TASK } from '../publishing/scheduled-publishing'
import { emailConfigured } from './review-digest'
import { lookupsFor, publishingChecks, type ArticleForChecks } from './publishing-checks'
import { dueBy, findReviewsDue, REVIEW_DUE_WITHIN_DAYS } from './reviews-due'

/** One line of a dashboard list: what, a link to it, and the fact that put it there. */
export type DashboardItem = { title: string; href: string; detail: string }
export type DashboardList = { items: DashboardItem[]; total: number }

export type StaffDashboard = {
  needsReview: DashboardList
  waitingForApproval: DashboardList
  scheduled: DashboardList
  recentlyChanged: DashboardList
  /** Published articles whose links lead to articles no longer published, and drafts waiting with warnings. */
  checks: DashboardList
  emailDigests: boolean
}

/** How many lines each list shows; the total says how many there are. */
const LIST_LENGTH = 10

type Id = number | string
const day = (iso: string) => iso.slice(0, 10)
const minute = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`

/**
 * What staff see first after signing in, read with the server's access (the dashboard shows staff
 * only titles and who did what; each link opens the document under the viewer's own access).
 * `now` is a parameter so a test can choose the day.
 */
export async function readStaffDashboard(payload: Payload, { now, req }: { now: Date; req?: PayloadRequest }): Promise<StaffDashboard> {
  const admin = payload.config.routes.admin
  const link = (collection: string, id: Id) => `${admin}/collections/${collection}/${id}`
  const [due, waiting, scheduled, recent, broken] = await Promise.all([
    findReviewsDue(payload, { now, limit: LIST_LENGTH }),
    payload.find({
      collection: CONTENT_SLUGS.articles,
      draft: true,
      where: { 'approval.state': { equals: 'submitted' } },
      sort: 'approval.submittedAt',
      limit: LIST_LENGTH,
      depth: 1,
      overrideAccess: true,
      req,
    }),
    payload.find({
      collection: PAYLOAD_JOBS_SLUG,
      where: {
        and: [{ taskSlug: { equals: SCHEDULE_TASK } }, { completedAt: { exists: false } }, { waitUntil: { less_than_equal: dueBy(now, REVIEW_DUE_WITHIN_DAYS).toISOString() } }],
      } as Where,
      sort: 'waitUntil',
      limit: LIST_LENGTH,
      depth: 0,
      overrideAccess: true,
      req,
    }),
    payload.find({
      collection: AUDIT_LOG_SLUG,
      where: { documentCollection: { in: Object.values(CONTENT_SLUGS) } },
      sort: '-at',
      limit: LIST_LENGTH,
      depth: 0,
      overrideAccess: true,
      req,
    }),
    payload.find({
      collection: CONTENT_SLUGS.articles,
      where: { and: [{ _status: { equals: 'published' } }, { 'linksTo._status': { equals: 'draft' } }] },
      select: { title: true },
      limit: LIST_LENGTH,
      depth: 0,
      draft: false,
      overrideAccess: true,
      req,
    }),
  ])

  const nameOf = (user: unknown) =>
    (typeof user === 'object' && user ? (user as { name?: string; email?: string }).name || (user as { email?: string }).email : undefined) ?? 'someone'
  const lookups = await lookupsFor(payload, waiting.docs as ArticleForChecks[], req)
  const waitingWarnings = waiting.docs.map((doc) => ({ doc, warnings: publishingChecks(doc as ArticleForChecks, lookups) })).filter((entry) => entry.warnings.length)

  return {
    needsReview: {
      total: due.totalDocs,
      items: due.docs.map((article) => ({
        title: article.title,
        href: link(CONTENT_SLUGS.articles, article.id),
        detail: article.overdue ? `Review overdue since ${day(article.nextReviewDue)}` : `Review due ${day(article.nextReviewDue)}`,
      })),
    },
    waitingForApproval: {
      total: waiting.totalDocs,
      items: waiting.docs.map((article) => ({
        title: article.title,
        href: link(CONTENT_SLUGS.articles, article.id),
        detail: `Submitted by ${nameOf(article.approval?.submittedBy)}${article.approval?.submittedAt ? ` on ${day(article.approval.submittedAt)}` : ''}`,
      })),
    },
    scheduled: { total: scheduled.totalDocs, items: await scheduledItems(payload, scheduled.docs as ScheduledJob[], link, req) },
    recentlyChanged: {
      total: recent.totalDocs,
      items: recent.docs.map((entry) => ({
        title: entry.summary ?? '',
        href: entry.documentCollection && entry.documentId ? link(entry.documentCollection, entry.documentId) : `${admin}/collections/${AUDIT_LOG_SLUG}/${entry.id}`,
        detail: `${entry.userEmail ?? 'the server'}, ${minute(entry.at)}`,
      })),
    },
    checks: {
      total: broken.totalDocs + waitingWarnings.length,
      items: [
        ...broken.docs.map((article) => ({
          title: article.title as string,
          href: link(CONTENT_SLUGS.articles, article.id),
          detail: 'Published, and links to an article that is no longer published',
        })),
        ...waitingWarnings.map(({ doc, warnings }) => ({
          title: doc.title as string,
          href: link(CONTENT_SLUGS.articles, doc.id),
          detail: `Waiting for approval with ${warnings.length} warning${warnings.length === 1 ? '' : 's'}: ${warnings[0]}`,
        })),
      ],
    },
    emailDigests: emailConfigured(payload),
  }
}

type ScheduledJob = { id: Id; waitUntil?: string | null; input?: { type?: string; doc?: { relationTo?: string; value?: Id } } }

/** The scheduled publications with the titles of what they publish (each collection read once). */
async function scheduledItems(payload: Payload, jobs: ScheduledJob[], link: (collection: string, id: Id) => string, req?: PayloadRequest): Promise<DashboardItem[]> {
  const byCollection = new Map<string, Id[]>()
  for (const job of jobs) {
    const doc = job.input?.doc
    if (doc?.relationTo && doc.value !== undefined) byCollection.set(doc.relationTo, [...(byCollection.get(doc.relationTo) ?? []), doc.value])
  }
  const titles = new Map<string, string>()
  for (const [collection, ids] of byCollection) {
    const found = await payload.find({ collection: collection as 'articles', where: { id: { in: ids } }, draft: true, pagination: false, depth: 0, overrideAccess: true, req })
    for (const doc of found.docs as unknown as Record<string, unknown>[]) titles.set(`${collection}:${doc.id}`, String(doc.title ?? doc.question ?? doc.heading ?? doc.id))
  }
  return jobs.flatMap((job) => {
    const doc = job.input?.doc
    if (!doc?.relationTo || doc.value === undefined) return []
    const what = job.input?.type === 'unpublish' ? 'Unpublishes' : 'Publishes'
    return [
      {
        title: titles.get(`${doc.relationTo}:${doc.value}`) ?? `${doc.relationTo} ${doc.value}`,
        href: link(doc.relationTo, doc.value),
        detail: `${what} ${job.waitUntil ? minute(job.waitUntil) : 'when due'}`,
      },
    ]
  })
}
