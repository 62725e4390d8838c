import type { Access, FieldAccess } from 'payload'

export const isAuthenticated: Access = ({ req }) => Boolean(req.user)

export const isAuthenticatedField: FieldAccess = ({ req }) => Boolean(req.user)
