import type { Access } from 'payload'

import { hasAnyRole } from './roles'

/** An access rule that admits users holding one of these roles. */
export const hasAnyRoleOf =
  (roles: readonly string[]): Access =>
  ({ req }) =>
    hasAnyRole(req.user, roles)
