import { BlocksFeature, LinkFeature, lexicalEditor } from '@payloadcms/richtext-lexical'
import type { CollectionConfig } from 'payload'

import { articleEmbedBlocks } from '../src/blocks/embeds'
import { clinicalReviewField } from '../src/fields/clinical-review'
import { importFields } from '../src/fields/import-key'
import { validateRichText } from '../src/fields/rich-text-size'
import { seoField } from '../src/fields/seo'
import { slugField } from '../src/fields/slug'
import { CONTENT_SLUGS } from '../src/model/slugs'
import { removeRedirectsTo } from '../src/redirects/slug-redirects'
import { previewButton, savedDocumentPreviewLink } from '../src/preview/preview-url'
import { type ContentModelOptions, publishingWorkflow } from '../src/publishing/publishing-workflow'
import { ARTICLE_CARD_FIELDS } from '../src/read-model/articles'
import { articleBySlugEndpoint, articleCardsEndpoint, articleSitemapIndexEndpoint, articleSitemapPageEndpoint } from './Articles.endpoints'
import { requireClinicalReview, setPublishedDate } from './Articles.hooks'
import { approvalField, approvalTransitions } from '../src/workflow/approval'
import { lastModifiedByField } from '../src/workflow/last-modified-by'
import { recordReviewSignOff } from '../src/workflow/review-sign-off'
import { describePublishingChecks, recordLinkedArticles } from '../src/workflow/publishing-checks'
import { isAuthenticatedField } from '../src/access/is-authenticated'
import { nobodyField } from '../src/access/nobody'

/** A blog article: the clinic's main content, with its clinical review and the documents it embeds. */
export function createArticles(options: ContentModelOptions): CollectionConfig {
  return {
    slug: CONTENT_SLUGS.articles,
    labels: { singular: 'Article', plural: 'Articles' },
    admin: {
      useAsTitle: 'title',
      defaultColumns: ['title', '_status', 'approval.state', 'clinicalReview.nextReviewDue', 'publishedDate', 'updatedAt', 'lastModifiedBy'],
      group: 'Content',
      preview: previewButton(options, CONTENT_SLUGS.articles),
      // Side by side with the editor; the preview page refreshes after each autosave.
      livePreview: {
        url: async ({ data, req }) => (await savedDocumentPreviewLink(options, CONTENT_SLUGS.articles, data, req.payload)) ?? '',
      },
    },
    defaultSort: '-publishedDate',
    // The card listing filters on status and sorts by date: one index serves both, so a page is
    // read in index order at any depth instead of sorting every published article first.
    indexes: [{ fields: ['_status', 'publishedDate'] }],
    defaultPopulate: ARTICLE_CARD_FIELDS,
    ...publishingWorkflow(options, {
      beforeChange: [
        approvalTransitions(options.publishRoles),
        recordReviewSignOff(options.publishRoles),
        recordLinkedArticles,
        ...(options.requireClinicalReview ? [requireClinicalReview] : []),
        setPublishedDate,
      ],
      beforeDelete: [removeRedirectsTo],
    }),
    endpoints: [articleBySlugEndpoint, articleCardsEndpoint, articleSitemapIndexEndpoint, articleSitemapPageEndpoint],
    fields: [
      lastModifiedByField(options.usersSlug),
      approvalField(options.usersSlug),
      {
        name: 'publishingChecks',
        label: 'Checks before publishing',
        type: 'textarea',
        virtual: true,
        access: { read: isAuthenticatedField },
        admin: { position: 'sidebar', readOnly: true, description: 'Found when the article was opened or saved: links, headings, images, summaries and the review.' },
        hooks: { afterRead: [describePublishingChecks] },
      },
      {
        name: 'linksTo',
        type: 'relationship',
        relationTo: CONTENT_SLUGS.articles,
        hasMany: true,
        access: { read: isAuthenticatedField, create: nobodyField, update: nobodyField },
        admin: { hidden: true },
      },
      { name: 'title', type: 'text', required: true, maxLength: 200 },
      {
        type: 'tabs',
        tabs: [
          {
            label: 'Content',
            fields: [
              {
                name: 'excerpt',
                type: 'textarea',
                maxLength: 500,
                admin: { description: 'One or two sentences shown in article listings.' },
              },
              { name: 'heroImage', type: 'upload', relationTo: CONTENT_SLUGS.media },
              {
                name: 'body',
                type: 'richText',
                required: true,
                validate: validateRichText,
                editor: lexicalEditor({
                  features: ({ defaultFeatures }) => [
                    ...defaultFeatures.filter((feature) => feature.key !== 'link'),
                    LinkFeature({ enabledCollections: [CONTENT_SLUGS.articles] }),
                    BlocksFeature({ blocks: articleEmbedBlocks(options) }),
                  ],
                }),
              },
            ],
          },
          { label: 'Clinical review', fields: [clinicalReviewField(options.usersSlug)] },
          {
            label: 'Related',
            fields: [
              { name: 'topics', type: 'text', hasMany: true, maxRows: 20, maxLength: 60, admin: { description: 'e.g. "depression", "integration"' } },
              {
                type: 'row',
                fields: [
                  { name: 'previousArticle', type: 'relationship', relationTo: CONTENT_SLUGS.articles, admin: { width: '50%' } },
                  { name: 'nextArticle', type: 'relationship', relationTo: CONTENT_SLUGS.articles, admin: { width: '50%' } },
                ],
              },
              { name: 'relatedArticles', type: 'relationship', relationTo: CONTENT_SLUGS.articles, hasMany: true, maxRows: 6 },
            ],
          },
          { label: 'SEO', fields: [seoField({ mediaSlug: CONTENT_SLUGS.media })] },
        ],
      },
      slugField('title'),
      {
        name: 'publishedDate',
        type: 'date',
        index: true,
        admin: { position: 'sidebar', description: 'Set automatically on first publish; you can change it.' },
      },
      {
        name: 'author',
        type: 'group',
        admin: { position: 'sidebar' },
        fields: [
          { name: 'name', type: 'text', maxLength: 120 },
          { name: 'credentials', type: 'text', maxLength: 120, admin: { description: 'e.g. "LMFT, KAP-trained therapist"' } },
        ],
      },
      ...importFields(),
      {
        // Computed on read from the plugin option, so sites receive the text with the article.
        name: 'disclaimer',
        type: 'text',
        virtual: true,
        admin: { hidden: true },
        hooks: {
          afterRead: [({ data }) => (data?.clinicalReview?.showDisclaimer === false ? null : options.disclaimer)],
        },
      },
    ],
  }
}
