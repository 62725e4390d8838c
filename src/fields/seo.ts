import type { CollectionSlug, GroupField } from 'payload'

/** What search engines and social cards show; each falls back to the title, excerpt and hero image. */
export function seoField({ mediaSlug }: { mediaSlug?: CollectionSlug }): GroupField {
  return {
    name: 'seo',
    type: 'group',
    label: 'Search and sharing',
    fields: [
      { name: 'title', type: 'text', maxLength: 70, admin: { description: 'Up to 70 characters. Leave empty to use the title.' } },
      {
        name: 'description',
        type: 'textarea',
        maxLength: 160,
        admin: { description: 'Up to 160 characters. Leave empty to use the excerpt.' },
      },
      ...(mediaSlug
        ? [{ name: 'image', type: 'upload' as const, relationTo: mediaSlug, admin: { description: 'Shown when the page is shared. Leave empty to use the hero image.' } }]
        : []),
    ],
  }
}
