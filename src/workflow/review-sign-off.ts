import crypto from 'node:crypto'

import { APIError, type CollectionBeforeChangeHook, type CollectionSlug, type Field, type FieldHook } from 'payload'

import type { Article } from '../../payload-types'
import { nobodyField } from '../access/nobody'
import { hasAnyRole, hasRole } from '../access/roles'
import { isAuthenticatedField } from '../access/is-authenticated'
import { isStaff } from '../access/staff'
import { lexicalToPlainText } from '../richtext/plain-text'

/** The role whose holders sign off clinical reviews themselves. */
export const REVIEWER_ROLE = 'reviewer'

/** How a clinical review was recorded. */
export const SIGN_OFF_KINDS = [
  { label: 'By the reviewer, signed in', value: 'reviewer' },
  { label: 'An outside reviewer, entered by an editor', value: 'outside' },
  { label: 'By the server (import or seed)', value: 'server' },
] as const

type Review = NonNullable<Article['clinicalReview']>
/** The parts of an article a review covers; the body as stored (any Lexical JSON). */
type ArticleLike = { title?: string | null; excerpt?: string | null; body?: unknown; clinicalReview?: Partial<Review> | null }

/** A reviewer signs off for themselves; an editor (a publishing role) may enter an outside reviewer. */
export function mayRecordClinicalReview(user: unknown, publishRoles: readonly string[]): boolean {
  return hasAnyRole(user as object, [REVIEWER_ROLE, ...publishRoles])
}

/**
 * What a clinical review vouches for: the words of the title, excerpt and body and the sources
 * cited. Built from plain text, so the same article reads the same whether its references are
 * populated or not and whatever key order the database keeps its JSON in.
 */
export function reviewFingerprint(article: ArticleLike): string {
  const citations = (article.clinicalReview?.citations ?? []).map((citation) => [citation?.source ?? '', citation?.url ?? ''])
  const words = [article.title ?? '', article.excerpt ?? '', lexicalToPlainText(article.body as never), JSON.stringify(citations)]
  return crypto.createHash('sha256').update(words.join('\u0000')).digest('hex')
}

/** Whether the text changed after its review was signed off (false when there is no sign-off to compare with). */
export function reviewPredatesContent(article: ArticleLike): boolean {
  const recorded = article.clinicalReview?.reviewedFingerprint
  return Boolean(recorded) && article.body !== undefined && recorded !== reviewFingerprint(article)
}

/** The sign-off record inside the clinical review group: set by the server, read by staff only. */
export function signOffFields(usersSlug: string): Field[] {
  const serverSet = { read: isAuthenticatedField, create: nobodyField, update: nobodyField }
  return [
    {
      type: 'row',
      fields: [
        {
          name: 'signedOffBy',
          type: 'relationship',
          relationTo: usersSlug as CollectionSlug,
          access: serverSet,
          admin: { readOnly: true, width: '33%', description: 'Who recorded this review: the reviewer, or the editor who entered an outside reviewer.' },
        },
        { name: 'signedOffAt', type: 'date', access: serverSet, admin: { readOnly: true, width: '33%', date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'signedOffAs', type: 'select', options: [...SIGN_OFF_KINDS], access: serverSet, admin: { readOnly: true, width: '34%' } },
      ],
    },
    { name: 'reviewedFingerprint', type: 'text', access: serverSet, admin: { hidden: true } },
    {
      name: 'reviewState',
      type: 'text',
      virtual: true,
      label: 'Review status',
      access: { read: isAuthenticatedField },
      admin: { readOnly: true },
      hooks: { afterRead: [describeReviewState] },
    },
  ]
}

/** What an editor reads beside the review: signed off and current, or older than the text it vouches for. */
const describeReviewState: FieldHook = ({ data, req }) => {
  if (!isStaff(req.user) || !data) return undefined
  const article = data as ArticleLike
  const review = article.clinicalReview
  if (!review?.reviewerName && !review?.reviewedAt) return 'Not reviewed yet.'
  if (!review.signedOffAt) return 'Reviewed before sign-offs were recorded: the next review will record who signed off.'
  const on = review.signedOffAt.slice(0, 10)
  if (reviewPredatesContent(article)) return `The text changed after the review was signed off on ${on}: ask the reviewer to look again.`
  return `Signed off on ${on}; the text has not changed since.`
}

const REVIEW_FIELDS = ['reviewerName', 'reviewerCredentials', 'reviewedAt'] as const

/**
 * Recording a clinical review (reviewer, credentials, date) is a sign-off: only a reviewer, or an
 * editor entering an outside reviewer, may make it, and the server notes who, when, and the text
 * it covered. Saves without a user (import, seed) are recorded as the server's.
 */
export function recordReviewSignOff(publishRoles: readonly string[]): CollectionBeforeChangeHook<Article> {
  return ({ data, originalDoc, req }) => {
    const before: Partial<Review> = originalDoc?.clinicalReview ?? {}
    const review: Partial<Review> = { ...before, ...(data.clinicalReview ?? {}) }
    const changed = REVIEW_FIELDS.filter((field) => normalize(field, review[field]) !== normalize(field, before[field]))
    if (changed.length === 0) return data
    const user = req.user
    if (user && !mayRecordClinicalReview(user, publishRoles)) {
      throw new APIError(
        `clinicalReview.${changed[0]}: only a reviewer, or an editor entering an outside reviewer, can record a clinical review. Save the article without changing the review.`,
        403,
        null,
        true,
      )
    }
    const cleared = !review.reviewerName?.trim() && !review.reviewedAt
    const signOff = cleared
      ? { signedOffBy: null, signedOffAt: null, signedOffAs: null, reviewedFingerprint: null }
      : {
          signedOffBy: user ? (user.id as number) : null,
          signedOffAt: new Date().toISOString(),
          signedOffAs: !user ? 'server' : hasRole(user, REVIEWER_ROLE) ? 'reviewer' : 'outside',
          reviewedFingerprint: reviewFingerprint({ ...originalDoc, ...data, clinicalReview: review }),
        }
    return { ...data, clinicalReview: { ...review, ...signOff } as Review }
  }
}

function normalize(field: (typeof REVIEW_FIELDS)[number], value: unknown): string {
  if (value === null || value === undefined || value === '') return ''
  if (field === 'reviewedAt') {
    const time = new Date(value as string).getTime()
    return Number.isNaN(time) ? String(value) : new Date(time).toISOString().slice(0, 10)
  }
  return String(value).trim()
}
