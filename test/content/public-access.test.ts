import { createArticle, createBenefitList, saveDraft } from '../helpers/content-fixtures'
import { signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
let draftOnly: { id: string | number }
let published: { id: string | number }
let editor: Awaited<ReturnType<typeof signIn>>

const gql = async (query: string, headers: Record<string, string> = {}) => {
  const response = await cms.api('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  })
  return response.json()
}

beforeAll(async () => {
  cms = await startTestCms()
  const { payload } = cms
  const draftList = await createBenefitList(payload, {
    title: 'Unreleased list',
    items: [{ label: 'SECRET-DRAFT-LIST-ITEM', description: 'not for the public' }],
    status: 'draft',
  })
  const publicList = await createBenefitList(payload, {
    title: 'Public list',
    items: [{ label: 'Perspective shifts', description: 'Clients view struggles from a new angle.' }],
  })
  await saveDraft(payload, 'benefit-lists', publicList.id, {
    items: [{ label: 'SECRET-NEWER-LIST-DRAFT', description: 'unpublished edit' }],
  })
  draftOnly = await createArticle(payload, { title: 'Unpublished article', slug: 'unpublished', status: 'draft', bodyText: 'SECRET-DRAFT-BODY' })
  published = await createArticle(payload, {
    title: 'Published title',
    slug: 'published',
    embeds: [
      { blockType: 'benefitList', fields: { benefitList: draftList.id } },
      { blockType: 'benefitList', fields: { benefitList: publicList.id } },
    ],
  })
  await saveDraft(payload, 'articles', published.id, { title: 'SECRET-NEWER-ARTICLE-DRAFT' })
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'a-long-editor-password' })
})
afterAll(async () => {
  await cms.stop()
})

const SECRETS = /SECRET-/

describe('anonymous visitors read only published content', () => {
  test.each([
    ['the list', '/api/articles'],
    ['the list asking for drafts', '/api/articles?draft=true'],
    ['a where-filter on _status', '/api/articles?where[_status][equals]=draft&draft=true'],
    ['the list at depth 3', '/api/articles?depth=3&draft=true'],
    ['a published article by id with ?draft=true', () => `/api/articles/${published.id}?draft=true&depth=2`],
    ['the page endpoint', '/api/articles/slug/published'],
    ['benefit lists', '/api/benefit-lists?draft=true'],
  ])('REST: %s reveals no draft', async (_name, pathOrFn) => {
    const path = typeof pathOrFn === 'function' ? pathOrFn() : pathOrFn
    const response = await cms.api(path)
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text).not.toMatch(SECRETS)
    expect(text).not.toContain('Unpublished article')
  })

  test('REST: the published article keeps its published title', async () => {
    const body = await (await cms.api(`/api/articles/${published.id}?draft=true`)).json()
    expect(body.title).toBe('Published title')
  })

  test('REST: a draft-only article is not found by id, with or without ?draft=true', async () => {
    for (const query of ['', '?draft=true']) {
      const response = await cms.api(`/api/articles/${draftOnly.id}${query}`)
      expect(response.status).toBe(404)
    }
  })

  test('REST: the page endpoint answers 404 for a draft-only slug', async () => {
    const response = await cms.api('/api/articles/slug/unpublished')
    expect(response.status).toBe(404)
    expect((await response.json()).errors[0].message).toMatch(/no published article/i)
  })

  test('REST: version history is closed to the public', async () => {
    for (const path of ['/api/articles/versions', `/api/articles/versions?where[parent][equals]=${published.id}`, '/api/benefit-lists/versions']) {
      const response = await cms.api(path)
      expect(response.status).toBe(403)
    }
  })

  test('REST: a published article embedding a draft list or a list with a newer draft shows only published text', async () => {
    const body = await (await cms.api('/api/articles/slug/published')).json()
    const text = JSON.stringify(body)
    expect(text).toContain('Perspective shifts')
    expect(text).not.toMatch(SECRETS)
  })

  test('GraphQL: lists, single documents and draft: true reveal no draft', async () => {
    const queries = [
      '{ Articles(draft: true) { docs { title body } } }',
      `{ Article(id: ${JSON.stringify(published.id)}, draft: true) { title body } }`,
      `{ Article(id: ${JSON.stringify(draftOnly.id)}, draft: true) { title } }`,
      '{ Articles(where: { _status: { equals: draft } }, draft: true) { docs { title } } }',
      '{ BenefitLists(draft: true) { docs { title items { label } } } }',
    ]
    for (const query of queries) {
      const result = await gql(query)
      expect(JSON.stringify(result)).not.toMatch(SECRETS)
      expect(JSON.stringify(result)).not.toContain('Unpublished article')
    }
    const single = await gql(`{ Article(id: ${JSON.stringify(published.id)}, draft: true) { title } }`)
    expect(single.data.Article.title).toBe('Published title')
  })

  test('GraphQL: versions are closed to the public', async () => {
    const result = await gql('{ versionsArticles { docs { version { title } } } }')
    expect(result.errors?.[0]?.message).toMatch(/not allowed/i)
    expect(JSON.stringify(result)).not.toMatch(SECRETS)
  })
})

describe('signed-in staff see drafts', () => {
  test('an editor asking for drafts gets the newer draft and draft-only articles', async () => {
    const body = await (await cms.api(`/api/articles/${published.id}?draft=true`, { headers: editor.headers })).json()
    expect(body.title).toBe('SECRET-NEWER-ARTICLE-DRAFT')
    const list = await (await cms.api('/api/articles?draft=true', { headers: editor.headers })).json()
    expect(list.docs.map((doc: { title: string }) => doc.title)).toContain('Unpublished article')
  })

  test('an editor reads version history', async () => {
    const response = await cms.api(`/api/articles/versions?where[parent][equals]=${published.id}`, { headers: editor.headers })
    expect(response.status).toBe(200)
    expect((await response.json()).totalDocs).toBeGreaterThanOrEqual(2)
  })
})
