/**
 * GraphQL for sites: anonymous queries come from the read cache with the same exact invalidation as
 * REST reads, may be sent as GET for CDNs, and nothing signed in, mutating or asking for drafts is
 * ever shared.
 */
import { createArticle, createBenefitList, saveDraft } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'
import { afterTransactionsSettled } from '../../src/publishing/after-transaction'

let cms: TestCms
let editor: Awaited<ReturnType<typeof signIn>>
let article: { id: string | number }
let list: { id: string | number }

/** The README's article query. */
const ARTICLE_QUERY = `query Article($slug: String!) {
  Articles(where: { slug: { equals: $slug } }, limit: 1) {
    docs { title slug excerpt body disclaimer publishedDate
      clinicalReview { reviewerName reviewerCredentials reviewedAt citations { source url } }
      nextArticle { title slug } }
  }
}`

beforeAll(async () => {
  cms = await startTestCms()
  editor = await signIn(cms, { email: 'editor@graphql.test', password: 'a-long-editor-password' })
  list = await createBenefitList(cms.payload, { title: 'Embedded list', items: [{ label: 'Calm', description: 'A first label.' }] })
  article = await createArticle(cms.payload, { title: 'GraphQL article', slug: 'graphql-article', embeds: [{ blockType: 'benefitList', fields: { benefitList: list.id } }] })
  // The save's second cache invalidation runs after its commit.
  await afterTransactionsSettled(cms.payload)
})
afterAll(() => cms.stop())

async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await cms.api('/api/graphql', { method: 'POST', ...json({ query, variables }, headers) })
  return { status: response.status, cache: response.headers.get('x-cache'), cacheControl: response.headers.get('cache-control'), text: await response.text() }
}

async function get(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const params = new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) })
  const response = await cms.api(`/api/graphql?${params}`, { headers })
  return {
    status: response.status,
    cache: response.headers.get('x-cache'),
    etag: response.headers.get('etag'),
    cacheControl: response.headers.get('cache-control'),
    text: await response.text(),
  }
}

test('an anonymous query is answered from the cache the second time, with the same bytes', async () => {
  const first = await post(ARTICLE_QUERY, { slug: 'graphql-article' })
  const second = await post(ARTICLE_QUERY, { slug: 'graphql-article' })
  expect(JSON.parse(first.text).data.Articles.docs[0].title).toBe('GraphQL article')
  expect([first.cache, second.cache]).toEqual(['MISS', 'HIT'])
  expect(second.text).toBe(first.text)
  // The same query written differently, with its variables in another order, is the same entry.
  const reformatted = await post(ARTICLE_QUERY.replace(/\s+/g, ' '), { slug: 'graphql-article' })
  expect(reformatted.cache).toBe('HIT')
})

test('GET queries carry an ETag and public Cache-Control, and answer 304 when unchanged', async () => {
  const first = await get(ARTICLE_QUERY, { slug: 'graphql-article' })
  expect(first.status).toBe(200)
  expect(first.cacheControl).toMatch(/^public, max-age=\d+, s-maxage=\d+/)
  expect(first.etag).toMatch(/^"/)
  const params = new URLSearchParams({ query: ARTICLE_QUERY, variables: JSON.stringify({ slug: 'graphql-article' }) })
  const again = await cms.api(`/api/graphql?${params}`, { headers: { 'If-None-Match': first.etag! } })
  expect(again.status).toBe(304)
  expect((await get('{ Articles(limit: 1) { docs { title } } }')).status).toBe(200)
})

test('a publish changes the next answer; so does publishing a list the article embeds; a draft saved on the side does not', async () => {
  const query = `{ Article(id: ${JSON.stringify(article.id)}) { title body } }`
  await post(query)
  expect((await post(query)).cache).toBe('HIT')
  const publish = await cms.api(`/api/articles/${article.id}`, { method: 'PATCH', ...json({ title: 'GraphQL article, revised', _status: 'published' }, editor.headers) })
  expect(publish.status).toBe(200)
  const afterPublish = await post(query)
  expect(afterPublish.cache).toBe('MISS')
  expect(JSON.parse(afterPublish.text).data.Article.title).toBe('GraphQL article, revised')
  await saveDraft(cms.payload, 'articles', article.id, { title: 'SECRET-DRAFT-TITLE' })
  // The save's second cache invalidation runs after its commit.
  await afterTransactionsSettled(cms.payload)
  const afterDraft = await post(query)
  expect(afterDraft.text).not.toContain('SECRET')
  await cms.api(`/api/benefit-lists/${list.id}`, {
    method: 'PATCH',
    ...json({ items: [{ label: 'Calm', description: 'A second label, published.' }], _status: 'published' }, editor.headers),
  })
  const afterList = await post(query)
  expect(afterList.cache).toBe('MISS')
  expect(afterList.text).toContain('A second label, published.')
})

test('signed-in, draft and mutating requests are never shared', async () => {
  const query = '{ Articles(limit: 5) { docs { title } } }'
  const signedIn = await post(query, undefined, editor.headers)
  expect(signedIn.cache).toBeNull()
  // A POST answer: never marked public (HTTP caches do not keep POST answers).
  expect(signedIn.cacheControl ?? '').not.toMatch(/public/)
  const signedInGet = await get(query, undefined, editor.headers)
  expect(signedInGet.cache).toBeNull()
  expect(signedInGet.cacheControl).toBe('private, no-store')
  const drafts = `{ Articles(draft: true) { docs { title } } }`
  expect((await post(drafts)).cache).toBeNull()
  expect((await post(drafts)).text).not.toContain('SECRET')
  const mutation = `mutation { updateArticle(id: ${JSON.stringify(article.id)}, data: { title: "x" }) { id } }`
  const viaGet = await get(mutation)
  expect(viaGet.status).toBe(405)
  expect(viaGet.text).toMatch(/Send mutations with POST/)
  const viaPost = await post(mutation)
  expect(viaPost.cache).toBeNull()
  expect(JSON.parse(viaPost.text).errors[0].extensions.statusCode).toBe(403)
})

test('an answer with errors, or about anything but published content, is served but not stored', async () => {
  for (const query of ['{ Articles { docs { title } } Users { docs { email } } }', '{ Access { canAccessAdmin } }', '{ initializedUser }']) {
    await post(query)
    expect((await post(query)).cache).toBe('MISS')
  }
})

test('GET without a query, or with bad variables, is a 400 naming the parameter', async () => {
  const missing = await cms.api('/api/graphql')
  expect(missing.status).toBe(400)
  expect((await missing.json()).errors[0].message).toMatch(/\?query=/)
  const badVariables = await cms.api(`/api/graphql?query=${encodeURIComponent('{ Articles { docs { title } } }')}&variables=notjson`)
  expect(badVariables.status).toBe(400)
  expect((await badVariables.json()).errors[0].message).toMatch(/variables/)
})

test('misses that arrive together are executed together, and each answer is exactly what Payload’s own handler gives', async () => {
  const slugs = await Promise.all(
    Array.from({ length: 6 }, async (_, i) => {
      const embedded = await createBenefitList(cms.payload, { title: `Batch list ${i}`, items: [{ label: `Label ${i}`, description: `Description ${i}` }] })
      const created = await createArticle(cms.payload, {
        title: `Batch article ${i}`,
        slug: `batch-article-${i}`,
        embeds: [{ blockType: 'benefitList', fields: { benefitList: embedded.id } }],
      })
      return created.slug as string
    }),
  )
  // The save's second cache invalidation runs after its commit.
  await afterTransactionsSettled(cms.payload)
  const query = (slug: string, extra = '') =>
    `{ Articles(where: { slug: { equals: "${slug}" } }, limit: 1${extra}) { docs { title slug body clinicalReview { reviewerName } nextArticle { title } } } }`
  const batched = await Promise.all(slugs.map((slug) => post(query(slug))))
  expect(batched.map((answer) => answer.cache)).toEqual(slugs.map(() => 'MISS'))
  // `draft: false` is never shared, so it is answered by Payload's handler as it stands.
  for (const [i, slug] of slugs.entries()) {
    const stock = await post(query(slug, ', draft: false'))
    expect(stock.cache).toBeNull()
    expect(JSON.parse(batched[i].text)).toEqual(JSON.parse(stock.text))
    expect(batched[i].text).toContain(`Description ${i}`)
  }
})
