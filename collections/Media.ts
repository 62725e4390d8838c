import type { CollectionConfig } from 'payload'

import { hasAnyRoleOf } from '../src/access/has-any-role'
import { isAuthenticated } from '../src/access/is-authenticated'
import { importFields } from '../src/fields/import-key'
import { rejectMalformedData } from '../src/fields/reject-malformed-data'
import { type ContentModelOptions } from '../src/publishing/publishing-workflow'
import { CONTENT_SLUGS } from '../src/model/slugs'
import { nobodyField } from '../src/access/nobody'
import { IMAGE_PUBLIC_FIELD, publicImagesOrAuthenticated, requirePublishRoleForPublicImages } from '../src/publishing/public-images'
import { invalidateOnChange, invalidateOnDelete } from '../src/read-cache/invalidation'
import { recordDocumentRead, recordQuery } from '../src/read-cache/read-dependencies'
import { lastModifiedByField, recordLastModifiedBy } from '../src/workflow/last-modified-by'

export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']

/** Images for articles, with the sizes a site needs: a wide hero, a listing card and a social share card. */
export function createMedia(options: ContentModelOptions): CollectionConfig {
  return {
    slug: CONTENT_SLUGS.media,
    labels: { singular: 'Image', plural: 'Images' },
    admin: { useAsTitle: 'alt', group: 'Content', defaultColumns: ['filename', 'alt', 'updatedAt', 'lastModifiedBy'] },
    access: {
      read: publicImagesOrAuthenticated,
      create: isAuthenticated,
      update: isAuthenticated,
      delete: hasAnyRoleOf(options.deleteRoles),
    },
    // No drafts: an image is public once published content shows it (see public-images.ts), and
    // every save refreshes the cached answers showing the image.
    hooks: {
      beforeOperation: [recordQuery, rejectMalformedData],
      beforeChange: [requirePublishRoleForPublicImages(options.publishRoles), recordLastModifiedBy],
      afterRead: [recordDocumentRead],
      afterChange: [invalidateOnChange],
      afterDelete: [invalidateOnDelete],
    },
    upload: {
      staticDir: options.mediaDir,
      mimeTypes: IMAGE_MIME_TYPES,
      focalPoint: true,
      adminThumbnail: 'card',
      imageSizes: [
        { name: 'hero', width: 1600, height: 900, position: 'centre' },
        { name: 'card', width: 640, height: 360, position: 'centre' },
        { name: 'social', width: 1200, height: 630, position: 'centre' },
      ],
    },
    fields: [
      lastModifiedByField(options.usersSlug),
      {
        name: 'alt',
        type: 'text',
        required: true,
        maxLength: 300,
        admin: {
          description: 'Describe the image for people who cannot see it, e.g. "green moss waterfall cascading down".',
        },
      },
      { name: 'caption', type: 'text', maxLength: 300 },
      {
        name: IMAGE_PUBLIC_FIELD,
        type: 'checkbox',
        defaultValue: false,
        index: true,
        access: { create: nobodyField, update: nobodyField },
        admin: {
          position: 'sidebar',
          readOnly: true,
          description: 'Set when published content first shows this image. From then on the public can see it, and replacing or editing it needs a publishing role.',
        },
      },
      ...importFields(),
    ],
  }
}
