import type { CollectionConfig } from 'payload'

import { isAdmin } from '../src/access/is-admin'
import { nobody } from '../src/access/nobody'
import { WEBHOOK_DELIVERIES_SLUG, WEBHOOKS_SLUG } from '../src/model/slugs'
import { REFERENCE_COLLECTION_FIELD } from '../src/fields/document-references'
import { PUBLIC_CHANGE_EVENTS as WEBHOOK_EVENTS } from '../src/publishing/public-change'

/** One event sent (or being retried) to one webhook: admins read it; only the server writes it. */
export const WebhookDeliveries: CollectionConfig = {
  slug: WEBHOOK_DELIVERIES_SLUG,
  admin: {
    useAsTitle: 'event',
    group: 'Settings',
    defaultColumns: ['event', 'documentCollection', 'status', 'attempts', 'lastStatusCode', 'updatedAt'],
    description: 'Every event sent to a webhook, with its retries. Failed deliveries are retried with growing delays.',
  },
  defaultSort: '-createdAt',
  access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'webhook', type: 'relationship', relationTo: WEBHOOKS_SLUG, required: true, index: true },
    { name: 'event', type: 'select', required: true, options: [...WEBHOOK_EVENTS] },
    { name: 'documentCollection', type: 'text', required: true },
    { name: 'documentId', type: 'text', required: true, custom: { [REFERENCE_COLLECTION_FIELD]: 'documentCollection' } },
    { name: 'body', type: 'textarea', required: true, admin: { description: 'The exact JSON that is signed and sent.' } },
    { name: 'status', type: 'select', required: true, index: true, defaultValue: 'pending', options: ['pending', 'delivered', 'failed'] },
    { name: 'attempts', type: 'number', defaultValue: 0 },
    { name: 'nextAttemptAt', type: 'date', index: true },
    { name: 'lastStatusCode', type: 'number' },
    { name: 'lastError', type: 'text' },
    { name: 'deliveredAt', type: 'date' },
  ],
}
