import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { contentAccess } from '../access/content-access'
import type { ResolvedKapOptions } from '../plugin/options'
import { draftVersions } from './draft-versions'
import { requirePublishRole } from './publish-permission'
import { publicReadsPublished } from './public-reads-published'
import { announceDeletion, announcePublicChange, rememberPublishedState } from '../webhooks/publishing-events'

/**
 * What every clinic content type shares: who may read and write it, drafts and versions, only
 * published content for the public, publishing limited to the publishing roles, and webhook events
 * when what the public sees changes. A collection
 * adds its own checks before saving through `beforeChange`.
 */
export function publishingWorkflow(
  options: ResolvedKapOptions,
  { beforeChange = [] }: { beforeChange?: CollectionBeforeChangeHook[] } = {},
): Pick<CollectionConfig, 'access' | 'versions' | 'hooks'> {
  return {
    access: contentAccess(options),
    versions: draftVersions(options),
    hooks: {
      beforeOperation: [publicReadsPublished],
      beforeChange: [requirePublishRole(options.publishRoles), ...beforeChange, rememberPublishedState],
      afterChange: [announcePublicChange],
      afterDelete: [announceDeletion],
    },
  }
}
