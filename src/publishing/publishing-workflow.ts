import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { contentAccess } from '../access/content-access'
import type { ResolvedKapOptions } from '../plugin/options'
import { draftVersions } from './draft-versions'
import { requirePublishRole } from './publish-permission'
import { publicReadsPublished } from './public-reads-published'

/**
 * What every clinic content type shares: who may read and write it, drafts and versions, only
 * published content for the public, and publishing limited to the publishing roles. A collection
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
      beforeChange: [requirePublishRole(options.publishRoles), ...beforeChange],
    },
  }
}
