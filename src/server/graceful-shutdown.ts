import type { Server } from 'node:http'

import type { RequestHandler } from 'express'

export type ShutdownOptions = {
  server: Server
  /** Closes what the requests depended on (Payload's database, its job runner). */
  close: () => Promise<void>
  log: (message: string) => void
  /** How long requests in flight may take before their connections are cut. */
  graceMs?: number
}

/**
 * Stop accepting connections, let requests in flight finish (cutting them after the grace period),
 * then close the database. Resolves once everything is closed; never rejects.
 */
export function gracefulShutdown({ server, close, log, graceMs = 10_000 }: ShutdownOptions): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      log(`shutdown: requests still running after ${graceMs} ms; closing their connections`)
      server.closeAllConnections()
    }, graceMs)
    force.unref()
    server.close(async () => {
      clearTimeout(force)
      try {
        await close()
      } catch (error) {
        log(`shutdown: closing the database failed: ${(error as Error).message}`)
      }
      resolve()
    })
    // Keep-alive connections with no request in flight would otherwise hold server.close open.
    server.closeIdleConnections()
  })
}

/**
 * Once shutdown has begun, a new request gets 503 with Retry-After and `Connection: close` instead
 * of being started: clients on keep-alive connections (sites, load balancers) let go at once, so
 * shutdown waits only for the requests already in flight, not for the grace period. `exempt`
 * requests are still answered: the health checks (which say so themselves) and the renderer's own
 * reads for a page already in flight.
 */
export function refuseWhileShuttingDown(isShuttingDown: () => boolean, exempt: (req: Parameters<RequestHandler>[0]) => boolean): RequestHandler {
  return (req, res, next) => {
    if (!isShuttingDown() || exempt(req)) return next()
    res.set({ Connection: 'close', 'Retry-After': '5', 'Cache-Control': 'no-store' })
    res.status(503).json({ errors: [{ message: 'The server is restarting. Try again in a few seconds.' }] })
  }
}
