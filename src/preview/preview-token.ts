import crypto from 'node:crypto'

import { DEFAULT_PREVIEW_TTL_SECONDS } from '../model/options'

/**
 * Signed preview links: a token names one document (collection, id and the time it was created,
 * which a later document given the same id cannot share) and an expiry, and is signed
 * with a key derived from PAYLOAD_SECRET, so changing the secret invalidates every link. It never
 * carries the editor's login token, so a forwarded link exposes one draft, briefly, and nothing else.
 */
export type PreviewScope = { collection: string; id: string | number }

/** The document a token is signed for: `createdAt` tells it from a later document given the same id. */
export type PreviewDocument = PreviewScope & { createdAt: string }

export type PreviewVerdict = { ok: true; expiresAt: Date; createdAt: string } | { ok: false; status: 401 | 403; reason: string }

// v2 added the creation time; v1 links (valid for an hour at most) are refused as malformed.
const VERSION = 'v2'

export function previewKey(secret: string): Buffer {
  return crypto.createHmac('sha256', secret).update('kap-preview-token').digest()
}

export function signPreviewToken(doc: PreviewDocument, key: Buffer, ttlSeconds = DEFAULT_PREVIEW_TTL_SECONDS, now = Date.now()): string {
  const claims = { c: doc.collection, i: String(doc.id), t: String(doc.createdAt), e: Math.floor(now / 1000) + ttlSeconds }
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${VERSION}.${body}.${sign(`${VERSION}.${body}`, key)}`
}

export function verifyPreviewToken(token: string | null | undefined, scope: PreviewScope, key: Buffer, now = Date.now()): PreviewVerdict {
  if (!token) return { ok: false, status: 401, reason: 'A preview token is required: open the preview from the admin UI.' }
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, status: 401, reason: 'The preview token is malformed.' }
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`, key))
  const given = Buffer.from(parts[2])
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, status: 401, reason: 'The preview token is not valid (altered, or signed with another secret).' }
  }
  let claims: { c?: unknown; i?: unknown; t?: unknown; e?: unknown }
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'))
  } catch {
    return { ok: false, status: 401, reason: 'The preview token is malformed.' }
  }
  if (typeof claims.e !== 'number' || claims.e * 1000 <= now) {
    return { ok: false, status: 401, reason: 'The preview link has expired: open the preview again from the admin UI.' }
  }
  if (claims.c !== scope.collection || claims.i !== String(scope.id)) {
    return { ok: false, status: 403, reason: 'This preview token is for a different document.' }
  }
  if (typeof claims.t !== 'string') return { ok: false, status: 401, reason: 'The preview token is malformed.' }
  return { ok: true, expiresAt: new Date(claims.e * 1000), createdAt: claims.t }
}

/**
 * Whether a valid token was signed for this very document, not for a deleted one whose id the
 * database has since given to another (SQLite and PostgreSQL reuse ids).
 */
export function isSameDocument(verdict: { createdAt: string }, doc: { createdAt?: unknown }): boolean {
  return typeof doc.createdAt === 'string' && new Date(doc.createdAt).getTime() === new Date(verdict.createdAt).getTime()
}

function sign(data: string, key: Buffer): string {
  return crypto.createHmac('sha256', key).update(data).digest('base64url')
}
