import type { CollectionConfig } from 'payload'

import { isAdmin, isAdminField } from '../src/access/is-admin'
import { isAdminOrSelf } from '../src/access/is-admin-or-self'
import { isAuthenticated } from '../src/access/is-authenticated'
import { ROLES } from '../src/access/roles'
import { isStaff } from '../src/access/staff'
import { makeFirstUserAdmin } from './Users.hooks'

export const USERS_SLUG = 'users'

export const Users: CollectionConfig = {
  slug: USERS_SLUG,
  admin: {
    useAsTitle: 'email',
    group: 'Settings',
    defaultColumns: ['name', 'email', 'roles'],
    description: 'Clinic staff who sign in to edit content. Only admins add people or change roles.',
  },
  auth: {
    // Payload's lockout: after 5 failures the account is locked for 10 minutes.
    maxLoginAttempts: 5,
    lockTime: 10 * 60 * 1000,
    tokenExpiration: 8 * 60 * 60,
  },
  access: {
    // Payload's create-first-user screen bypasses this; after that only admins invite staff.
    create: isAdmin,
    read: isAuthenticated,
    update: isAdminOrSelf,
    delete: isAdmin,
    admin: ({ req }) => isStaff(req.user),
  },
  hooks: {
    beforeChange: [makeFirstUserAdmin],
  },
  fields: [
    {
      name: 'name',
      type: 'text',
      maxLength: 120,
      admin: { description: 'Shown as an article author, e.g. "Dr. Jane Rivera, PsyD".' },
    },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      options: ROLES.map((role) => ({ label: role[0].toUpperCase() + role.slice(1), value: role })),
      admin: {
        description: 'Admins manage staff and settings; editors write and publish; contributors write drafts only; reviewers sign off clinical reviews (and write drafts).',
      },
      defaultValue: ['editor'],
      saveToJWT: true,
      access: {
        // Nobody but an admin changes a role: not even their own.
        create: isAdminField,
        update: isAdminField,
      },
    },
  ],
}
