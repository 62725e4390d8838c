import type { CollectionConfig } from 'payload'

import type { ResolvedKapOptions } from '../plugin/options'

/** Drafts, autosave, scheduled publishing and a bound on stored versions, the same on every content type. */
export function draftVersions(options: ResolvedKapOptions): CollectionConfig['versions'] {
  return {
    drafts: {
      autosave: { interval: options.autosaveIntervalMs },
      schedulePublish: true,
    },
    maxPerDoc: options.maxVersionsPerDocument,
  }
}
