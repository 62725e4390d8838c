import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Payload } from 'payload'

/** Anything no route claimed: a JSON 404 a site developer can read, never an HTML page. */
export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ errors: [{ message: `Not found: ${req.method} ${req.path}` }] })
}

/** The last resort: the client gets a plain JSON error, the log gets the details. */
export function errorHandler(payload: Payload): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = clientErrorStatus(error)
    if (status) {
      if (!res.headersSent) res.status(status).json({ errors: [{ message: (error as Error).message }] })
      return
    }
    payload.logger.error({ err: error, method: req.method, path: req.originalUrl }, 'unhandled request error')
    if (res.headersSent) {
      res.destroy()
      return
    }
    res.status(500).json({ errors: [{ message: 'Internal server error' }] })
  }
}

/** Errors raised by Express's own body parsers (malformed JSON, too large) carry a 4xx status. */
function clientErrorStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown; expose?: unknown })?.status
  if (typeof status === 'number' && status >= 400 && status < 500) return status
  return undefined
}
