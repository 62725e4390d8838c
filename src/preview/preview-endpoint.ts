import type { Endpoint, PayloadRequest } from 'payload'

import { SITE_KEYS_SLUG } from '../model/slugs'

import { type ResolvedKapOptions } from '../model/options'
import { CONTENT_SLUGS } from '../model/slugs'
import { isSameDocument, previewKey, verifyPreviewToken } from './preview-token'

/** Content types that have drafts and can be previewed (those the plugin adds). */
const PREVIEWABLE = ['articles', 'benefitLists', 'faqs', 'callsToAction'] as const
type Previewable = (typeof CONTENT_SLUGS)[(typeof PREVIEWABLE)[number]]

const PRIVATE = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' }

/**
 * GET /api/preview/:collection/:id with `Authorization: Preview <token>` (or ?token=): exchanges a
 * signed preview token for that one document's current draft, with what it embeds populated.
 * The answer is private and never cached; no cookie or mode is set, so nothing sticks.
 */
export function previewEndpoint({ collections }: Pick<ResolvedKapOptions, 'collections'>): Endpoint {
  // Only the collections switched on: a switched-off one is never named, in a route or a message.
  const previewable: string[] = PREVIEWABLE.filter((key) => collections[key]).map((key) => CONTENT_SLUGS[key])
  return {
    path: '/preview/:collection/:id',
    method: 'get',
    handler: async (req) => {
      const collection = String(req.routeParams?.collection ?? '')
      const id = String(req.routeParams?.id ?? '')
      const fail = (status: number, message: string) => Response.json({ errors: [{ message }] }, { status, headers: PRIVATE })
      if (!previewable.includes(collection)) {
        return fail(404, `Nothing to preview in "${collection.slice(0, 60)}": previews exist for ${previewable.join(', ')}.`)
      }
      const header = req.headers.get('authorization')
      const token = header?.startsWith('Preview ') ? header.slice('Preview '.length) : new URL(req.url ?? '', 'http://x').searchParams.get('token')
      // A site key allowed previews reads drafts here (a site's own preview mode); any other key does not.
      const site = (req.user as { collection?: string; previews?: boolean } | null)?.collection === SITE_KEYS_SLUG ? (req.user as { previews?: boolean }) : undefined
      if (site && !token) {
        if (site.previews !== true) return fail(403, 'This site key may not read drafts: an admin can allow previews for it under Settings → Site keys.')
        const doc = await readDraft(req, collection, id)
        return doc ? Response.json({ collection, doc }, { headers: PRIVATE }) : fail(404, `No ${collection} document has the id ${id.slice(0, 40)}.`)
      }
      const verdict = verifyPreviewToken(token, { collection, id }, previewKey(req.payload.secret))
      if (!verdict.ok) return fail(verdict.status, verdict.reason)

      const doc = await readDraft(req, collection, id)
      if (!doc) return fail(404, `The ${collection} document ${id.slice(0, 40)} no longer exists.`)
      if (!isSameDocument(verdict, doc)) return fail(403, 'This preview link was made for a document that has since been deleted; open the preview again from the admin UI.')
      return Response.json({ collection, expiresAt: verdict.expiresAt.toISOString(), doc }, { headers: PRIVATE })
    },
  }
}

/** The document's current draft, with what it embeds populated (drafts of those too). */
function readDraft(req: PayloadRequest, collection: string, id: string) {
  return req.payload.findByID({
    collection: collection as Previewable,
    id,
    draft: true,
    depth: 2,
    overrideAccess: true,
    disableErrors: true,
  })
}
