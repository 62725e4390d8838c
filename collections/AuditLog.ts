import type { CollectionConfig, CollectionSlug } from 'payload'

import { isAdmin } from '../src/access/is-admin'
import { nobody } from '../src/access/nobody'
import { AUDIT_LOG_SLUG } from '../src/model/slugs'
import { AUDIT_ACTIONS } from '../src/audit/audit-actions'
import { REFERENCE_COLLECTION_FIELD } from '../src/fields/document-references'

/**
 * Who did what, when, to which document: every save, publish, unpublish, delete, restore and
 * sign-in (successful or not). Admins read it; nobody can change or delete an entry over the API;
 * entries older than AUDIT_RETENTION_DAYS are removed by the server. `userSlug` is the project's
 * user collection.
 */
export function createAuditLog(userSlug: string): CollectionConfig {
  return {
    slug: AUDIT_LOG_SLUG,
    labels: { singular: 'Audit entry', plural: 'Audit log' },
    admin: {
      useAsTitle: 'summary',
      group: 'Settings',
      defaultColumns: ['at', 'action', 'summary', 'userEmail', 'ip'],
      description: 'Every change and sign-in, newest first. Entries cannot be edited or deleted.',
    },
    defaultSort: '-at',
    access: { read: isAdmin, create: nobody, update: nobody, delete: nobody },
    fields: [
      { name: 'at', type: 'date', required: true, index: true, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
      { name: 'action', type: 'select', required: true, index: true, options: [...AUDIT_ACTIONS], admin: { readOnly: true } },
      { name: 'summary', type: 'text', admin: { readOnly: true } },
      { name: 'documentCollection', type: 'text', index: true, admin: { readOnly: true } },
      { name: 'documentId', type: 'text', index: true, admin: { readOnly: true }, custom: { [REFERENCE_COLLECTION_FIELD]: 'documentCollection' } },
      { name: 'changedFields', type: 'text', hasMany: true, admin: { readOnly: true } },
      { name: 'user', type: 'relationship', relationTo: userSlug as CollectionSlug, admin: { readOnly: true } },
      { name: 'userEmail', type: 'text', admin: { readOnly: true } },
      { name: 'ip', type: 'text', admin: { readOnly: true } },
    ],
  }
}
