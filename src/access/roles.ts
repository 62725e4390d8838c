/**
 * The roles a clinic's staff can have. Admins run the CMS and manage staff; editors write and
 * publish; contributors (a therapist drafting a post, say) write drafts that an editor publishes.
 */
export const ROLES = ['admin', 'editor', 'contributor'] as const
export type Role = (typeof ROLES)[number]

type MaybeUser = { roles?: unknown } | null | undefined

export function hasRole(user: MaybeUser, role: Role): boolean {
  return hasAnyRole(user, [role])
}

export function hasAnyRole(user: MaybeUser, roles: readonly string[]): boolean {
  return Array.isArray(user?.roles) && user.roles.some((role) => roles.includes(role))
}
