import { Readable } from 'node:stream'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'

import { GRAPHQL_PLAYGROUND_GET, GRAPHQL_POST, REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import type { Request as ExpressRequest, Response as ExpressResponse, Router } from 'express'
import express from 'express'
import type { SanitizedConfig } from 'payload'

import { type CachePolicy, sendWithCaching } from './http-cache'
import { safeDecode } from './safe-decode'

type RouteHandler = (request: Request, args: { params: Promise<{ slug?: string[] }> }) => Promise<Response>

/** Payload's REST GET handler, called with a web Request and the path below the API route. */
export function restGet(config: SanitizedConfig): (request: Request, slug: string[]) => Promise<Response> {
  const handler = REST_GET(config)
  return (request, slug) => handler(request, { params: Promise.resolve({ slug }) })
}

/**
 * Serves Payload's REST and GraphQL APIs straight from Express, without a round trip through Next:
 * the same handlers Next's route files would call, fed web Requests built from Express's.
 */
export function payloadApiRouter(config: SanitizedConfig, options: { playground: boolean; cache: CachePolicy }): Router {
  const allowedOrigins = Array.isArray(config.cors) ? config.cors : []
  const send = (req: ExpressRequest, res: ExpressResponse, response: Response) => sendWebResponse(req, res, response, { allowedOrigins, cache: options.cache })
  const router = express.Router()
  const rest: Record<string, RouteHandler> = {
    DELETE: REST_DELETE(config),
    GET: REST_GET(config),
    OPTIONS: REST_OPTIONS(config),
    PATCH: REST_PATCH(config),
    POST: REST_POST(config),
    PUT: REST_PUT(config),
  }
  const graphql = GRAPHQL_POST(config)
  const playground = GRAPHQL_PLAYGROUND_GET(Promise.resolve(config))
  const { graphQL, graphQLPlayground } = config.routes

  router.post(graphQL, (req, res, next) => {
    graphql(toWebRequest(req))
      .then((response) => send(req, res, response))
      .catch(next)
  })
  if (options.playground) {
    router.get(graphQLPlayground, (req, res, next) => {
      playground(toWebRequest(req))
        .then((response) => send(req, res, response))
        .catch(next)
    })
  }
  router.use((req, res, next) => {
    const handler = rest[req.method]
    if (!handler) return next()
    const slug = req.path
      .split('/')
      .filter(Boolean)
      .map((segment) => safeDecode(segment))
    handler(toWebRequest(req), { params: Promise.resolve({ slug }) })
      .then((response) => send(req, res, response))
      .catch(next)
  })
  return router
}

export function toWebRequest(req: ExpressRequest): Request {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`)
  const headers = new Headers()
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i], req.rawHeaders[i + 1])
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  // Bodies already read by the size limit (request-limits.ts) arrive as a Buffer; uploads stream.
  const buffered = Buffer.isBuffer(req.body) ? req.body : undefined
  const streamed = hasBody && !buffered
  return new Request(url, {
    method: req.method,
    headers,
    body: buffered ?? (streamed ? (Readable.toWeb(req) as unknown as ReadableStream) : undefined),
    // Required by undici whenever the body is a stream.
    ...(streamed ? { duplex: 'half' } : {}),
  } as RequestInit)
}

/**
 * Copies Payload's answer onto Express's response. CORS headers are kept only for the allowed
 * site origins (Payload adds some for any origin); GET answers get caching headers.
 */
export async function sendWebResponse(
  req: ExpressRequest,
  res: ExpressResponse,
  response: Response,
  { allowedOrigins, cache }: { allowedOrigins: string[]; cache: CachePolicy },
): Promise<void> {
  res.status(response.status)
  const origin = req.headers.origin
  const corsAllowed = origin !== undefined && allowedOrigins.includes(origin)
  response.headers.forEach((value, name) => {
    if (name === 'set-cookie') return
    if (name.startsWith('access-control-') && !corsAllowed) return
    res.setHeader(name, value)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader('set-cookie', cookies)
  if (req.method === 'GET') {
    sendWithCaching(req, res, Buffer.from(await response.arrayBuffer()), cache)
    return
  }
  if (!response.body) {
    res.end()
    return
  }
  await new Promise<void>((resolve, reject) => {
    Readable.fromWeb(response.body as unknown as NodeReadableStream)
      .on('error', reject)
      .pipe(res)
      .on('finish', resolve)
      .on('error', reject)
  })
}
