import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from 'express'
import { type DocumentNode, type OperationDefinitionNode, parse, print, visit } from 'graphql'
import { LRUCache } from 'lru-cache'
import type { Payload } from 'payload'

import { collectReadDependencies } from '../read-cache/read-dependencies'
import type { CachedResponse, ResponseCache } from '../read-cache/response-cache'
import { SHARED_COLLECTIONS } from './cached-reads'
import { corsHeaders } from './cors-headers'
import { type CachePolicy, isAnonymous, sendWithCaching } from './http-cache'
import { AnonymousGraphQL, type GraphQLParams } from './graphql-batch'
import { refuse } from './request-limits'

export type CachedGraphQLOptions = {
  payload: Payload
  cache: ResponseCache
  policy: CachePolicy
  allowedOrigins: string[]
  /** Payload's GraphQL handler: a web Request with a JSON body in, its answer out. */
  graphql: (request: Request) => Promise<Response>
}

/**
 * GraphQL for sites, with the REST read path's speed: an anonymous query (a site key's too) is
 * answered from the read cache, keyed by the normalized query, its variables and operation name,
 * and dropped by the same exact invalidation (a publish changes the next answer). Queries may be
 * sent as GET (`?query=…&variables=…&operationName=…`) so a CDN can keep them, with the same ETag
 * and Cache-Control as REST reads. Mutations (never over GET), signed-in queries and queries asking
 * for drafts are never cached; an answer with errors, or built from anything but published content
 * collections, is served but not stored.
 */
export function cachedGraphQL({ payload, cache, policy, allowedOrigins, graphql }: CachedGraphQLOptions): RequestHandler {
  const anonymous = new AnonymousGraphQL(payload)
  // A request exactly as sent (URL, or body) -> its normalized cache key, once it has been parsed:
  // a hit then costs a lookup, not a parse of the query.
  const normalized = new LRUCache<string, string>({ max: 5000 })
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') return next()
    const asSent = isAnonymous(req) ? sentForm(req) : undefined
    const known = asSent === undefined ? undefined : normalized.get(asSent)
    const hit = known === undefined ? undefined : cache.get(known)
    if (hit) return send(req, res, hit, 'HIT')
    const params = req.method === 'GET' ? fromQueryString(req) : fromBody(req)
    if ('error' in params) return req.method === 'GET' ? refuse(res, 400, params.error) : next()
    let document: DocumentNode
    try {
      document = parse(params.query)
    } catch (error) {
      // POST: Payload answers a syntax error in GraphQL's own format.
      return req.method === 'GET' ? refuse(res, 400, `The query does not parse: ${(error as Error).message.slice(0, 200)}`) : next()
    }
    const operation = operationOf(document, params.operationName)
    if (req.method === 'GET' && operation && operation.operation !== 'query') {
      res.set('Allow', 'POST')
      return refuse(res, 405, 'Send mutations with POST; GET /api/graphql runs queries only.')
    }
    const cacheable = isAnonymous(req) && operation?.operation === 'query' && !asksForDrafts(document)
    if (!cacheable) {
      if (req.method === 'POST') return next()
      // A signed-in (or draft) query over GET: run as sent, answered privately.
      return run(graphql, originOf(req), params, requestHeaders(req))
        .then((response) => send(req, res, { ...response, etag: '', dependencies: new Set() }, undefined))
        .catch(next)
    }
    const key = `graphql ${JSON.stringify([print(document), stableStringify(params.variables ?? {}), params.operationName ?? null])}`
    if (asSent !== undefined) normalized.set(asSent, key)
    const stored = cache.get(key)
    if (stored) return send(req, res, stored, 'HIT')
    cache
      .getOrLoad(key, async () => {
        // Built without the visitor's headers, so the answer suits every anonymous reader: batched
        // with the other misses of the moment, or by Payload's handler when it has errors.
        const { result, dependencies } = await collectReadDependencies(async () => {
          const body = await anonymous.answer(key, document, params)
          return body ? { status: 200, body, contentType: 'application/json', hasErrors: false } : run(graphql, originOf(req), params, { 'content-type': 'application/json' })
        })
        const storable =
          result.status === 200 &&
          !result.hasErrors &&
          dependencies.size > 0 &&
          [...dependencies].every((dependency) => SHARED_COLLECTIONS.has(dependency.slice(0, dependency.indexOf(':'))))
        return { status: result.status, body: result.body, contentType: result.contentType, dependencies, storable }
      })
      .then((response) => send(req, res, response, 'MISS'))
      .catch(next)
  }

  function send(req: ExpressRequest, res: ExpressResponse, response: CachedResponse, outcome: 'HIT' | 'MISS' | undefined) {
    res.status(response.status)
    res.setHeader('Content-Type', response.contentType)
    if (outcome) res.setHeader('X-Cache', outcome)
    for (const [name, value] of corsHeaders(req.headers.origin, allowedOrigins)) res.setHeader(name, value)
    if (req.method === 'GET' && outcome) return sendWithCaching(req, res, response.body, policy, response.etag || undefined)
    if (!outcome || !isAnonymous(req)) res.setHeader('Cache-Control', 'private, no-store')
    res.end(response.body)
  }
}

async function run(graphql: CachedGraphQLOptions['graphql'], origin: string, params: GraphQLParams, headers: Record<string, string>) {
  const response = await graphql(
    new Request(new URL('/api/graphql', origin), { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(params) }),
  )
  const body = Buffer.from(await response.arrayBuffer())
  let hasErrors = true
  try {
    hasErrors = Array.isArray((JSON.parse(body.toString('utf8')) as { errors?: unknown }).errors)
  } catch {
    // Not JSON: never stored.
  }
  return { status: response.status, body, contentType: response.headers.get('content-type') ?? 'application/json', hasErrors }
}

/** The request as sent, for recognising it again: the URL of a GET, the body of a POST (if short). */
function sentForm(req: ExpressRequest): string | undefined {
  if (req.method === 'GET') return `GET ${req.originalUrl}`
  return Buffer.isBuffer(req.body) && req.body.length <= 8192 ? `POST ${req.body.toString('utf8')}` : undefined
}

function fromQueryString(req: ExpressRequest): GraphQLParams | { error: string } {
  const { query, variables, operationName } = req.query as Record<string, unknown>
  if (typeof query !== 'string' || query.trim() === '') return { error: 'GET /api/graphql needs the query in ?query=, e.g. ?query={ Articles { docs { title } } }' }
  let parsedVariables: Record<string, unknown> | undefined
  if (variables !== undefined) {
    try {
      parsedVariables = JSON.parse(String(variables))
    } catch {
      return { error: '?variables= must be a JSON object, e.g. {"slug":"my-article"}' }
    }
    if (typeof parsedVariables !== 'object' || parsedVariables === null || Array.isArray(parsedVariables))
      return { error: '?variables= must be a JSON object, e.g. {"slug":"my-article"}' }
  }
  if (operationName !== undefined && typeof operationName !== 'string') return { error: '?operationName= must be given once' }
  return { query, variables: parsedVariables, operationName: operationName as string | undefined }
}

function fromBody(req: ExpressRequest): GraphQLParams | { error: string } {
  if (!Buffer.isBuffer(req.body)) return { error: 'no body' }
  try {
    const { query, variables, operationName } = JSON.parse(req.body.toString('utf8')) as Record<string, unknown>
    if (typeof query !== 'string') return { error: 'no query' }
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return { error: 'bad variables' }
    if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return { error: 'bad operation name' }
    return { query, variables: (variables ?? undefined) as Record<string, unknown> | undefined, operationName: (operationName ?? undefined) as string | undefined }
  } catch {
    return { error: 'not JSON' }
  }
}

function operationOf(document: DocumentNode, name: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')
  return name ? operations.find((operation) => operation.name?.value === name) : operations.length === 1 ? operations[0] : undefined
}

/** A `draft` argument anywhere (anonymous readers get published content whatever they ask, but such answers are not shared). */
function asksForDrafts(document: DocumentNode): boolean {
  let found = false
  visit(document, {
    Argument(node) {
      if (node.name.value === 'draft') found = true
    },
  })
  return found
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`)
      .join(',')}}`
  return JSON.stringify(value) ?? 'null'
}

function originOf(req: ExpressRequest): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`
}

/** The visitor's own headers, for a query run as them (signed in). */
function requestHeaders(req: ExpressRequest): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const name of ['authorization', 'cookie', 'origin', 'sec-fetch-site', 'user-agent']) {
    const value = req.headers[name]
    if (typeof value === 'string') headers[name] = value
  }
  return headers
}
