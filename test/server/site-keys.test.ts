/**
 * Site keys: a site's build reads with a key of its own, with its own read limit instead of the
 * per-address one, sees exactly what the public sees (never a draft), shares the public read
 * cache, and can change nothing.
 */
import crypto from 'node:crypto'

import { createArticle, saveDraft } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'
import { afterTransactionsSettled } from '../../src/publishing/after-transaction'

let cms: TestCms
let admin: Awaited<ReturnType<typeof signIn>>
let published: { id: string | number; slug?: string | null }
let draft: { id: string | number; slug?: string | null }

beforeAll(async () => {
  // Low, so the per-address limit is met quickly; a site key must not be held to it.
  process.env.ANONYMOUS_READS_PER_MINUTE = '60'
  cms = await startTestCms()
  admin = await signIn(cms, { email: 'admin@sites.test', password: 'a-long-admin-password', roles: ['admin'] })
  published = await createArticle(cms.payload, { title: 'Public page', slug: 'public-page' })
  await saveDraft(cms.payload, 'articles', published.id, { title: 'SECRET-NEWER-DRAFT' })
  draft = await createArticle(cms.payload, { title: 'SECRET-DRAFT-ONLY', slug: 'draft-only', status: 'draft' })
})
afterAll(async () => {
  delete process.env.ANONYMOUS_READS_PER_MINUTE
  await cms.stop()
})

/** Issues a key as an admin does in the admin UI (Settings -> Site keys). */
async function issueKey(name: string, extra: Record<string, unknown> = {}) {
  const key = crypto.randomUUID()
  const response = await cms.api('/api/sites', { method: 'POST', ...json({ name, enableAPIKey: true, apiKey: key, ...extra }, admin.headers) })
  expect(response.status).toBe(201)
  const { doc } = await response.json()
  return { id: doc.id as string | number, headers: { Authorization: `sites API-Key ${key}` } }
}

test('a key reads exactly what the public reads, by every path, from the same cache, and never a draft', async () => {
  const site = await issueKey('reads as the public')
  const paths = [
    '/api/articles/slug/public-page',
    `/api/articles/${published.id}?draft=true`,
    `/api/articles/${draft.id}?draft=true`,
    '/api/articles/slug/draft-only',
    '/api/articles?draft=true&where[_status][equals]=draft',
    '/api/articles?depth=2&draft=true',
    `/api/articles/versions?where[parent][equals]=${published.id}`,
    '/api/users',
    '/api/audit-log',
  ]
  for (const path of paths) {
    const anonymous = await cms.api(path)
    const anonymousBody = await anonymous.text()
    const withKey = await cms.api(path, { headers: site.headers })
    const keyBody = await withKey.text()
    expect({ path, status: withKey.status, body: keyBody }).toEqual({ path, status: anonymous.status, body: anonymousBody })
    expect(keyBody).not.toContain('SECRET')
    // Read through the same shared cache as the public.
    if (withKey.status === 200 && path.startsWith('/api/articles') && !path.includes('versions') && !path.includes('draft')) expect(withKey.headers.get('x-cache')).toBe('HIT')
  }
  const graphql = await cms.api('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...site.headers },
    body: JSON.stringify({ query: `{ Article(id: ${JSON.stringify(draft.id)}, draft: true) { title } Articles(draft: true) { docs { title } } }` }),
  })
  expect(await graphql.text()).not.toContain('SECRET')
  // Without previews allowed, the preview endpoint is closed to the key.
  const preview = await cms.api(`/api/preview/articles/${draft.id}`, { headers: site.headers })
  expect(preview.status).toBe(403)
  expect(await preview.text()).toMatch(/may not read drafts/)
})

test('a static build reads 5,000 pages in a minute from one address with its key: no 429, while an anonymous reader from that address is limited', async () => {
  const site = await issueKey('clinic.example static build')
  const paths = ['/api/articles/slug/public-page', '/api/articles/cards?limit=12', `/api/articles/${published.id}`, '/api/articles?limit=5']
  const statuses = new Map<number, number>()
  let lowestRemaining = Infinity
  let next = 0
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < 5000) {
        const response = await cms.api(paths[next++ % paths.length], { headers: site.headers })
        await response.arrayBuffer()
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        // The key's own limit (RateLimit header, draft 7): what is left of this minute's window.
        const remaining = Number(/remaining=(\d+)/.exec(response.headers.get('ratelimit') ?? '')?.[1])
        if (Number.isFinite(remaining)) lowestRemaining = Math.min(lowestRemaining, remaining)
      }
    }),
  )
  // All 5,000 were counted in one window of the key's limit (so within a minute), none refused.
  expect(lowestRemaining).toBeLessThanOrEqual(60_000 - 5000)
  expect(Object.fromEntries(statuses)).toEqual({ 200: 5000 })
  let anonymous = 0
  for (let i = 0; i < 70 && anonymous !== 429; i++) anonymous = (await cms.api('/api/articles/slug/public-page')).status
  expect(anonymous).toBe(429)
  // The key still reads after the address is limited.
  expect((await cms.api('/api/articles/slug/public-page', { headers: site.headers })).status).toBe(200)
})

test('a key marked for previews reads drafts through the preview endpoint only', async () => {
  const site = await issueKey('clinic.example preview mode', { previews: true })
  const preview = await cms.api(`/api/preview/articles/${draft.id}`, { headers: site.headers })
  expect(preview.status).toBe(200)
  expect(preview.headers.get('cache-control')).toBe('private, no-store')
  expect((await preview.json()).doc.title).toBe('SECRET-DRAFT-ONLY')
  // Everywhere else it is the public.
  expect((await cms.api(`/api/articles/${draft.id}?draft=true`, { headers: site.headers })).status).toBe(404)
})

test('a key changes nothing: writes are refused with 403 and audited', async () => {
  const site = await issueKey('tries to write')
  const before = await cms.payload.count({ collection: 'articles', overrideAccess: true })
  const attempts = [
    cms.api('/api/articles', { method: 'POST', ...json({ title: 'From a site' }, site.headers) }),
    cms.api(`/api/articles/${published.id}`, { method: 'PATCH', ...json({ _status: 'draft' }, site.headers) }),
    cms.api(`/api/articles/${published.id}`, { method: 'DELETE', headers: site.headers }),
    cms.api('/api/graphql', { method: 'POST', ...json({ query: `mutation { deleteArticle(id: ${JSON.stringify(published.id)}) { id } }` }, site.headers) }),
  ]
  for (const response of await Promise.all(attempts)) {
    expect(response.status).toBe(403)
    expect((await response.json()).errors[0].message).toMatch(/cannot change anything/)
  }
  expect(await cms.payload.count({ collection: 'articles', overrideAccess: true })).toEqual(before)
  await afterTransactionsSettled(cms.payload)
  const audit = await cms.payload.find({ collection: 'audit-log', where: { action: { equals: 'site-key-write-refused' } }, overrideAccess: true })
  expect(audit.docs.map((entry) => entry.summary)).toEqual(expect.arrayContaining([expect.stringMatching(/site key "tries to write" tried DELETE/)]))
})

test('an unknown or revoked key is refused at once with 401; a key has its own limit, and its last use is listed', async () => {
  expect((await cms.api('/api/articles', { headers: { Authorization: 'sites API-Key not-a-key' } })).status).toBe(401)
  const site = await issueKey('small site', { readsPerMinute: 5 })
  const statuses = []
  for (let i = 0; i < 7; i++) statuses.push((await cms.api('/api/articles/slug/public-page', { headers: site.headers })).status)
  expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429])
  const listed = await (await cms.api(`/api/sites/${site.id}`, { headers: admin.headers })).json()
  expect(new Date(listed.lastUsedAt).getTime()).toBeGreaterThan(Date.now() - 60_000)
  // Revoked by an admin: refused on the next request.
  expect((await cms.api(`/api/sites/${site.id}`, { method: 'PATCH', ...json({ enableAPIKey: false }, admin.headers) })).status).toBe(200)
  expect((await cms.api('/api/articles/slug/public-page', { headers: site.headers })).status).toBe(401)
  const deleted = await issueKey('deleted soon')
  expect((await cms.api('/api/articles/slug/public-page', { headers: deleted.headers })).status).toBe(200)
  expect((await cms.api(`/api/sites/${deleted.id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(200)
  expect((await cms.api('/api/articles/slug/public-page', { headers: deleted.headers })).status).toBe(401)
})

test('only admins issue and read keys', async () => {
  const editor = await signIn(cms, { email: 'editor@sites.test', password: 'a-long-editor-password', roles: ['editor'] })
  expect((await cms.api('/api/sites', { method: 'POST', ...json({ name: 'by an editor', enableAPIKey: true, apiKey: crypto.randomUUID() }, editor.headers) })).status).toBe(403)
  const list = await (await cms.api('/api/sites', { headers: editor.headers })).json()
  expect(list.docs ?? []).toEqual([])
  const site = await issueKey('cannot read keys')
  expect((await cms.api('/api/sites', { headers: site.headers })).status).toBe(403)
})
