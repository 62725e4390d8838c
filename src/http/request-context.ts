import { AsyncLocalStorage } from 'node:async_hooks'

import type { RequestHandler } from 'express'

/** What hooks deep inside Payload may want to know about the HTTP request that caused them. */
export type RequestContext = { ip: string }

const context = new AsyncLocalStorage<RequestContext>()

export const withRequestContext: RequestHandler = (req, _res, next) => {
  context.run({ ip: req.ip ?? req.socket.remoteAddress ?? '' }, next)
}

export function currentRequestContext(): RequestContext | undefined {
  return context.getStore()
}
