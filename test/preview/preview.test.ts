import { previewKey, signPreviewToken } from '../../src/preview/preview-token'
import { previewLink } from '../../src/preview/preview-url'
import { lexicalDocument, paragraph } from '../../src/richtext/lexical-nodes'
import { createArticle, createBenefitList, saveDraft } from '../helpers/content-fixtures'
import { signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
type Saved = { id: string | number; createdAt: string }
let published: Saved
let neverPublished: Saved
const link = (collection: string, doc: Saved) => previewLink({ previewUrl: '', previewTtlSeconds: 3600 }, { collection, id: doc.id, createdAt: doc.createdAt }, cms.payload.secret)
const tokenOf = (url: string) => new URL(url, 'http://x').searchParams.get('token') as string

beforeAll(async () => {
  cms = await startTestCms()
  published = await createArticle(cms.payload, { title: 'Integration, explained', slug: 'integration-explained', bodyText: 'PUBLISHED-TEXT about integration.' })
  await saveDraft(cms.payload, 'articles', published.id, {
    title: 'Integration, explained (revised)',
    body: lexicalDocument([paragraph('DRAFT-TEXT not yet public.')]),
  })
  neverPublished = await createArticle(cms.payload, { title: 'Coming soon', slug: 'coming-soon', status: 'draft', bodyText: 'UNRELEASED-TEXT' })
})
afterAll(async () => {
  await cms.stop()
})

describe('the preview API endpoint', () => {
  test('a link outlives no document: refused once it is deleted, and for a new document given the same id', async () => {
    const doomed = await createArticle(cms.payload, { title: 'Soon deleted', slug: `soon-deleted-${Date.now()}`, status: 'draft', bodyText: 'DELETED-DRAFT' })
    const token = tokenOf(link('articles', doomed))
    await cms.payload.delete({ collection: 'articles', id: doomed.id, overrideAccess: true })
    const gone = await cms.api(`/api/preview/articles/${doomed.id}`, { headers: { Authorization: `Preview ${token}` } })
    expect(gone.status).toBe(404)
    // SQLite gives the next row the id of a deleted last row.
    const successor = await createArticle(cms.payload, { title: 'Someone else’s draft', slug: `successor-${Date.now()}`, status: 'draft', bodyText: 'SUCCESSOR-DRAFT' })
    if (cms.payload.db.name === 'sqlite') expect(successor.id).toBe(doomed.id)
    const reused = await cms.api(`/api/preview/articles/${successor.id}`, { headers: { Authorization: `Preview ${token}` } })
    expect(successor.id === doomed.id ? reused.status : 403).toBe(403)
    const body = await reused.text()
    expect(body).not.toContain('SUCCESSOR-DRAFT')
    if (successor.id === doomed.id) expect(JSON.parse(body).errors[0].message).toMatch(/made for a document that has since been deleted/)
    // The successor's own link works.
    expect((await cms.api(`/api/preview/articles/${successor.id}?token=${encodeURIComponent(tokenOf(link('articles', successor)))}`)).status).toBe(200)
  })

  test('exchanges a valid token for the draft, privately', async () => {
    const url = link('articles', published)
    const response = await cms.api(`/api/preview/articles/${published.id}`, { headers: { Authorization: `Preview ${tokenOf(url)}` } })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('set-cookie')).toBeNull()
    const body = await response.json()
    expect(body.doc.title).toBe('Integration, explained (revised)')
    expect(JSON.stringify(body.doc.body)).toContain('DRAFT-TEXT')
  })

  test('while the public API keeps serving the published version', async () => {
    const article = await (await cms.api('/api/articles/slug/integration-explained')).json()
    expect(article.title).toBe('Integration, explained')
    expect(JSON.stringify(article)).not.toContain('DRAFT-TEXT')
  })

  test('previews a never-published article that the public cannot find', async () => {
    const response = await cms.api(`/api/preview/articles/${neverPublished.id}?token=${encodeURIComponent(tokenOf(link('articles', neverPublished)))}`)
    expect(response.status).toBe(200)
    expect((await cms.api('/api/articles/slug/coming-soon')).status).toBe(404)
  })

  test.each([
    ['no token', () => '', 401, /token is required/],
    ['an expired token', () => signPreviewToken({ collection: 'articles', id: published.id, createdAt: published.createdAt }, previewKey(cms.payload.secret), -1), 401, /expired/],
    ['a tampered token', () => tokenOf(link('articles', published)).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), 401, /not valid/],
    ['a token for another document', () => tokenOf(link('articles', neverPublished)), 403, /different document/],
    [
      'a token signed with another secret',
      () => signPreviewToken({ collection: 'articles', id: published.id, createdAt: published.createdAt }, previewKey('another-secret-entirely-0123456789abcdef')),
      401,
      /not valid/,
    ],
  ])('refuses %s with a clear JSON error', async (_name, token, status, message) => {
    const value = token()
    const response = await cms.api(`/api/preview/articles/${published.id}`, { headers: value ? { Authorization: `Preview ${value}` } : {} })
    expect(response.status).toBe(status)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const text = await response.text()
    expect(JSON.parse(text).errors[0].message).toMatch(message)
    expect(text).not.toContain('DRAFT-TEXT')
  })

  test('refuses collections that have no drafts', async () => {
    const response = await cms.api('/api/preview/users/1?token=x')
    expect(response.status).toBe(404)
  })
})

describe('the rendered site and its preview page', () => {
  test('the article page shows the published text only', async () => {
    const response = await cms.api('/articles/integration-explained')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('PUBLISHED-TEXT')
    expect(html).not.toContain('DRAFT-TEXT')
  })

  test('the preview page shows the draft, privately and not for indexing', async () => {
    const response = await cms.api(link('articles', published))
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    const html = await response.text()
    expect(html).toContain('DRAFT-TEXT')
    expect(html).toContain('Integration, explained (revised)')
    expect(html).toContain('noindex')
    expect(html).toContain('Preview of unpublished changes')
  })

  test('the same preview URL without a valid token shows the published text, and why', async () => {
    for (const [path, reason] of [
      [`/preview/articles/${published.id}`, 'A preview token is required'],
      [`/preview/articles/${published.id}?token=forged`, 'malformed'],
    ]) {
      const response = await cms.api(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('private, no-store')
      const html = await response.text()
      expect(html).toContain('PUBLISHED-TEXT')
      expect(html).not.toContain('DRAFT-TEXT')
      expect(html).toContain(reason)
    }
  })

  test('without a valid token, a never-published document is not found', async () => {
    const response = await cms.api(`/preview/articles/${neverPublished.id}?token=forged`)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('UNRELEASED-TEXT')
  })

  test('nothing sticks: after a preview, an anonymous visitor sees the published page', async () => {
    await cms.api(link('articles', published))
    const html = await (await cms.api('/articles/integration-explained')).text()
    expect(html).not.toContain('DRAFT-TEXT')
  })

  test('a signed-in editor browsing the site still sees what the public sees', async () => {
    const editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
    const html = await (await cms.api('/articles/integration-explained', { headers: editor.headers })).text()
    expect(html).not.toContain('DRAFT-TEXT')
  })

  test('a benefit list previews on its own', async () => {
    const list = await createBenefitList(cms.payload, { title: 'Unreleased list', items: [{ label: 'Calm', description: 'A quieter mind.' }], status: 'draft' })
    const html = await (await cms.api(link('benefit-lists', list))).text()
    expect(html).toContain('<strong>Calm:</strong> A quieter mind.')
  })
})

describe('the admin UI preview buttons', () => {
  test('build a signed link to the preview page, never carrying the login token', async () => {
    const editor = await signIn(cms, { email: 'editor2@clinic.test', password: 'editor-password-long' })
    const preview = cms.payload.collections.articles.config.admin.preview as (doc: unknown, args: unknown) => string
    const jwt = editor.headers.Authorization.replace('JWT ', '')
    const url = await preview({ id: published.id }, { req: { payload: cms.payload, user: { id: editor.id } }, token: jwt })
    expect(url).toMatch(new RegExp(`^/preview/articles/${published.id}\\?token=v2\\.`))
    expect(url).not.toContain(jwt)
    expect((await cms.api(url)).status).toBe(200)
  })

  test('articles have Live Preview pointing at the same signed page', async () => {
    const livePreview = cms.payload.collections.articles.config.admin.livePreview as { url: (args: unknown) => string }
    const url = await livePreview.url({ data: { id: published.id }, req: { payload: cms.payload } })
    expect(url).toMatch(/^\/preview\/articles\/\d+\?token=/)
    expect(await (await cms.api(url)).text()).toContain('/assets/live-preview.js')
    const script = await cms.api('/assets/live-preview.js')
    expect(script.status).toBe(200)
    expect(await script.text()).toContain('payload-live-preview')
  })
})
