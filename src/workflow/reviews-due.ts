import type { Payload } from 'payload'

import { CONTENT_SLUGS } from '../model/slugs'

/** How far ahead a coming review counts as due: on the dashboard and in the daily digest. */
export const REVIEW_DUE_WITHIN_DAYS = 30

const DAY_MS = 24 * 60 * 60 * 1000

export type ReviewDue = { id: number | string; title: string; slug: string; nextReviewDue: string; overdue: boolean; reviewerName: string | null }

/** The last moment that counts as due when it is `now`: the end of the day `withinDays` ahead. */
export function dueBy(now: Date, withinDays = REVIEW_DUE_WITHIN_DAYS): Date {
  return new Date(now.getTime() + withinDays * DAY_MS)
}

/**
 * Published articles whose next clinical review is past due or falls within `withinDays` of `now`,
 * oldest due first (the ones most overdue lead). `now` is a parameter so a test can set the day.
 */
export async function findReviewsDue(payload: Payload, { now, withinDays = REVIEW_DUE_WITHIN_DAYS, limit = 50 }: { now: Date; withinDays?: number; limit?: number }) {
  const found = await payload.find({
    collection: CONTENT_SLUGS.articles,
    where: { and: [{ _status: { equals: 'published' } }, { 'clinicalReview.nextReviewDue': { less_than_equal: dueBy(now, withinDays).toISOString() } }] },
    sort: 'clinicalReview.nextReviewDue',
    select: { title: true, slug: true, clinicalReview: { nextReviewDue: true, reviewerName: true } },
    limit,
    depth: 0,
    draft: false,
    overrideAccess: true,
  })
  const docs: ReviewDue[] = found.docs.map((article) => {
    const due = article.clinicalReview?.nextReviewDue as string
    return {
      id: article.id,
      title: article.title as string,
      slug: article.slug as string,
      nextReviewDue: due,
      overdue: new Date(due).getTime() < now.getTime(),
      reviewerName: article.clinicalReview?.reviewerName ?? null,
    }
  })
  return { docs, totalDocs: found.totalDocs }
}
