import express, { type RequestHandler } from 'express'
import type { Payload } from 'payload'

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
export function apiBodyLimit(limits: RequestLimits): RequestHandler {
  const readBody = express.raw({ type: () => true, limit: limits.jsonBodyMaxBytes })
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (req.is('multipart/form-data')) {
      // The form around the file adds a little; the file itself is held to the limit by Payload.
      if (declared > limits.uploadMaxBytes + 64 * 1024) return refuse(res, 413, `The upload is larger than the limit of ${limits.uploadMaxBytes} bytes.`)
      return next()
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

/** The second path segments that are routes, not document ids (Payload's own and auth/upload endpoints). */
const ROUTE_SEGMENTS = new Set(['access', 'count', 'distinct', 'first-register', 'forgot-password', 'init', 'login', 'logout', 'me', 'refresh-token', 'reset-password', 'unlock', 'verify', 'file', 'paste-url', 'versions'])

/**
 * Refuses document ids that cannot exist for this database (a number for SQLite, an ObjectId for
 * MongoDB) with a 400 naming the id, where the database would otherwise fail on them.
 */
export function apiIdFormat(payload: Payload): RequestHandler {
  const numeric = payload.db.defaultIDType === 'number'
  const valid = numeric ? /^[1-9]\d{0,14}$/ : /^[0-9a-f]{24}$/i
  const expected = numeric ? 'a whole number' : 'a 24-character hexadecimal id'
  // Payload's own collections (preferences, locks, jobs) use keys, not ids, in some routes.
  const collections = new Map(payload.config.collections.filter((collection) => !collection.slug.startsWith('payload-')).map((collection) => [collection.slug, new Set((collection.endpoints || []).map((endpoint) => endpoint.path.split('/')[1]))]))
  return (req, res, next) => {
    const segments = req.path.split('/').filter(Boolean)
    const custom = collections.get(segments[0] as never)
    if (!custom || segments.length < 2) return next()
    const [, second, third] = segments
    const id = second === 'versions' ? third : ROUTE_SEGMENTS.has(second) || custom.has(second) ? undefined : second
    if (id === undefined) return next()
    const decoded = safeDecode(id)
    if (!valid.test(decoded)) return refuse(res, 400, `"${decoded.slice(0, 60)}" is not a valid ${segments[0]} id: expected ${expected}.`)
    next()
  }
}

export function refuse(res: express.Response, status: number, message: string): void {
  res.status(status).set('Cache-Control', 'no-store').json({ errors: [{ message }] })
}
