import type { CollectionConfig } from 'payload'

import { hasAnyRoleOf } from './has-any-role'
import { isAuthenticated } from './is-authenticated'
import { publishedOrAuthenticated } from './published-or-authenticated'

/**
 * Who may do what with clinic content: the public reads what is published, signed-in staff write
 * (publishing is further limited by role, see src/publishing), and deleting needs a role of its own.
 */
export function contentAccess({ deleteRoles }: { deleteRoles: readonly string[] }): CollectionConfig['access'] {
  return {
    read: publishedOrAuthenticated,
    readVersions: isAuthenticated,
    create: isAuthenticated,
    update: isAuthenticated,
    delete: hasAnyRoleOf(deleteRoles),
  }
}
