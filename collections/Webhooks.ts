import crypto from 'node:crypto'

import type { CollectionConfig } from 'payload'

import { isAdmin } from '../src/access/is-admin'
import { WEBHOOKS_SLUG } from '../src/model/slugs'
import { validateLinkUrl } from '../src/fields/external-url'
import { PUBLIC_CHANGE_EVENTS as WEBHOOK_EVENTS } from '../src/publishing/public-change'

/** Where to tell a website that content changed (to rebuild a page, purge a CDN). Admins only. */
export const Webhooks: CollectionConfig = {
  slug: WEBHOOKS_SLUG,
  admin: { useAsTitle: 'name', group: 'Settings', defaultColumns: ['name', 'url', 'events', 'active'] },
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'url',
      type: 'text',
      required: true,
      maxLength: 2048,
      admin: { description: 'The address that receives a signed POST for each event.' },
      validate: (value: unknown) => (value ? validateLinkUrl(value, { allowContactLinks: false }) : 'Enter the address to notify.'),
    },
    {
      name: 'secret',
      type: 'text',
      required: true,
      minLength: 16,
      maxLength: 200,
      defaultValue: () => crypto.randomBytes(24).toString('hex'),
      admin: { description: 'Used to sign each event (X-KAP-Signature). Give it to the receiving site.' },
    },
    {
      name: 'events',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: [...WEBHOOK_EVENTS],
      options: WEBHOOK_EVENTS.map((event) => ({ label: event, value: event })),
    },
    { name: 'active', type: 'checkbox', defaultValue: true },
  ],
}
