import type { TextField } from 'payload'

import { isAuthenticatedField } from '../access/is-authenticated'

/**
 * Where an imported document came from (e.g. "ketamine-therapy#list-2") and a checksum of what was
 * imported, so importing the same file again updates these documents, or leaves them alone when
 * nothing changed, instead of duplicating them. Internal bookkeeping: sites never receive them.
 */
export function importFields(): TextField[] {
  return [
    {
      name: 'importKey',
      type: 'text',
      index: true,
      maxLength: 300,
      access: { read: isAuthenticatedField },
      admin: { position: 'sidebar', readOnly: true, description: 'Set by the article importer.', condition: (data) => Boolean(data?.importKey) },
      // A copy is a new document of the editor's, not the imported one: importing again must not find it.
      hooks: { beforeDuplicate: [() => null] },
    },
    { name: 'importChecksum', type: 'text', maxLength: 64, access: { read: isAuthenticatedField }, admin: { hidden: true }, hooks: { beforeDuplicate: [() => null] } },
  ]
}
