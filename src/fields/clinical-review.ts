import type { Field, GroupField } from 'payload'

import { signOffFields } from '../workflow/review-sign-off'
import { citationFields } from './citation'

/**
 * The request-context key under which server code (the importer, the demo seed) records why an
 * article is published without a clinical review. REST and GraphQL cannot set context.
 */
export const CLINICAL_REVIEW_WAIVER = 'kapClinicalReviewWaiver'

/**
 * Who checked an article's clinical claims, when, and when it must be checked again; the sources it
 * relies on; and whether the medical disclaimer is shown with it.
 */
export function clinicalReviewField(usersSlug: string): GroupField {
  return {
    name: 'clinicalReview',
    type: 'group',
    // The tab that holds it is already labelled "Clinical review".
    label: false,
    admin: {
      description:
        'Health content must be reviewed by a qualified clinician before it is published. A reviewer records their own review; an editor may enter an outside reviewer. Either way the sign-off is recorded with who and when.',
    },
    fields: [
      {
        type: 'row',
        fields: [
          { name: 'reviewerName', type: 'text', maxLength: 120, admin: { width: '50%', description: 'e.g. "Dr. Maya Chen"' } },
          {
            name: 'reviewerCredentials',
            type: 'text',
            maxLength: 120,
            admin: { width: '50%', description: 'e.g. "MD, board-certified psychiatrist"' },
          },
        ],
      },
      {
        type: 'row',
        fields: [
          { name: 'reviewedAt', type: 'date', label: 'Reviewed on', admin: { width: '50%', date: { pickerAppearance: 'dayOnly' } } },
          {
            name: 'nextReviewDue',
            type: 'date',
            label: 'Next review due',
            admin: { width: '50%', date: { pickerAppearance: 'dayOnly' } },
            validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) => {
              const reviewed = siblingData?.reviewedAt
              if (value && reviewed && new Date(value as string) <= new Date(reviewed as string)) {
                return 'The next review must be due after the date of this review.'
              }
              return true
            },
          },
        ],
      },
      ...signOffFields(usersSlug),
      {
        name: 'citations',
        type: 'array',
        maxRows: 50,
        labels: { singular: 'Citation', plural: 'Citations' },
        admin: { description: 'Sources for the clinical claims this article makes.' },
        fields: citationFields({ required: true }),
      },
      {
        name: 'showDisclaimer',
        type: 'checkbox',
        label: 'Show the medical disclaimer with this article',
        defaultValue: true,
      },
    ] satisfies Field[],
  }
}
