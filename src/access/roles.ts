/** The roles a clinic's staff can have. Admins run the CMS; editors write and publish content. */
export const ROLES = ['admin', 'editor'] as const
export type Role = (typeof ROLES)[number]

type MaybeUser = { roles?: unknown; collection?: string } | null | undefined

export function hasRole(user: MaybeUser, role: Role): boolean {
  return Array.isArray(user?.roles) && user.roles.includes(role)
}
