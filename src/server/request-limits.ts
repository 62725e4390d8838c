import express, { type RequestHandler } from 'express'
import type { Payload, SanitizedCollectionConfig } from 'payload'

import type { RequestLimits } from '../config/request-limits'
import { safeDecode } from './safe-decode'

/** Query parameter names that could reach an object's prototype or a database operator. */
const FORBIDDEN_KEY = /^(\$.*|__proto__|constructor|prototype)$/
/** Geospatial operators: no collection has a point field, and Payload fails on them elsewhere. */
const UNSUPPORTED_OPERATOR = /^(near|within|intersects)$/

/**
 * Refuses API requests that ask for too much or for something dangerous, before Payload parses
 * them, with a 400 naming the parameter: `limit`, `depth` and `page` out of range, and query keys
 * such as `where[$where]` or `where[__proto__]`.
 */
export function apiQueryLimits(limits: RequestLimits): RequestHandler {
  const ranges: Record<string, [number, number]> = { limit: [0, limits.maxLimit], depth: [0, limits.maxDepth], page: [1, limits.maxPage] }
  return (req, res, next) => {
    const query = req.originalUrl.includes('?') ? new URLSearchParams(req.originalUrl.slice(req.originalUrl.indexOf('?') + 1)) : undefined
    if (!query) return next()
    for (const [name, value] of query) {
      const segments = name.split(/[[\]]+/).filter(Boolean)
      const bad = segments.find((segment) => FORBIDDEN_KEY.test(segment))
      if (bad) return refuse(res, 400, `Query parameter "${name.slice(0, 100)}": "${bad.slice(0, 40)}" is not allowed in a query.`)
      if (segments[0] === 'where' && segments.length === 1) return refuse(res, 400, 'Query parameter "where" must be an object, e.g. where[slug][equals]=my-article.')
      const operator = segments[0] === 'where' ? segments.find((segment) => UNSUPPORTED_OPERATOR.test(segment)) : undefined
      if (operator) return refuse(res, 400, `Query parameter "${name.slice(0, 100)}": the operator "${operator}" is not supported here.`)
      const range = ranges[name]
      if (range) {
        const number = Number(value)
        if (value.trim() === '' || !Number.isInteger(number) || number < range[0] || number > range[1]) {
          return refuse(res, 400, `Query parameter "${name}" must be a whole number from ${range[0]} to ${range[1]}; got "${value.slice(0, 40)}".`)
        }
      }
    }
    next()
  }
}

/**
 * Caps request bodies: uploads (multipart) at UPLOAD_MAX_BYTES by their declared length (Payload
 * stops an upload that grows past it), everything else at JSON_BODY_MAX_BYTES, read here in full
 * so a body without a declared length is measured too. 413 with a JSON error either way.
 */
export function apiBodyLimit(limits: RequestLimits, { graphQLPath }: { graphQLPath: string }): RequestHandler {
  const readBody = express.raw({ type: () => true, limit: limits.jsonBodyMaxBytes })
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    if (req.path === graphQLPath && !/^application\/json\s*(;|$)/i.test(String(req.headers['content-type'] ?? ''))) {
      return refuse(res, 415, 'GraphQL takes a JSON body such as {"query": "{ Articles { docs { title } } }"} (Content-Type: application/json), or a GET with ?query=.')
    }
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (req.is('multipart/form-data')) {
      // The form around the file adds a little; the file itself is held to the limit by Payload.
      if (declared > limits.uploadMaxBytes + 64 * 1024) return refuse(res, 413, `The upload is larger than the limit of ${limits.uploadMaxBytes} bytes.`)
      return next()
    }
    // Payload reads JSON bodies (and multipart, above); any other body would reach it as no data.
    // The admin UI sends long reads as a form-encoded POST that Payload turns into a GET.
    const hasBody = req.headers['transfer-encoding'] !== undefined || declared > 0
    const readAsGet = req.headers['x-payload-http-method-override'] === 'GET' && req.is('application/x-www-form-urlencoded')
    if (hasBody && !readAsGet && !req.is('application/json')) {
      const given = req.headers['content-type'] ? `"${String(req.headers['content-type']).slice(0, 80)}"` : 'no Content-Type'
      return refuse(res, 415, `Send the request body as JSON (Content-Type: application/json), or uploads as multipart/form-data; got ${given}.`)
    }
    if (declared > limits.jsonBodyMaxBytes) return refuse(res, 413, `The request body is larger than the limit of ${limits.jsonBodyMaxBytes} bytes.`)
    readBody(req, res, (error?: unknown) => {
      if (error) return next(error)
      if (req.is('application/json') && Buffer.isBuffer(req.body) && req.body.length > 0) {
        const problem = jsonObjectProblem(req.body)
        if (problem) return refuse(res, 400, problem)
      }
      next()
    })
  }
}

/** Why a JSON body is not a JSON object (Payload expects one), or undefined. */
function jsonObjectProblem(body: Buffer): string | undefined {
  let value: unknown
  try {
    value = JSON.parse(body.toString('utf8'))
  } catch (error) {
    return `The request body is not valid JSON: ${(error as Error).message.slice(0, 120)}`
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `The request body must be a JSON object; got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}.`
  }
  return undefined
}

type Route = { method: string; segments: string[] }

/** Payload's auth routes that need the email-and-password strategy. */
const PASSWORD_ROUTES = new Set(['init', 'login', 'logout', 'refresh-token', 'first-register', 'forgot-password', 'reset-password', 'unlock', 'verify'])

/** A collection's REST routes as Payload matches them: in order, the first match wins. */
function collectionRoutes(collection: SanitizedCollectionConfig): Route[] {
  const endpoints = Array.isArray(collection.endpoints) ? collection.endpoints : []
  return endpoints
    .map((endpoint) => ({ method: endpoint.method.toUpperCase(), segments: endpoint.path.split('/').filter(Boolean) }))
    .filter(({ segments }) => {
      // Payload lists these on every collection, but they fail (500) where the feature is off.
      if (segments[0] === 'versions' && !collection.versions) return false
      if (segments[0] === 'verify' && !(collection.auth && collection.auth.verify)) return false
      // A collection that signs in by API key only (site keys) has none of the password routes.
      if (collection.auth?.disableLocalStrategy && PASSWORD_ROUTES.has(segments[0])) return false
      return true
    })
}

/** The route's parameters for these path segments, or undefined when it does not match. */
function match(route: Route, segments: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {}
  let index = 0
  for (const part of route.segments) {
    const value = segments[index]
    if (part.startsWith(':')) {
      const optional = part.endsWith('?')
      if (value === undefined) {
        if (optional) continue
        return undefined
      }
      params[part.slice(1).replace(/\?$/, '')] = value
    } else if (value !== part) {
      return undefined
    }
    index += 1
  }
  return index === segments.length ? params : undefined
}

/**
 * Answers every request under a collection's REST path that Payload has no route for, and every
 * document id that cannot exist for this database (a number for SQLite, an ObjectId for MongoDB),
 * with a 4xx naming the problem: a reserved word where an id goes (/api/articles/me, /init,
 * /access), a route of another kind of collection, a missing parameter, a wrong method. Payload
 * would otherwise fail on them with a 500 (or 501 for collections without routes).
 */
export function apiRoutes(payload: Payload): RequestHandler {
  const numeric = payload.db.defaultIDType === 'number'
  const valid = numeric ? /^[1-9]\d{0,14}$/ : /^[0-9a-f]{24}$/i
  const expected = numeric ? 'a whole number' : 'a 24-character hexadecimal id'
  const routes = new Map(payload.config.collections.map((collection) => [collection.slug as string, collectionRoutes(collection)]))
  // Words that are a route somewhere (init, me, access, login, file, ...): never mistaken for an id.
  const routeWords = new Set([...routes.values()].flatMap((list) => list.flatMap((route) => route.segments.filter((part) => !part.startsWith(':')))))
  return (req, res, next) => {
    if (req.method === 'OPTIONS') return next()
    const segments = req.path.split('/').filter(Boolean).map(safeDecode)
    const [slug, ...rest] = segments
    const collectionRoutes = routes.get(slug)
    if (!collectionRoutes) return next()
    const method = req.method === 'HEAD' ? 'GET' : req.method
    const path = `${payload.config.routes.api}/${[slug, ...rest].join('/')}`
    const matching = collectionRoutes.map((route) => ({ route, params: match(route, rest) })).filter(({ params }) => params !== undefined)
    // Matched as Payload matches, with a document id that can exist.
    const served = matching.find(({ route, params }) => route.method === method && (params!.id === undefined || valid.test(params!.id)))
    if (served) return next()
    // Routes whose literal words match the path, whatever the method: a wrong method for them.
    const literal = matching.filter(({ params }) => params!.id === undefined || valid.test(params!.id))
    const allowed = [...new Set(literal.map(({ route }) => route.method))]
    if (allowed.length) {
      res.set('Allow', allowed.join(', '))
      return refuse(res, 405, `${method} is not allowed on ${path}; use ${allowed.join(' or ')}.`)
    }
    const asId = matching.find(({ route, params }) => route.method === method && params!.id !== undefined)?.params!.id
    if (asId !== undefined && !routeWords.has(asId)) return refuse(res, 400, `"${asId.slice(0, 60)}" is not a valid ${slug} id: expected ${expected}.`)
    const near = [
      ...new Set(
        collectionRoutes
          .filter((route) => rest.length > 0 && route.segments[0] === rest[0])
          .map((route) => `${route.method} ${payload.config.routes.api}/${slug}/${route.segments.join('/')}`),
      ),
    ]
    refuse(res, 404, `No route ${method} ${path}.${near.length ? ` Routes that start so: ${near.join(', ')}.` : ''}`)
  }
}

export function refuse(res: express.Response, status: number, message: string): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    .json({ errors: [{ message }] })
}
