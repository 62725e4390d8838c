import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { contentAccess } from '../access/content-access'
import type { ResolvedKapOptions } from '../model/options'
import { draftVersions } from './draft-versions'
import { publishGate } from './publish-permission'
import { publicReadsPublished } from './public-reads-published'
import { rejectMalformedData } from '../fields/reject-malformed-data'
import { rejectMissingReferences } from '../fields/reject-missing-references'
import { recordDocumentRead, recordQuery } from '../read-cache/read-dependencies'
import { publicChangeHooks, type PublicChangeListener } from './public-change'

/** The plugin's options, and who hears of public changes (images, webhooks, the read cache, the audit log: the plugin decides). */
export type ContentModelOptions = ResolvedKapOptions & { publicChangeListeners: readonly PublicChangeListener[] }

/**
 * What every clinic content type shares: who may read and write it, drafts and versions, only
 * published content for the public, publishing limited to the publishing roles, reads tracked for
 * the read cache, and webhooks and cache invalidation when what the public sees changes. A
 * collection adds its own checks before saving through `beforeChange`.
 */
export function publishingWorkflow(
  options: ContentModelOptions,
  { beforeChange = [] }: { beforeChange?: CollectionBeforeChangeHook[] } = {},
): Pick<CollectionConfig, 'access' | 'versions' | 'hooks'> {
  const publicChange = publicChangeHooks(options.publicChangeListeners)
  const gate = publishGate(options.publishRoles)
  return {
    access: contentAccess(options),
    versions: draftVersions(options),
    hooks: {
      beforeOperation: [publicReadsPublished, recordQuery, rejectMalformedData, gate.beforeOperation],
      afterRead: [recordDocumentRead],
      beforeChange: [gate.beforeChange, rejectMissingReferences, ...beforeChange, publicChange.beforeChange],
      afterChange: [publicChange.afterChange],
      afterDelete: [publicChange.afterDelete],
    },
  }
}
