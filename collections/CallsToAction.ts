import type { CollectionConfig } from 'payload'

import { importFields } from '../src/fields/import-key'
import { linkField } from '../src/fields/link'
import { CONTENT_SLUGS } from '../src/model/slugs'
import { previewButton } from '../src/preview/preview-url'
import { type ContentModelOptions, publishingWorkflow } from '../src/publishing/publishing-workflow'
import { lastModifiedByField } from '../src/workflow/last-modified-by'

/** An invitation with a button, such as "Schedule a consultation", reusable across articles. */
export function createCallsToAction(options: ContentModelOptions): CollectionConfig {
  return {
    slug: CONTENT_SLUGS.callsToAction,
    labels: { singular: 'Call to action', plural: 'Calls to action' },
    admin: {
      useAsTitle: 'heading',
      defaultColumns: ['heading', 'buttonLabel', 'style', '_status', 'lastModifiedBy'],
      group: 'Content',
      preview: previewButton(options, CONTENT_SLUGS.callsToAction),
    },
    ...publishingWorkflow(options),
    fields: [
      lastModifiedByField(options.usersSlug),
      { name: 'heading', type: 'text', required: true, maxLength: 200 },
      { name: 'body', type: 'textarea', maxLength: 2000 },
      { name: 'buttonLabel', type: 'text', required: true, maxLength: 60, admin: { description: 'e.g. "Schedule a consultation"' } },
      linkField({ articlesSlug: options.collections.articles ? CONTENT_SLUGS.articles : undefined }),
      {
        name: 'style',
        type: 'select',
        required: true,
        defaultValue: 'primary',
        options: [
          { label: 'Primary button', value: 'primary' },
          { label: 'Secondary button', value: 'secondary' },
          { label: 'Full-width banner', value: 'banner' },
        ],
      },
      ...importFields(),
    ],
  }
}
