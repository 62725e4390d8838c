export const AUDIT_ACTIONS = ['create', 'update', 'publish', 'unpublish', 'delete', 'restore', 'login', 'login-failed', 'unlock', 'site-key-write-refused'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
