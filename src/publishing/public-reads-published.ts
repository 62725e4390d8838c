import type { CollectionBeforeOperationHook } from 'payload'

import { isStaff } from '../access/staff'

/**
 * Anonymous readers never get drafts, whatever they ask for: `?draft=true` over REST, `draft: true`
 * over GraphQL, and relationships populated at depth all go through this operation. Payload already
 * filters draft versions through the read rule; this keeps the guarantee independent of that rule.
 */
export const publicReadsPublished: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  // Trusted server code (overrideAccess: the signed preview endpoint, the importer) may read drafts.
  if (operation === 'read' && !isStaff(req.user) && args.draft && !args.overrideAccess) {
    return { ...args, draft: false }
  }
  return args
}
