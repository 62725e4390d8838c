import type { TextField } from 'payload'

import { SLUG_PATTERN, slugify } from './slugify'

export const SLUG_MAX_LENGTH = 120

/**
 * A page address made from another field (the title) unless an editor types one. Typed slugs are
 * validated, not silently rewritten, so what the editor sees is what the site links to.
 */
export function slugField(sourceField = 'title'): TextField {
  return {
    name: 'slug',
    type: 'text',
    // Not `required` in the schema: the admin UI would then refuse to save before the hook below
    // has had a chance to fill it in from the title.
    unique: true,
    index: true,
    maxLength: SLUG_MAX_LENGTH,
    admin: {
      position: 'sidebar',
      description:
        'The page address, e.g. "ketamine-and-integration". Filled in from the title when left empty; after publishing, changing it leaves a redirect from the old address (see Redirects).',
    },
    hooks: {
      // A copy needs an address of its own: "my-article-copy", or "-copy-2" and so on when taken.
      beforeDuplicate: [
        async ({ collection, req, value }) => {
          if (typeof value !== 'string' || value === '' || !collection) return value
          const base = `${value.slice(0, SLUG_MAX_LENGTH - 8)}-copy`
          for (let n = 1; n < 1000; n++) {
            const candidate = n === 1 ? base : `${base}-${n}`
            const taken = await req.payload.db.findOne({ collection: collection.slug as 'articles', where: { slug: { equals: candidate } }, req })
            if (!taken) return candidate
          }
          return `${base}-${Date.now()}`
        },
      ],
      beforeValidate: [
        ({ value, data, originalDoc }) => {
          if (typeof value === 'string' && value.trim() !== '') return value.trim()
          const source = data?.[sourceField] ?? originalDoc?.[sourceField]
          return typeof source === 'string' ? slugify(source) : value
        },
      ],
    },
    validate: (value: unknown) => {
      // Empty: it is generated from the title on save (a missing title is reported on its own field).
      if (value === undefined || value === null || value === '') return true
      if (typeof value !== 'string') return 'The slug must be text.'
      if (!SLUG_PATTERN.test(value)) {
        return 'The slug may contain only lower-case letters, digits and single hyphens between words (for example "ketamine-and-integration").'
      }
      return true
    },
  }
}
