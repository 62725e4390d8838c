import { APIError, type CollectionBeforeChangeHook } from 'payload'

import { hasAnyRole } from '../access/roles'

/**
 * Only the configured roles publish; everyone else with edit access saves drafts. Operations
 * without a user (the seed, scheduled publishing) were authorised when they were set up.
 */
export const requirePublishRole =
  (publishRoles: readonly string[]): CollectionBeforeChangeHook =>
  ({ data, req }) => {
    if (req.user && data?._status === 'published' && !hasAnyRole(req.user, publishRoles)) {
      throw new APIError(
        `Your role can save drafts but not publish. Publishing needs one of these roles: ${publishRoles.join(', ')}.`,
        403,
        null,
        true,
      )
    }
    return data
  }
