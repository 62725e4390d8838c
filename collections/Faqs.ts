import type { CollectionConfig } from 'payload'

import { validateRichText } from '../src/fields/rich-text-size'
import { CONTENT_SLUGS } from '../src/model/slugs'
import { previewButton } from '../src/preview/preview-url'
import { type ContentModelOptions, publishingWorkflow } from '../src/publishing/publishing-workflow'
import { lastModifiedByField } from '../src/workflow/last-modified-by'

/** A question clients ask, with the clinic's answer; grouped into articles by FAQ group blocks. */
export function createFaqs(options: ContentModelOptions): CollectionConfig {
  return {
    slug: CONTENT_SLUGS.faqs,
    labels: { singular: 'FAQ', plural: 'FAQs' },
    admin: {
      useAsTitle: 'question',
      defaultColumns: ['question', 'topic', 'order', '_status', 'lastModifiedBy'],
      group: 'Content',
      preview: previewButton(options, CONTENT_SLUGS.faqs),
    },
    defaultSort: 'order',
    ...publishingWorkflow(options),
    fields: [
      lastModifiedByField(options.usersSlug),
      { name: 'question', type: 'text', required: true, maxLength: 300 },
      { name: 'answer', type: 'richText', required: true, validate: validateRichText },
      {
        name: 'topic',
        type: 'text',
        index: true,
        maxLength: 80,
        admin: { position: 'sidebar', description: 'e.g. "Safety", "Cost", "What a session is like"' },
      },
      {
        name: 'order',
        type: 'number',
        defaultValue: 0,
        min: -10_000,
        max: 10_000,
        admin: { position: 'sidebar', description: 'Lower numbers come first.' },
      },
    ],
  }
}
