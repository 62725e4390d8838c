import type { CollectionConfig, Payload } from 'payload'

import { type PreviewDocument, previewKey, signPreviewToken } from './preview-token'

export type PreviewTarget = { previewUrl: string; previewTtlSeconds: number }

/**
 * The admin's Preview button and Live Preview pane open this: the preview page of the site (the
 * built-in renderer unless PREVIEW_URL points elsewhere) for one document, with a signed token.
 */
export function previewLink(target: PreviewTarget, doc: PreviewDocument, secret: string): string {
  const token = signPreviewToken(doc, previewKey(secret), target.previewTtlSeconds)
  return `${target.previewUrl}/preview/${doc.collection}/${encodeURIComponent(String(doc.id))}?token=${encodeURIComponent(token)}`
}

/**
 * The link for a saved document, or undefined before its first save. The admin passes the form's
 * data, which may lack the creation time the token is bound to: then it is read from the database.
 */
export async function savedDocumentPreviewLink(target: PreviewTarget, collection: string, doc: Record<string, unknown> | undefined, payload: Payload): Promise<string | undefined> {
  const id = doc?.id as string | number | undefined
  if (id === undefined || id === null || id === '') return undefined
  let createdAt = doc?.createdAt
  if (typeof createdAt !== 'string') {
    const stored = await payload.db.findOne<{ id: string | number; createdAt?: string }>({ collection: collection as 'articles', where: { id: { equals: id } } })
    createdAt = stored?.createdAt
  }
  if (typeof createdAt !== 'string') return undefined
  return previewLink(target, { collection, id, createdAt }, payload.secret)
}

/** `admin.preview` for a collection: null until the document has been saved once. */
export function previewButton(target: PreviewTarget, collection: string): NonNullable<CollectionConfig['admin']>['preview'] {
  return async (doc, { req }) => (await savedDocumentPreviewLink(target, collection, doc, req.payload)) ?? null
}
