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
        'The page address, e.g. "ketamine-and-integration". Filled in from the title when left empty; changing it after publishing breaks existing links.',
    },
    hooks: {
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
