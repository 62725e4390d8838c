import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionConfig, Payload, PayloadRequest } from 'payload'

import { AUDIT_LOG_SLUG } from '../model/slugs'
import { afterResponse, afterTransaction } from '../publishing/after-transaction'
import type { PublicChangeListener } from '../publishing/public-change'
import { currentRequestContext } from '../http/request-context'
import type { AuditAction } from './audit-actions'

export type AuditEntry = {
  action: AuditAction
  summary: string
  documentCollection?: string
  documentId?: string
  changedFields?: string[]
  user?: string | number
  userEmail?: string
  ip?: string
}

/**
 * Writes an entry after the action's transaction has ended, outside it and off its path: the
 * action never waits for the log and never fails because of it; a failed write is logged.
 */
export function recordAudit(payload: Payload, entry: AuditEntry, req?: PayloadRequest): void {
  const ip = entry.ip ?? currentRequestContext()?.ip
  const write = () =>
    payload
      .create({ collection: AUDIT_LOG_SLUG, data: { ...entry, ip, at: new Date().toISOString() } as never, overrideAccess: true })
      .catch((error) => payload.logger.error({ err: error, audit: entry }, 'could not write an audit log entry'))
  if (req) afterTransaction(req, write)
  else afterResponse(payload, write)
}

const IGNORED_FIELDS = new Set(['updatedAt', 'createdAt', 'id', '_status', 'importChecksum'])

function changedFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] {
  if (!before) return []
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  return [...keys].filter((key) => !IGNORED_FIELDS.has(key) && JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort()
}

function titleOf(doc: Record<string, any>): string {
  return String(doc.title ?? doc.question ?? doc.heading ?? doc.alt ?? doc.email ?? doc.filename ?? doc.id).slice(0, 120)
}

function who(req: PayloadRequest) {
  const user = req.user as { id?: string | number; email?: string } | null | undefined
  return { user: user?.id, userEmail: user?.email }
}

/** Saves: creates, and updates with the fields they changed. Autosaves while typing are not logged one by one. */
export const auditSave: CollectionAfterChangeHook = ({ collection, doc, operation, previousDoc, req }) => {
  if (collection.slug === AUDIT_LOG_SLUG || req.query?.autosave === 'true') return doc
  const restoring = /\/versions\/[^/]+\/?$/.test(new URL(req.url ?? 'http://local/').pathname) && req.method === 'POST'
  const action: AuditAction = restoring ? 'restore' : operation === 'create' ? 'create' : 'update'
  const draft = doc._status === 'draft' ? ' (draft)' : ''
  recordAudit(
    req.payload,
    {
      action,
      summary: `${action} ${collection.slug} "${titleOf(doc)}"${draft}`,
      documentCollection: collection.slug,
      documentId: String(doc.id),
      changedFields: operation === 'update' ? changedFields(previousDoc, doc) : [],
      ...who(req),
    },
    req,
  )
  return doc
}

export const auditDelete: CollectionAfterDeleteHook = ({ collection, doc, req }) => {
  recordAudit(
    req.payload,
    { action: 'delete', summary: `delete ${collection.slug} "${titleOf(doc)}"`, documentCollection: collection.slug, documentId: String(doc.id), ...who(req) },
    req,
  )
  return doc
}

/** Publishing and unpublishing, as the public sees them (see public-change.ts). */
export const auditPublicChange: PublicChangeListener = {
  name: 'audit log',
  onChange: ({ event, collection, doc, req }) => {
    if (event !== 'published' && event !== 'unpublished') return
    const action = event === 'published' ? 'publish' : 'unpublish'
    recordAudit(req.payload, { action, summary: `${action} ${collection} "${titleOf(doc)}"`, documentCollection: collection, documentId: String(doc.id), ...who(req) }, req)
  },
}

/** Removes entries older than `retentionDays` (0 keeps everything). */
export async function pruneAuditLog(payload: Payload, retentionDays: number): Promise<number> {
  if (retentionDays <= 0) return 0
  const cutoff = new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000).toISOString()
  const result = await payload.delete({ collection: AUDIT_LOG_SLUG, where: { at: { less_than: cutoff } }, overrideAccess: true })
  return result.docs.length
}

/** The same collection, with its saves and deletes recorded in the audit log. */
export function withAudit(collection: CollectionConfig): CollectionConfig {
  return {
    ...collection,
    hooks: {
      ...collection.hooks,
      afterChange: [...(collection.hooks?.afterChange ?? []), auditSave],
      afterDelete: [...(collection.hooks?.afterDelete ?? []), auditDelete],
    },
  }
}
