import type { Block } from 'payload'

import { type ResolvedKapOptions } from '../model/options'
import { CONTENT_SLUGS, EMBED_BLOCK_SLUGS } from '../model/slugs'

/**
 * Blocks an editor drops into an article's body to show a shared document: the list, FAQs or call
 * to action is edited once, in its own collection, and every article embedding it shows the change.
 */
export function articleEmbedBlocks(options: ResolvedKapOptions): Block[] {
  const blocks: Block[] = []
  if (options.collections.benefitLists) {
    blocks.push({
      slug: EMBED_BLOCK_SLUGS.benefitList,
      labels: { singular: 'Benefit list', plural: 'Benefit lists' },
      fields: [{ name: 'benefitList', type: 'relationship', relationTo: CONTENT_SLUGS.benefitLists, required: true }],
    })
  }
  if (options.collections.faqs) {
    blocks.push({
      slug: EMBED_BLOCK_SLUGS.faqGroup,
      labels: { singular: 'FAQ group', plural: 'FAQ groups' },
      fields: [
        { name: 'heading', type: 'text', maxLength: 120, admin: { description: 'e.g. "Common questions"' } },
        { name: 'faqs', type: 'relationship', relationTo: CONTENT_SLUGS.faqs, hasMany: true, required: true, maxRows: 30 },
      ],
    })
  }
  if (options.collections.callsToAction) {
    blocks.push({
      slug: EMBED_BLOCK_SLUGS.callToAction,
      labels: { singular: 'Call to action', plural: 'Calls to action' },
      fields: [{ name: 'callToAction', type: 'relationship', relationTo: CONTENT_SLUGS.callsToAction, required: true }],
    })
  }
  return blocks
}
