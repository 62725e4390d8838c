import type { Access, Payload, Where } from 'payload'

import { rejectMissingReferences } from '../fields/reject-missing-references'
import { hasRole } from './roles'
import { PAYLOAD_LOCKS_SLUG } from '../model/slugs'
import { isStaff } from './staff'

/** Payload's collection of document locks (who is editing what), added by Payload itself. */

type LockUser = { relationTo?: unknown; value?: unknown } | null | undefined

const heldBy = (user: { id: string | number; collection?: string }): Where => ({
  and: [{ 'user.relationTo': { equals: user.collection } }, { 'user.value': { equals: user.id } }],
})

const namesSelf = (lockUser: LockUser, user: { id: string | number; collection?: string }) =>
  typeof lockUser === 'object' && lockUser !== null && lockUser.relationTo === user.collection && String(lockUser.value) === String(user.id)

/** Anyone signed in sees who is editing what; a lock can only be taken in one's own name. */
export const lockAccess: Record<'read' | 'create' | 'update' | 'delete', Access> = {
  read: ({ req }) => isStaff(req.user),
  create: ({ req, data }) => Boolean(req.user && isStaff(req.user) && namesSelf(data?.user, req.user)),
  // The holder keeps their lock fresh; an admin may take one over. Nobody hands a lock to someone else.
  update: ({ req, data }) => {
    if (!req.user || !isStaff(req.user)) return false
    if (data?.user !== undefined && !namesSelf(data.user, req.user)) return false
    return hasRole(req.user, 'admin') ? true : heldBy(req.user)
  },
  // The holder lets go; an admin may clear a stale lock.
  delete: ({ req }) => (!req.user || !isStaff(req.user) ? false : hasRole(req.user, 'admin') ? true : heldBy(req.user)),
}

/**
 * Payload adds the locks collection after plugins have run, open to anyone signed in; its rules
 * are replaced once Payload is up (operations read a collection's access rules on every call).
 */
export function restrictDocumentLocks(payload: Payload): void {
  const locks = payload.collections[PAYLOAD_LOCKS_SLUG as 'users']
  if (!locks) return
  locks.config.access = { ...locks.config.access, ...lockAccess }
  // A lock on a document that does not exist is a 400 naming it, not a database error.
  locks.config.hooks.beforeChange = [...(locks.config.hooks.beforeChange ?? []), rejectMissingReferences]
}
