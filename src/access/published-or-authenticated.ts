import type { Access } from 'payload'

import { isStaff } from './staff'

/** Signed-in staff read everything; the public reads only what has been published. */
export const publishedOrAuthenticated: Access = ({ req }) => {
  if (isStaff(req.user)) return true
  return { _status: { equals: 'published' } }
}
