import type { CollectionConfig } from 'payload'

import { hasAnyRoleOf } from '../src/access/has-any-role'
import { isAuthenticated } from '../src/access/is-authenticated'
import { CONTENT_SLUGS, REDIRECTS_SLUG } from '../src/model/slugs'
import { refuseLiveSlug } from '../src/redirects/slug-redirects'
import { SLUG_MAX_LENGTH } from '../src/fields/slug'
import { SLUG_PATTERN } from '../src/fields/slugify'

/**
 * Old article addresses and the article each now leads to. Made when a published article's slug
 * changes; editors may add, repoint or remove them. A redirect names the article, not a slug, so a
 * chain of renames always lands on the article's current address.
 */
export function createRedirects({ publishRoles }: { publishRoles: readonly string[] }): CollectionConfig {
  const editors = hasAnyRoleOf(publishRoles)
  return {
    slug: REDIRECTS_SLUG,
    labels: { singular: 'Redirect', plural: 'Redirects' },
    admin: {
      useAsTitle: 'fromSlug',
      group: 'Content',
      defaultColumns: ['fromSlug', 'article', 'updatedAt'],
      description: 'Old article addresses that lead to an article. Made when a published article’s slug changes; a new article taking an old address replaces its redirect.',
    },
    access: { read: isAuthenticated, create: editors, update: editors, delete: editors },
    hooks: { beforeChange: [refuseLiveSlug] },
    fields: [
      {
        name: 'fromSlug',
        label: 'Old slug',
        type: 'text',
        required: true,
        unique: true,
        index: true,
        maxLength: SLUG_MAX_LENGTH,
        validate: (value: unknown) =>
          typeof value === 'string' && SLUG_PATTERN.test(value) ? true : 'The old slug may contain only lower-case letters, digits and single hyphens between words.',
      },
      { name: 'article', type: 'relationship', relationTo: CONTENT_SLUGS.articles, required: true, admin: { description: 'Where the old address leads now.' } },
    ],
  }
}
