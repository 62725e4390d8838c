import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

import { mapReferences } from './document-references'

/**
 * Refuses a save that points at a document that does not exist (or not in the collection the field
 * points into) with a 400 naming each field, instead of the database's foreign-key failure (a 500
 * on SQL databases, a dangling reference on MongoDB). Looks at the references the save sends, at
 * any depth: relationship and image fields, and images, links and embedded documents in rich text.
 */
export const rejectMissingReferences: CollectionBeforeChangeHook = async ({ collection, data, req }) => {
  if (!data || typeof data !== 'object') return data
  const wanted = new Map<string, Map<string, string[]>>()
  mapReferences(req.payload.config, collection.flattenedFields, data, (relationTo, id, path) => {
    const byId = wanted.get(relationTo) ?? new Map<string, string[]>()
    byId.set(String(id), [...(byId.get(String(id)) ?? []), path])
    wanted.set(relationTo, byId)
    return id
  })
  const errors: { path: string; message: string }[] = []
  for (const [relationTo, byId] of wanted) {
    const target = req.payload.collections[relationTo as 'articles']
    const ids = [...byId.keys()]
    const found = target ? await existingIds(req, relationTo, ids) : new Set<string>()
    for (const id of ids.filter((candidate) => !found.has(candidate))) {
      for (const path of byId.get(id)!) {
        errors.push({
          path,
          message: target
            ? `"${path}" points at ${relationTo} ${id.slice(0, 40)}, which does not exist.`
            : `"${path}" points into "${relationTo.slice(0, 40)}", which is not a collection here.`,
        })
      }
    }
  }
  if (errors.length) throw new ValidationError({ collection: collection.slug, errors: errors.slice(0, 20), req })
  return data
}

async function existingIds(req: Parameters<CollectionBeforeChangeHook>[0]['req'], collection: string, ids: string[]): Promise<Set<string>> {
  const numeric = req.payload.db.defaultIDType === 'number'
  // An id that cannot exist for this database (text for SQLite) is missing, not a query error.
  const valid = ids.filter((id) => (numeric ? /^[1-9]\d{0,14}$/.test(id) : /^[0-9a-f]{24}$/i.test(id)))
  if (valid.length === 0) return new Set()
  const { docs } = await req.payload.db.find({
    collection: collection as 'articles',
    where: { id: { in: valid.map((id) => (numeric ? Number(id) : id)) } },
    limit: valid.length,
    pagination: false,
    req,
  })
  return new Set(docs.map((doc) => String(doc.id)))
}
