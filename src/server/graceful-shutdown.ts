import type { Server } from 'node:http'

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
