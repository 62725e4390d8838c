import { isSameDocument, previewKey, signPreviewToken, verifyPreviewToken } from '../../src/preview/preview-token'

const key = previewKey('the-payload-secret-of-this-clinic-0123456789')
const scope = { collection: 'articles', id: 42, createdAt: '2026-11-20T09:30:00.000Z' }

describe('preview tokens', () => {
  test('a fresh token opens its own document, and says until when', () => {
    const now = Date.UTC(2026, 10, 26, 12)
    const verdict = verifyPreviewToken(signPreviewToken(scope, key, 3600, now), scope, key, now + 1000)
    expect(verdict).toEqual({ ok: true, expiresAt: new Date(now + 3600 * 1000), createdAt: scope.createdAt })
  })

  test('ids compare as text, so a numeric id and its string form match', () => {
    expect(verifyPreviewToken(signPreviewToken(scope, key), { collection: 'articles', id: '42' }, key).ok).toBe(true)
  })

  test('expires after its lifetime (one hour by default)', () => {
    const now = Date.now()
    const token = signPreviewToken(scope, key, undefined, now)
    expect(verifyPreviewToken(token, scope, key, now + 59 * 60 * 1000).ok).toBe(true)
    expect(verifyPreviewToken(token, scope, key, now + 61 * 60 * 1000)).toEqual({ ok: false, status: 401, reason: expect.stringMatching(/expired/) })
  })

  test('another document, or another collection, is refused with 403', () => {
    const token = signPreviewToken(scope, key)
    expect(verifyPreviewToken(token, { collection: 'articles', id: 43 }, key)).toMatchObject({ ok: false, status: 403 })
    expect(verifyPreviewToken(token, { collection: 'faqs', id: 42 }, key)).toMatchObject({ ok: false, status: 403, reason: expect.stringMatching(/different document/) })
  })

  test('a token whose claims were edited is refused', () => {
    const [version, , signature] = signPreviewToken(scope, key).split('.')
    const forged = Buffer.from(JSON.stringify({ c: 'articles', i: '42', t: scope.createdAt, e: 9_999_999_999 })).toString('base64url')
    expect(verifyPreviewToken(`${version}.${forged}.${signature}`, scope, key)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/not valid/) })
  })

  test('a token whose signature was edited is refused', () => {
    const token = signPreviewToken(scope, key)
    const flipped = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')
    expect(verifyPreviewToken(flipped, scope, key)).toMatchObject({ ok: false, status: 401 })
  })

  test('changing PAYLOAD_SECRET invalidates every token', () => {
    const token = signPreviewToken(scope, key)
    expect(verifyPreviewToken(token, scope, previewKey('a-new-secret-after-rotation-0123456789'))).toMatchObject({ ok: false, status: 401 })
  })

  test('a token names the document by its creation time too: a later document given the same id is another document', () => {
    const verdict = verifyPreviewToken(signPreviewToken(scope, key), scope, key)
    if (!verdict.ok) throw new Error(verdict.reason)
    expect(isSameDocument(verdict, { createdAt: scope.createdAt })).toBe(true)
    expect(isSameDocument(verdict, { createdAt: '2026-11-21T10:00:00.000Z' })).toBe(false)
    expect(isSameDocument(verdict, {})).toBe(false)
  })

  test('a link made before creation times were signed (v1) is refused', () => {
    const body = Buffer.from(JSON.stringify({ c: 'articles', i: '42', e: 9_999_999_999 })).toString('base64url')
    expect(verifyPreviewToken(`v1.${body}.signature`, scope, key)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/malformed/) })
  })

  test.each([undefined, '', 'garbage', 'v2.only-two', 'v3.a.b', 'v2.!!!.sig'])('a missing or malformed token (%p) is refused with 401', (token) => {
    expect(verifyPreviewToken(token, scope, key)).toMatchObject({ ok: false, status: 401 })
  })
})
