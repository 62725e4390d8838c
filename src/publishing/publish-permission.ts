import { APIError, type CollectionBeforeChangeHook, type CollectionBeforeOperationHook, type PayloadRequest, type Where } from 'payload'

import { hasAnyRole } from '../access/roles'

/** Request-context key (per collection) saying whether the running save writes a draft version only. */
const draftOnlyKey = (collection: string) => `kapSavesDraftOnly:${collection}`

/**
 * Publishing is one permission in both directions. A save changes what the public sees when it
 * publishes, or when it writes the stored (public) document of something already published: an
 * unpublish (`_status: "draft"` without `draft=true`), a plain update of a document with a newer
 * draft (Payload then stores the draft), a restored version, a bulk update, a scheduled job. Only
 * the publishing roles may do that; everyone else with edit access saves drafts beside it.
 * Operations without a user (the seed, scheduled jobs queued by the server) were authorised when
 * they were set up; a scheduled job queued by a user runs as that user and is checked here too.
 */
export function publishGate(publishRoles: readonly string[]): { beforeOperation: CollectionBeforeOperationHook; beforeChange: CollectionBeforeChangeHook } {
  return {
    // Only the operation knows whether it writes a draft version only (`draft=true`); hooks run per document.
    beforeOperation: async ({ args, collection, context, operation, req }) => {
      if (operation !== 'update' && operation !== 'restoreVersion') return args
      const { draft, id, where, data } = args as { draft?: boolean; id?: unknown; where?: Where; data?: { _status?: unknown } }
      context[draftOnlyKey(collection.slug)] = Boolean(draft)
      // A bulk update is refused whole, before any document changes, rather than document by document.
      if (operation === 'update' && id === undefined && where && req.user && !hasAnyRole(req.user, publishRoles)) {
        if (data?._status === 'published') throw refusePublish(publishRoles)
        const published = draft
          ? 0
          : (await req.payload.count({ collection: collection.slug as 'articles', where: { and: [where, { _status: { equals: 'published' } }] }, overrideAccess: true, req }))
              .totalDocs
        if (published > 0) throw refuseChangingPublished(publishRoles, `${published} of the documents it matches ${published === 1 ? 'is' : 'are'} published`)
      }
      return args
    },
    beforeChange: async ({ collection, context, data, operation, originalDoc, req }) => {
      if (!req.user || hasAnyRole(req.user, publishRoles)) return data
      if (data?._status === 'published') throw refusePublish(publishRoles)
      if (operation !== 'update' || context[draftOnlyKey(collection.slug)] === true) return data
      const id = originalDoc?.id ?? data?.id
      if (id !== undefined && (await isPublished(req, collection.slug, id))) {
        const label = typeof collection.labels?.singular === 'string' ? collection.labels.singular.toLowerCase() : 'document'
        throw refuseChangingPublished(publishRoles, `this ${label} is published`)
      }
      return data
    },
  }
}

function refusePublish(publishRoles: readonly string[]): APIError {
  return new APIError(`Your role can save drafts but not publish. Publishing needs one of these roles: ${publishRoles.join(', ')}.`, 403, null, true)
}

function refuseChangingPublished(publishRoles: readonly string[], why: string): APIError {
  return new APIError(
    `Your role can save drafts but not publish or unpublish: ${why}, and this save would change or take down what the public sees. ` +
      `Save a draft instead (draft=true) for an editor to publish; publishing and unpublishing need one of these roles: ${publishRoles.join(', ')}.`,
    403,
    null,
    true,
  )
}

/** Whether the stored (public) document is published now, whatever drafts sit beside it. */
export async function isPublished(req: PayloadRequest, collection: string, id: string | number): Promise<boolean> {
  const stored = (await req.payload.db.findOne({ collection: collection as 'articles', where: { id: { equals: id } }, req })) as { _status?: string } | null
  return stored?._status === 'published'
}
