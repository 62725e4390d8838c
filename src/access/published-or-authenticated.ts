import type { Access } from 'payload'

/** Signed-in staff read everything; the public reads only what has been published. */
export const publishedOrAuthenticated: Access = ({ req }) => {
  if (req.user) return true
  return { _status: { equals: 'published' } }
}
