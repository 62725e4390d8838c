import { previewLink } from '../../src/preview/preview-url'
import { createArticle } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

const SITE = 'https://clinic.example'

let cms: TestCms
let article: { id: string | number; createdAt: string }
let editor: Awaited<ReturnType<typeof signIn>>

beforeAll(async () => {
  process.env.CORS_ORIGINS = `${SITE}, https://www.clinic.example`
  process.env.SERVER_URL = 'https://cms.clinic.example'
  process.env.CACHE_MAX_AGE = '30'
  cms = await startTestCms()
  article = await createArticle(cms.payload, { title: 'Cached article', slug: 'cached-article' })
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
})
afterAll(async () => {
  delete process.env.CORS_ORIGINS
  delete process.env.SERVER_URL
  delete process.env.CACHE_MAX_AGE
  await cms.stop()
})

describe('HTTP caching of anonymous reads', () => {
  test.each(['/api/articles/slug/cached-article', '/api/articles?limit=5', '/articles/cached-article', '/articles'])(
    '%s: strong ETag, public Cache-Control from configuration, 304 when unchanged',
    async (path) => {
      const first = await cms.api(path)
      expect(first.status).toBe(200)
      const etag = first.headers.get('etag')
      expect(etag).toMatch(/^"[\w-]{32}"$/)
      expect(first.headers.get('cache-control')).toBe('public, max-age=30, s-maxage=300, stale-while-revalidate=600')
      const again = await cms.api(path, { headers: { 'If-None-Match': etag as string } })
      expect(again.status).toBe(304)
      expect(await again.text()).toBe('')
    },
  )

  test('publishing a change changes the ETag at once', async () => {
    const before = (await cms.api('/api/articles/slug/cached-article')).headers.get('etag') as string
    const publish = await cms.api(`/api/articles/${article.id}`, { method: 'PATCH', ...json({ title: 'Cached article, updated', _status: 'published' }, editor.headers) })
    expect(publish.status).toBe(200)
    const after = await cms.api('/api/articles/slug/cached-article', { headers: { 'If-None-Match': before } })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(before)
    expect((await after.json()).title).toBe('Cached article, updated')
  })

  test('signed-in reads are private and never stored', async () => {
    const response = await cms.api('/api/articles/slug/cached-article', { headers: editor.headers })
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(response.headers.get('etag')).toBeNull()
  })

  test('previews are private and never stored', async () => {
    const url = previewLink({ previewUrl: '', previewTtlSeconds: 60 }, { collection: 'articles', id: article.id, createdAt: article.createdAt }, cms.payload.secret)
    for (const path of [url, `/api/preview/articles/${article.id}?token=${new URL(url, 'http://x').searchParams.get('token')}`]) {
      const response = await cms.api(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('private, no-store')
      expect(response.headers.get('etag')).toBeNull()
    }
  })

  test.each([
    ['a space before "="', (token: string) => `payload-token =${token}`],
    ['a tab around the name', (token: string) => `theme=dark;\tpayload-token\t=${token}`],
    ['an ordinary cookie', (token: string) => `payload-token=${token}`],
  ])('a login cookie Payload accepts, spelled with %s, is read as signed in: the draft answer is private and not stored', async (_spelling, cookie) => {
    const draft = await createArticle(cms.payload, { title: 'DRAFT-ONLY-TITLE', slug: `draft-only-${Math.random().toString(36).slice(2, 8)}`, status: 'draft' })
    const token = editor.headers.Authorization.replace('JWT ', '')
    // A browser's same-origin request (Payload honours a login cookie only from a trusted origin).
    const headers = { Cookie: cookie(token), 'Sec-Fetch-Site': 'same-origin' }
    const signedIn = await cms.api(`/api/articles/${draft.id}?draft=true`, { headers })
    expect(signedIn.status).toBe(200)
    expect((await signedIn.json()).title).toBe('DRAFT-ONLY-TITLE')
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store')
    expect(signedIn.headers.get('etag')).toBeNull()
    expect(signedIn.headers.get('x-cache')).toBeNull()
    const anonymous = await cms.api(`/api/articles/${draft.id}?draft=true`)
    expect(anonymous.status).toBe(404)
  })

  test('any Authorization header counts as credentials, valid or not: never public', async () => {
    for (const authorization of ['Bearer not-a-real-token', 'users API-Key 123', 'Basic Zm9vOmJhcg==']) {
      const response = await cms.api('/api/articles/slug/cached-article', { headers: { Authorization: authorization } })
      expect(response.headers.get('cache-control')).toBe('private, no-store')
      expect(response.headers.get('x-cache')).toBeNull()
    }
  })

  test('account endpoints are never shared, even anonymously', async () => {
    const response = await cms.api('/api/users/me')
    expect(response.headers.get('cache-control')).toBe('private, no-store')
  })
})

describe('CORS for the clinic’s sites', () => {
  test('an allowed origin may read the API', async () => {
    const response = await cms.api('/api/articles/slug/cached-article', { headers: { Origin: SITE } })
    expect(response.headers.get('access-control-allow-origin')).toBe(SITE)
  })

  test('preflight works for a REST GET and a GraphQL POST from an allowed origin', async () => {
    for (const [path, method] of [
      ['/api/articles', 'GET'],
      ['/api/graphql', 'POST'],
    ]) {
      const response = await cms.api(path, {
        method: 'OPTIONS',
        headers: { Origin: 'https://www.clinic.example', 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'content-type' },
      })
      expect(response.status).toBeLessThan(300)
      expect(response.headers.get('access-control-allow-origin')).toBe('https://www.clinic.example')
      expect(response.headers.get('access-control-allow-methods')).toContain(method)
      expect(response.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type')
    }
  })

  test('other origins get no CORS headers at all', async () => {
    const attempts: RequestInit[] = [
      { headers: { Origin: 'https://evil.example' } },
      { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } },
    ]
    for (const init of attempts) {
      const response = await cms.api('/api/graphql', init)
      const corsHeaders = [...response.headers.keys()].filter((name) => name.startsWith('access-control-'))
      expect(corsHeaders).toEqual([])
    }
  })

  test('a login cookie sent from another origin is not honoured (CSRF uses the same list)', async () => {
    const login = await cms.api('/api/users/login', { method: 'POST', ...json({ email: 'editor@clinic.test', password: 'editor-password-long' }) })
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]
    const fromElsewhere = await cms.api('/api/users/me', { headers: { Cookie: cookie, Origin: 'https://evil.example' } })
    expect((await fromElsewhere.json()).user).toBeNull()
    const fromSite = await cms.api('/api/users/me', { headers: { Cookie: cookie, Origin: SITE } })
    expect((await fromSite.json()).user?.email).toBe('editor@clinic.test')
    const fromAdmin = await cms.api('/api/users/me', { headers: { Cookie: cookie, Origin: 'https://cms.clinic.example' } })
    expect((await fromAdmin.json()).user?.email).toBe('editor@clinic.test')
  })
})
