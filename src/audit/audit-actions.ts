export const AUDIT_ACTIONS = ['create', 'update', 'publish', 'unpublish', 'delete', 'restore', 'login', 'login-failed'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
