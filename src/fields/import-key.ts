import type { TextField } from 'payload'

/**
 * Where an imported document came from (e.g. "ketamine-therapy-and-the-psychedelic-connection#list-2"),
 * so importing the same article again updates these documents instead of duplicating them.
 */
export function importKeyField(): TextField {
  return {
    name: 'importKey',
    type: 'text',
    index: true,
    maxLength: 200,
    admin: { position: 'sidebar', readOnly: true, description: 'Set by the article importer.', condition: (data) => Boolean(data?.importKey) },
  }
}
