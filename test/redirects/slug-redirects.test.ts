/**
 * When a published article's slug changes, the old address keeps working: the API answers 301 with
 * the new slug, the built-in site answers 301, the sitemap lists only the new address, sites hear
 * of the move by webhook, and editors manage the redirects.
 */
import { createArticle } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
let editor: { id: string | number; headers: Record<string, string> }
let contributor: { id: string | number; headers: Record<string, string> }

beforeAll(async () => {
  cms = await startTestCms()
  await signIn(cms, { email: 'admin@redirects.test', password: 'a-long-admin-password', roles: ['admin'] })
  editor = await signIn(cms, { email: 'editor@redirects.test', password: 'a-long-editor-password', roles: ['editor'] })
  contributor = await signIn(cms, { email: 'contributor@redirects.test', password: 'a-long-contributor-password', roles: ['contributor'] })
})
afterAll(() => cms.stop())

async function rename(id: string | number, slug: string) {
  const response = await cms.api(`/api/articles/${id}`, { method: 'PATCH', ...json({ slug, _status: 'published' }, editor.headers) })
  expect(response.status).toBe(200)
}

const manual = { redirect: 'manual' } as const

test('an old slug answers 301 on the API (cached path and Payload endpoint alike) and on the site; chains collapse to the current slug', async () => {
  const article = await createArticle(cms.payload, { title: 'Integration after a session', slug: 'integration-first' })
  await cms.api('/api/articles/slug/integration-first') // cached before the move
  await rename(article.id, 'integration-second')

  const moved = await cms.api('/api/articles/slug/integration-first', manual)
  expect(moved.status).toBe(301)
  expect(moved.headers.get('location')).toBe('/api/articles/slug/integration-second')
  expect(await moved.json()).toMatchObject({ redirect: { from: 'integration-first', to: 'integration-second', location: '/api/articles/slug/integration-second' } })
  // A site that follows redirects lands on the article.
  const followed = await cms.api('/api/articles/slug/integration-first')
  expect(followed.status).toBe(200)
  expect((await followed.json()).slug).toBe('integration-second')
  // Signed in, the request goes through Payload's own endpoint: the same answer.
  const signedIn = await cms.api('/api/articles/slug/integration-first', { ...manual, headers: editor.headers })
  expect(signedIn.status).toBe(301)
  expect(signedIn.headers.get('location')).toBe('/api/articles/slug/integration-second')

  // A second rename: both old slugs lead to the current one, in one hop.
  await rename(article.id, 'integration-third')
  for (const old of ['integration-first', 'integration-second']) {
    const response = await cms.api(`/api/articles/slug/${old}`, manual)
    expect(response.status).toBe(301)
    expect(response.headers.get('location')).toBe('/api/articles/slug/integration-third')
    const page = await cms.api(`/articles/${old}`, manual)
    expect(page.status).toBe(301)
    expect(page.headers.get('location')).toBe('/articles/integration-third')
  }
  const redirects = await cms.payload.find({ collection: 'redirects', where: { article: { equals: article.id } }, overrideAccess: true })
  expect(redirects.docs.map((redirect) => redirect.fromSlug).sort()).toEqual(['integration-first', 'integration-second'])

  // The sitemap lists the article once, at its current address.
  const sitemap = await (await cms.api('/sitemaps/articles-1.xml')).text()
  expect(sitemap).toContain('/articles/integration-third</loc>')
  expect(sitemap).not.toContain('integration-first')
  expect(sitemap).not.toContain('integration-second')

  // An unknown slug is still a 404.
  expect((await cms.api('/api/articles/slug/never-existed', manual)).status).toBe(404)
})

test('a new article taking an old slug replaces its redirect; an unpublished target leads nowhere; deleting the article removes its redirects', async () => {
  const first = await createArticle(cms.payload, { title: 'Microdosing myths', slug: 'myths' })
  await rename(first.id, 'microdosing-myths')
  expect((await cms.api('/api/articles/slug/myths', manual)).status).toBe(301)

  const second = await createArticle(cms.payload, { title: 'Myths about ketamine', slug: 'myths' })
  const now = await cms.api('/api/articles/slug/myths', manual)
  expect(now.status).toBe(200)
  expect((await now.json()).id).toBe(second.id)
  expect((await cms.payload.find({ collection: 'redirects', where: { fromSlug: { equals: 'myths' } }, overrideAccess: true })).totalDocs).toBe(0)

  // The first article moves again and is then unpublished: its old address answers 404 meanwhile.
  await rename(first.id, 'microdosing-myths-explained')
  expect((await cms.api('/api/articles/slug/microdosing-myths', manual)).status).toBe(301)
  await cms.api(`/api/articles/${first.id}`, { method: 'PATCH', ...json({ _status: 'draft' }, editor.headers) })
  expect((await cms.api('/api/articles/slug/microdosing-myths', manual)).status).toBe(404)

  await cms.payload.delete({ collection: 'articles', id: first.id, overrideAccess: true })
  expect((await cms.payload.find({ collection: 'redirects', where: { article: { equals: first.id } }, overrideAccess: true })).totalDocs).toBe(0)
})

test('webhooks tell sites the previous slug', async () => {
  await cms.payload.create({ collection: 'webhooks', data: { name: 'Site', url: 'http://127.0.0.1:9/hook', events: ['updated'], active: true } as never, overrideAccess: true })
  const article = await createArticle(cms.payload, { title: 'What ketamine feels like', slug: 'what-it-feels-like' })
  await rename(article.id, 'what-ketamine-feels-like')
  const deliveries = await cms.payload.find({ collection: 'webhook-deliveries', where: { documentId: { equals: String(article.id) } }, overrideAccess: true })
  const bodies = deliveries.docs.map((delivery) => JSON.parse(delivery.body as string))
  expect(bodies).toContainEqual(
    expect.objectContaining({ event: 'updated', document: expect.objectContaining({ slug: 'what-ketamine-feels-like', previousSlug: 'what-it-feels-like' }) }),
  )
})

test('editors manage redirects; a redirect from a published article’s own address is refused naming the field; contributors and the public cannot', async () => {
  const target = await createArticle(cms.payload, { title: 'Aftercare', slug: 'aftercare' })
  await createArticle(cms.payload, { title: 'Live page', slug: 'live-page' })

  const made = await cms.api('/api/redirects', { method: 'POST', ...json({ fromSlug: 'old-aftercare-page', article: target.id }, editor.headers) })
  expect(made.status).toBe(201)
  expect((await cms.api('/api/articles/slug/old-aftercare-page', manual)).headers.get('location')).toBe('/api/articles/slug/aftercare')

  const live = await cms.api('/api/redirects', { method: 'POST', ...json({ fromSlug: 'live-page', article: target.id }, editor.headers) })
  expect(live.status).toBe(400)
  const error = (await live.json()).errors[0]
  expect(error.data.errors[0]).toMatchObject({ path: 'fromSlug', message: expect.stringContaining('"live-page" is the address of the published article "Live page"') })

  const badSlug = await cms.api('/api/redirects', { method: 'POST', ...json({ fromSlug: 'Not A Slug', article: target.id }, editor.headers) })
  expect(badSlug.status).toBe(400)
  expect((await badSlug.json()).errors[0].data.errors[0].path).toBe('fromSlug')

  expect((await cms.api('/api/redirects', { method: 'POST', ...json({ fromSlug: 'by-contributor', article: target.id }, contributor.headers) })).status).toBe(403)
  expect((await cms.api('/api/redirects')).status).toBe(403)
  expect((await cms.payload.find({ collection: 'redirects', where: { fromSlug: { in: ['live-page', 'by-contributor'] } }, overrideAccess: true })).totalDocs).toBe(0)
})
