import type { Access } from 'payload'

/** No one, over any API: records only the server itself writes (with overrideAccess). */
export const nobody: Access = () => false
