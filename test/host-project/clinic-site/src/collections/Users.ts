import type { CollectionConfig } from 'payload'

/** The clinic's own users, as in Payload's blank template, with the `roles` the content plugin reads. */
export const Users: CollectionConfig = {
  slug: 'users',
  admin: { useAsTitle: 'email' },
  auth: true,
  fields: [
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      defaultValue: ['editor'],
      options: ['admin', 'editor', 'contributor'],
    },
  ],
}
