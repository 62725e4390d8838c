import type { CollectionBeforeChangeHook } from 'payload'
import type { User } from '../payload-types'

/** The first account (made on the admin UI's create-first-user screen) runs the clinic's CMS. */
export const makeFirstUserAdmin: CollectionBeforeChangeHook<User> = async ({ collection, data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: collection.slug as 'users', overrideAccess: true, req })
  if (totalDocs === 0) return { ...data, roles: ['admin'] }
  return data
}
