import type { CollectionSlug, GroupField } from 'payload'

import { validateLinkUrl } from './external-url'

/**
 * Where a button goes: one of the clinic's own articles (so the link follows a slug change), or a
 * web page, phone number or email address.
 */
export function linkField({ articlesSlug }: { articlesSlug?: CollectionSlug }): GroupField {
  const linkTypes = [...(articlesSlug ? [{ label: 'One of our articles', value: 'internal' }] : []), { label: 'Web address, phone or email', value: 'external' }]
  return {
    name: 'link',
    type: 'group',
    fields: [
      {
        name: 'type',
        type: 'radio',
        required: true,
        defaultValue: 'external',
        options: linkTypes,
        admin: { layout: 'horizontal' },
      },
      ...(articlesSlug
        ? [
            {
              name: 'article',
              type: 'relationship' as const,
              relationTo: articlesSlug,
              admin: { condition: (_: unknown, sibling: { type?: string }) => sibling?.type === 'internal' },
              validate: (value: unknown, { siblingData }: { siblingData: { type?: string } }) =>
                siblingData?.type === 'internal' && !value ? 'Choose the article this button links to.' : true,
            },
          ]
        : []),
      {
        name: 'url',
        type: 'text',
        maxLength: 2048,
        admin: {
          condition: (_: unknown, sibling: { type?: string }) => sibling?.type !== 'internal',
          description: 'e.g. https://clinic.example/contact, tel:+15551234567 or mailto:hello@clinic.example',
        },
        validate: (value: unknown, { siblingData }: { siblingData: { type?: string } }) => {
          if (siblingData?.type === 'internal') return true
          if (!value) return 'Enter the address this button links to.'
          return validateLinkUrl(value)
        },
      },
    ],
  }
}
