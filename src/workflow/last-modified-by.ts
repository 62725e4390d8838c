import type { CollectionBeforeChangeHook, CollectionSlug, RelationshipField } from 'payload'

import { isAuthenticatedField } from '../access/is-authenticated'
import { nobodyField } from '../access/nobody'
import { isStaff } from '../access/staff'

/** The staff member whose save this version is, for list views and the dashboard. Staff only; the server sets it. */
export function lastModifiedByField(usersSlug: string): RelationshipField {
  return {
    name: 'lastModifiedBy',
    type: 'relationship',
    relationTo: usersSlug as CollectionSlug,
    access: { read: isAuthenticatedField, create: nobodyField, update: nobodyField },
    admin: { position: 'sidebar', readOnly: true, description: 'Set on every save.' },
  }
}

/** A save by a signed-in person names them; a save by the server (import, seed, a job without a user) names no one. */
export const recordLastModifiedBy: CollectionBeforeChangeHook = ({ data, req }) => ({ ...data, lastModifiedBy: isStaff(req.user) ? req.user!.id : null })
