import type { RequestHandler } from 'express'
import type { Payload } from 'payload'

import { recordAudit } from '../audit/audit-log'
import { loginEmailOf } from './rate-limits'

/** Records every sign-in attempt over the API once answered: success, wrong password, lockout or rate limit. */
export function auditLogins(payload: Payload): RequestHandler {
  return (req, res, next) => {
    const email = loginEmailOf(req) ?? '(no email given)'
    res.on('finish', () => {
      const ok = res.statusCode === 200
      recordAudit(payload, {
        action: ok ? 'login' : 'login-failed',
        summary: ok ? `sign-in ${email}` : `failed sign-in ${email} (HTTP ${res.statusCode})`,
        documentCollection: 'users',
        userEmail: email,
        ip: req.ip ?? req.socket.remoteAddress ?? '',
      })
    })
    next()
  }
}
