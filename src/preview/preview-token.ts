import crypto from 'node:crypto'

/**
 * Signed preview links: a token names one document (collection and id) and an expiry, and is signed
 * with a key derived from PAYLOAD_SECRET, so changing the secret invalidates every link. It never
 * carries the editor's login token, so a forwarded link exposes one draft, briefly, and nothing else.
 */
export type PreviewScope = { collection: string; id: string | number }

export type PreviewVerdict =
  | { ok: true; expiresAt: Date }
  | { ok: false; status: 401 | 403; reason: string }

export const DEFAULT_PREVIEW_TTL_SECONDS = 60 * 60

const VERSION = 'v1'

export function previewKey(secret: string): Buffer {
  return crypto.createHmac('sha256', secret).update('kap-preview-token').digest()
}

export function signPreviewToken(scope: PreviewScope, key: Buffer, ttlSeconds = DEFAULT_PREVIEW_TTL_SECONDS, now = Date.now()): string {
  const claims = { c: scope.collection, i: String(scope.id), e: Math.floor(now / 1000) + ttlSeconds }
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
  let claims: { c?: unknown; i?: unknown; e?: unknown }
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
  return { ok: true, expiresAt: new Date(claims.e * 1000) }
}

function sign(data: string, key: Buffer): string {
  return crypto.createHmac('sha256', key).update(data).digest('base64url')
}
