import { APIError, type Access, type CollectionBeforeChangeHook, type PayloadRequest, type Where } from 'payload'

import { hasAnyRole } from '../access/roles'
import { isStaff } from '../access/staff'
import { mapReferences } from '../fields/document-references'
import { CONTENT_SLUGS } from '../model/slugs'
import { invalidateReadsOf } from '../read-cache/invalidation'
import type { PublicChangeListener } from './public-change'

/**
 * Images have no drafts of their own: an image becomes public when published content first shows
 * it, and stays public from then on (it has been on the site). Until then only signed-in staff can
 * list it, read its alt text or fetch its file, so an upload made for a draft reveals nothing.
 */
export const IMAGE_PUBLIC_FIELD = 'usedByPublishedContent'

/** Anonymous readers get the images published content has shown; staff get every image. */
export const publicImagesOrAuthenticated: Access = ({ req }) => {
  if (isStaff(req.user)) return true
  // Images stored before this flag existed (MongoDB has no migration to set it) were public then.
  const where: Where = { or: [{ [IMAGE_PUBLIC_FIELD]: { equals: true } }, { [IMAGE_PUBLIC_FIELD]: { exists: false } }] }
  return where
}

/** Content was published (or its published version changed): the images it shows are public now. */
export const markImagesPublic: PublicChangeListener = {
  name: 'image publication',
  onChange: async ({ event, collection, stored, req }) => {
    if ((event !== 'published' && event !== 'updated') || !stored || !req.payload.collections[CONTENT_SLUGS.media]) return
    const ids = imagesShownBy(req, collection, stored)
    if (ids.length === 0) return
    const { docs } = await req.payload.db.find({
      collection: CONTENT_SLUGS.media,
      where: { and: [{ id: { in: ids } }, { [IMAGE_PUBLIC_FIELD]: { not_equals: true } }] },
      limit: 0,
      pagination: false,
      req,
    })
    for (const image of docs) {
      await req.payload.db.updateOne({ collection: CONTENT_SLUGS.media, id: image.id, data: { [IMAGE_PUBLIC_FIELD]: true }, req })
      invalidateReadsOf(req, CONTENT_SLUGS.media, image.id)
    }
  },
}

/** Every image a stored document shows: upload fields at any depth and images inside its rich text. */
function imagesShownBy(req: PayloadRequest, collection: string, stored: Record<string, unknown>): (string | number)[] {
  const ids = new Set<string | number>()
  const fields = req.payload.collections[collection as 'articles'].config.flattenedFields
  mapReferences(req.payload.config, fields, stored, (relationTo, id) => {
    if (relationTo === CONTENT_SLUGS.media) ids.add(id)
    return id
  })
  return [...ids]
}

/**
 * Replacing the file or editing the alt text of an image the public sees changes published pages
 * at once, so it takes the publishing permission; others upload a new image for their draft instead.
 */
export const requirePublishRoleForPublicImages =
  (publishRoles: readonly string[]): CollectionBeforeChangeHook =>
  ({ data, operation, originalDoc, req }) => {
    if (operation !== 'update' || !req.user || hasAnyRole(req.user, publishRoles) || !originalDoc) return data
    // Images have no drafts: the document before the save is the stored one, flag included.
    if ((originalDoc as Record<string, unknown>)[IMAGE_PUBLIC_FIELD] !== false) {
      throw new APIError(
        `This image is shown on published pages, so replacing or editing it changes what the public sees: that needs one of these roles: ${publishRoles.join(', ')}. Upload a new image for your draft instead.`,
        403,
        null,
        true,
      )
    }
    return data
  }
