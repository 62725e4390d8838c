import type { CollectionConfig } from 'payload'

import { citationFields } from '../src/fields/citation'
import { importFields } from '../src/fields/import-key'
import { CONTENT_SLUGS } from '../src/model/slugs'
import { previewButton } from '../src/preview/preview-url'
import { type ContentModelOptions, publishingWorkflow } from '../src/publishing/publishing-workflow'
import { lastModifiedByField } from '../src/workflow/last-modified-by'

/**
 * A list of benefits or experiences, e.g. "Emotional release: long-held grief may rise to the
 * surface", written once and embedded in any number of articles.
 */
export function createBenefitLists(options: ContentModelOptions): CollectionConfig {
  return {
    slug: CONTENT_SLUGS.benefitLists,
    labels: { singular: 'Benefit list', plural: 'Benefit lists' },
    admin: {
      useAsTitle: 'title',
      defaultColumns: ['title', 'displayStyle', '_status', 'updatedAt', 'lastModifiedBy'],
      group: 'Content',
      preview: previewButton(options, CONTENT_SLUGS.benefitLists),
      description: 'Bulleted lists shown inside articles. Edit a list here and every article that shows it changes.',
    },
    ...publishingWorkflow(options),
    fields: [
      lastModifiedByField(options.usersSlug),
      {
        name: 'title',
        type: 'text',
        required: true,
        maxLength: 200,
        admin: { description: 'For staff only, to find the list: e.g. "Benefits of KAP (psychedelic connection article)".' },
      },
      {
        name: 'leadIn',
        type: 'text',
        maxLength: 300,
        admin: { description: 'Optional line shown before the list, e.g. "Clients often describe ketamine sessions as:"' },
      },
      {
        name: 'displayStyle',
        type: 'select',
        required: true,
        defaultValue: 'labelAndDescription',
        options: [
          { label: 'Plain bullets', value: 'bullets' },
          { label: 'Label and description', value: 'labelAndDescription' },
        ],
      },
      {
        name: 'items',
        type: 'array',
        required: true,
        minRows: 1,
        maxRows: 50,
        labels: { singular: 'Item', plural: 'Items' },
        admin: { initCollapsed: false },
        fields: [
          {
            name: 'label',
            type: 'text',
            required: true,
            maxLength: 200,
            admin: { description: 'e.g. "Emotional release"' },
          },
          {
            name: 'description',
            type: 'textarea',
            maxLength: 1000,
            admin: { description: 'Optional, e.g. "Long-held grief, fear, or anger may rise to the surface and find space to move through."' },
          },
          {
            name: 'citation',
            type: 'group',
            admin: { description: 'Optional: the source for this claim.' },
            fields: citationFields({ required: false }),
          },
        ],
      },
      ...importFields(),
    ],
  }
}
