import type { Access, FieldAccess } from 'payload'

/** No one, over any API: records only the server itself writes (with overrideAccess). */
export const nobody: Access = () => false

/** No one sets this field over any API: the server maintains it. */
export const nobodyField: FieldAccess = () => false
