import { SITE_KEYS_SLUG } from '../model/slugs'

/**
 * Staff are signed-in people. A site key also makes a request "signed in" to Payload, but it
 * reads exactly what the public reads: it is never staff, whatever rule asks.
 */
export function isStaff(user: unknown): boolean {
  return Boolean(user) && (user as { collection?: string }).collection !== SITE_KEYS_SLUG
}
