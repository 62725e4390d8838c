import type { Router } from 'express'
import express from 'express'
import type { Payload } from 'payload'

import { kapContentSettings } from '../model/settings'

/**
 * /healthz: the process is up (for restarts). /readyz: the database answers (for load balancers),
 * and turns 503 as soon as shutdown begins so traffic drains away first.
 */
export function healthRouter(payload: Payload, isShuttingDown: () => boolean): Router {
  const router = express.Router()
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' })
  })
  router.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store')
    if (isShuttingDown()) {
      res.status(503).json({ status: 'shutting-down' })
      return
    }
    try {
      await payload.count({ collection: kapContentSettings(payload).usersCollection as 'users', overrideAccess: true })
      res.json({ status: 'ready', database: 'up' })
    } catch (error) {
      payload.logger.error({ err: error }, 'readiness check: the database did not answer')
      res.status(503).json({ status: 'unavailable', database: 'down' })
    }
  })
  return router
}
