/**
 * The roles a clinic's staff can have. Admins run the CMS and manage staff; editors write and
 * publish; contributors (a therapist drafting a post, say) write drafts that an editor publishes;
 * reviewers (clinicians) sign off the clinical review of an article and write drafts.
 */
export const ROLES = ['admin', 'editor', 'contributor', 'reviewer'] as const
export type Role = (typeof ROLES)[number]

/** Any signed-in principal (staff, or a site key, which has no roles) or none. */
type MaybeUser = object | null | undefined

export function hasRole(user: MaybeUser, role: Role): boolean {
  return hasAnyRole(user, [role])
}

export function hasAnyRole(user: MaybeUser, roles: readonly string[]): boolean {
  const held = (user as { roles?: unknown } | null | undefined)?.roles
  return Array.isArray(held) && held.some((role) => roles.includes(role))
}
