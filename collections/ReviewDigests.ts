import type { CollectionConfig } from 'payload'

import { isAdmin } from '../src/access/is-admin'
import { nobody } from '../src/access/nobody'
import { REVIEW_DIGESTS_SLUG } from '../src/model/slugs'

/**
 * One entry per day on which the review-due digest went out (or was attempted): the day is unique,
 * so of several processes checking at once only one sends it. Admins read it; the server writes it.
 */
export const ReviewDigests: CollectionConfig = {
  slug: REVIEW_DIGESTS_SLUG,
  labels: { singular: 'Review digest', plural: 'Review digests' },
  admin: {
    useAsTitle: 'day',
    group: 'Settings',
    defaultColumns: ['day', 'articles', 'recipients', 'sentAt', 'error'],
    description: 'The daily email to reviewers (or editors) listing the articles whose clinical review is due. Sent once a day when email is configured.',
  },
  defaultSort: '-day',
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'day', type: 'text', required: true, unique: true, admin: { readOnly: true, description: 'The day (UTC) this digest was for.' } },
    { name: 'articles', type: 'number', admin: { readOnly: true } },
    { name: 'recipients', type: 'number', admin: { readOnly: true } },
    { name: 'sentAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'error', type: 'text', admin: { readOnly: true } },
  ],
}
