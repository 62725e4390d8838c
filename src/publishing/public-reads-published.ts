import type { CollectionBeforeOperationHook } from 'payload'

/**
 * Anonymous readers never get drafts, whatever they ask for: `?draft=true` over REST, `draft: true`
 * over GraphQL, and relationships populated at depth all go through this operation. Payload already
 * filters draft versions through the read rule; this keeps the guarantee independent of that rule.
 */
export const publicReadsPublished: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'read' && !req.user && args.draft) {
    return { ...args, draft: false }
  }
  return args
}
