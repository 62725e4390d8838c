import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionConfig } from 'payload'

import { contentAccess } from '../access/content-access'
import type { ResolvedKapOptions } from '../model/options'
import { draftVersions } from './draft-versions'
import { publishGate } from './publish-permission'
import { publicReadsPublished } from './public-reads-published'
import { rejectMalformedData } from '../fields/reject-malformed-data'
import { rejectMissingReferences } from '../fields/reject-missing-references'
import { recordDocumentRead, recordQuery } from '../read-cache/read-dependencies'
import { recordLastModifiedBy } from '../workflow/last-modified-by'
import { publicChangeHooks, type PublicChangeListener } from './public-change'

/**
 * The plugin's options, who hears of public changes (redirects, images, webhooks, the read cache,
 * the audit log: the plugin decides) and the host's user collection (who saved, who signed off).
 */
export type ContentModelOptions = ResolvedKapOptions & { publicChangeListeners: readonly PublicChangeListener[]; usersSlug: string }

/**
 * What every clinic content type shares: who may read and write it, drafts and versions, only
 * published content for the public, publishing limited to the publishing roles, reads tracked for
 * the read cache, and webhooks and cache invalidation when what the public sees changes. A
 * collection adds its own checks before saving through `beforeChange`, and its own clean-up before
 * deleting through `beforeDelete`.
 */
export function publishingWorkflow(
  options: ContentModelOptions,
  { beforeChange = [], beforeDelete = [] }: { beforeChange?: CollectionBeforeChangeHook[]; beforeDelete?: CollectionBeforeDeleteHook[] } = {},
): Pick<CollectionConfig, 'access' | 'versions' | 'hooks'> {
  const publicChange = publicChangeHooks(options.publicChangeListeners)
  const gate = publishGate(options.publishRoles)
  return {
    access: contentAccess(options),
    versions: draftVersions(options),
    hooks: {
      beforeOperation: [publicReadsPublished, recordQuery, rejectMalformedData, gate.beforeOperation],
      afterRead: [recordDocumentRead],
      beforeChange: [gate.beforeChange, rejectMissingReferences, ...beforeChange, recordLastModifiedBy, publicChange.beforeChange],
      afterChange: [publicChange.afterChange],
      beforeDelete,
      afterDelete: [publicChange.afterDelete],
    },
  }
}
