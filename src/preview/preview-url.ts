import type { CollectionConfig } from 'payload'

import { previewKey, signPreviewToken } from './preview-token'

export type PreviewTarget = { previewUrl: string; previewTtlSeconds: number }

/**
 * The admin's Preview button and Live Preview pane open this: the preview page of the site (the
 * built-in renderer unless PREVIEW_URL points elsewhere) for one document, with a signed token.
 */
export function previewLink(target: PreviewTarget, collection: string, id: string | number, secret: string): string {
  const token = signPreviewToken({ collection, id }, previewKey(secret), target.previewTtlSeconds)
  return `${target.previewUrl}/preview/${collection}/${encodeURIComponent(String(id))}?token=${encodeURIComponent(token)}`
}

/** `admin.preview` for a collection: null until the document has been saved once. */
export function previewButton(target: PreviewTarget, collection: string): NonNullable<CollectionConfig['admin']>['preview'] {
  return (doc, { req }) => (doc?.id ? previewLink(target, collection, doc.id as string | number, req.payload.secret) : null)
}
