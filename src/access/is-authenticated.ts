import type { Access, FieldAccess } from 'payload'

import { isStaff } from './staff'

/** Signed-in staff (a site key is not staff: see staff.ts). */
export const isAuthenticated: Access = ({ req }) => isStaff(req.user)

export const isAuthenticatedField: FieldAccess = ({ req }) => isStaff(req.user)
