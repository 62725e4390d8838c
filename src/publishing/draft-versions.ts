import type { CollectionConfig } from 'payload'

import type { ResolvedKapOptions } from '../model/options'

/**
 * Drafts, autosave, scheduled publishing and a bound on stored versions, the same on every content
 * type. Drafts are validated like published documents: a malformed slug or a javascript: link is
 * refused when it is typed, not discovered at publish time.
 */
export function draftVersions(options: ResolvedKapOptions): CollectionConfig['versions'] {
  return {
    drafts: {
      autosave: { interval: options.autosaveIntervalMs },
      schedulePublish: true,
      validate: true,
    },
    maxPerDoc: options.maxVersionsPerDocument,
  }
}
