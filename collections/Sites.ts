import type { CollectionConfig } from 'payload'

import { isAdmin } from '../src/access/is-admin'
import { nobodyField } from '../src/access/nobody'
import { SITE_KEYS_SLUG } from '../src/model/slugs'
import { forgetSiteKeys } from '../src/auth/site-key-verification'

/** The default per-key read limit: a static build reading a few thousand pages never meets it. */
export const DEFAULT_SITE_KEY_READS_PER_MINUTE = 60_000

/**
 * Keys that clinic websites read with (`Authorization: sites API-Key <key>`, Payload's API-key
 * scheme): a site's server or static build reads published content with its own read limit
 * instead of the per-address one. A key reads exactly what the public reads and can change
 * nothing; a key allowed previews may also read drafts through the preview endpoint. Admins
 * issue and revoke keys (untick "Enable API key", or delete the key).
 */
export const Sites: CollectionConfig = {
  slug: SITE_KEYS_SLUG,
  labels: { singular: 'Site key', plural: 'Site keys' },
  admin: {
    useAsTitle: 'name',
    group: 'Settings',
    defaultColumns: ['name', 'enableAPIKey', 'readsPerMinute', 'previews', 'lastUsedAt'],
    description: 'API keys for the clinic’s websites: they read published content with their own read limit, and change nothing.',
  },
  auth: { useAPIKey: true, disableLocalStrategy: true },
  // Nobody co-edits a key: no document locks.
  lockDocuments: false,
  access: { read: isAdmin, create: isAdmin, update: isAdmin, delete: isAdmin },
  hooks: { afterChange: [forgetSiteKeys], afterDelete: [forgetSiteKeys] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120, admin: { description: 'Which site uses this key, e.g. "clinic.example static build".' } },
    {
      name: 'readsPerMinute',
      type: 'number',
      required: true,
      defaultValue: DEFAULT_SITE_KEY_READS_PER_MINUTE,
      min: 1,
      max: 10_000_000,
      admin: { description: 'Reads this key may make per minute, from any number of addresses.' },
    },
    {
      name: 'previews',
      type: 'checkbox',
      defaultValue: false,
      admin: { description: 'Allow this key to read drafts through the preview endpoint (for the site’s own preview mode). It never sees drafts anywhere else.' },
    },
    {
      name: 'lastUsedAt',
      type: 'date',
      access: { create: nobodyField, update: nobodyField },
      admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } },
    },
  ],
}
