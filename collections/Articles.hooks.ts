import { ValidationError, type CollectionBeforeChangeHook } from 'payload'

import type { Article } from '../payload-types'
import { CLINICAL_REVIEW_WAIVER } from '../src/fields/clinical-review'
import { CONTENT_SLUGS } from '../src/model/slugs'

type Review = { reviewerName?: string | null; reviewedAt?: string | null }

/** Health content goes public only after a clinician has reviewed it, and the editor is told what is missing. */
export const requireClinicalReview: CollectionBeforeChangeHook<Article> = ({ data, originalDoc, req }) => {
  if (data?._status !== 'published') return data
  // Only server code can waive the review (the demo seed does, and says so); REST and GraphQL cannot set context.
  const waiver = req.context?.[CLINICAL_REVIEW_WAIVER]
  if (typeof waiver === 'string' && waiver) {
    req.payload.logger.warn({ slug: data.slug ?? originalDoc?.slug, reason: waiver }, 'article published without a clinical review')
    return data
  }
  const review: Review = { ...(originalDoc?.clinicalReview ?? {}), ...(data.clinicalReview ?? {}) }
  const errors: { path: string; message: string }[] = []
  if (!review.reviewerName?.trim()) {
    errors.push({ path: 'clinicalReview.reviewerName', message: 'Add the clinical reviewer before publishing.' })
  }
  if (!review.reviewedAt) {
    errors.push({ path: 'clinicalReview.reviewedAt', message: 'Add the date of the clinical review before publishing.' })
  }
  if (errors.length) throw new ValidationError({ collection: CONTENT_SLUGS.articles, errors, req })
  return data
}

/**
 * The first publish dates the article, unless the editor chose a date; a published article always
 * has one (clearing it keeps the date it had), because listings page by it.
 */
export const setPublishedDate: CollectionBeforeChangeHook<Article> = ({ data, originalDoc }) => {
  if (data?._status === 'published' && !data.publishedDate) {
    return { ...data, publishedDate: originalDoc?.publishedDate || new Date().toISOString() }
  }
  return data
}
