import { type Field, type FlattenedField, flattenAllFields } from 'payload'

import { nobodyField } from '../../src/access/nobody'
import { block, lexicalDocument, paragraph, upload } from '../../src/richtext/lexical-nodes'
import { contentData, createArticle, createBenefitList, createContent, type ContentSlug } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

/**
 * A corpus of malformed, oversized and hostile requests against every kind of route: each must get
 * a 4xx (or a harmless 2xx) with a JSON error naming the problem, never a 5xx or a stack trace, and
 * nothing may be half-written.
 */
let cms: TestCms
let editor: Awaited<ReturnType<typeof signIn>>
let articleId: string | number

type Probe = { method: string; path: string; body?: string; headers?: Record<string, string>; auth?: boolean; mustFail?: boolean }

beforeAll(async () => {
  process.env.ANONYMOUS_READS_PER_MINUTE = '100000'
  process.env.LOGIN_ATTEMPTS_PER_IP = '100000'
  cms = await startTestCms()
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
  articleId = (await createArticle(cms.payload, { title: 'Steady', slug: 'steady' })).id
  await createBenefitList(cms.payload)
})
afterAll(async () => {
  delete process.env.ANONYMOUS_READS_PER_MINUTE
  delete process.env.LOGIN_ATTEMPTS_PER_IP
  await cms.stop()
})

const COLLECTIONS = ['articles', 'benefit-lists', 'faqs', 'calls-to-action', 'media', 'users', 'webhooks']
const BAD_IDS = [
  'abc',
  '99999999999999999999',
  '-1',
  '1.5',
  "1'%20OR%20'1'='1",
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(3000),
  '%7B%22%24gt%22%3A%22%22%7D',
  'null',
  'undefined',
  '%E0%A4%A',
]
const BAD_QUERIES = [
  'where[$where]=sleep(1000)',
  'where[title][$ne]=x',
  'where[__proto__][polluted]=1',
  'where[constructor][prototype][polluted]=1',
  'where[title][equals][$gt]=',
  'where[or][0][_status][equals]=draft',
  'where[title][like]=' + '%'.repeat(500),
  'where[nonexistent][equals]=1',
  'where[title][near]=1,2',
  'where=notanobject',
  'where[title]=' + 'x'.repeat(10000),
  'depth=999',
  'depth=-1',
  'depth=abc',
  'limit=1000000000',
  'limit=-5',
  'limit=1e3',
  'page=0',
  'page=1000000000000',
  'page=abc',
  'sort=;drop table articles',
  'sort=-__proto__',
  'sort=' + 'x'.repeat(5000),
  'select[__proto__]=1',
  'populate[articles][__proto__]=1',
  'draft=true&where[_status][equals]=draft',
  'locale=../../etc',
]
const BAD_JSON = ['{', '{"title":', 'null', '[]', '"text"', '12', '{"title": "a", }', '\u0000', '{"a":' + '['.repeat(5000)]
const WRONG_TYPES: Record<string, unknown>[] = [
  { title: 12345 },
  { title: { $gt: '' } },
  { title: ['a', 'b'] },
  { title: 'ok', slug: ['a'] },
  { title: 'ok', slug: 'Not A Slug!' },
  { title: 'ok', _status: 'live' },
  { title: 'ok', body: 'plain text instead of rich text' },
  { title: 'ok', clinicalReview: 'yesterday' },
  { title: 'ok', heroImage: 'not-an-id' },
  { title: 'ok', relatedArticles: 'x' },
  { title: 'ok', unknownField: true },
  { title: 'x'.repeat(100_000) },
]
/** Sent as written: JSON.stringify would drop a literal __proto__ key. */
const PROTOTYPE_BODIES = ['{"__proto__": {"admin": true}, "title": "proto"}', '{"constructor": {"prototype": {"admin": true}}, "title": "proto"}']

function corpus(): Probe[] {
  const probes: Probe[] = []
  for (const collection of COLLECTIONS) {
    for (const id of BAD_IDS) {
      probes.push({ method: 'GET', path: `/api/${collection}/${id}` })
      probes.push({ method: 'PATCH', path: `/api/${collection}/${id}`, body: '{"title":"x"}', auth: true })
      probes.push({ method: 'DELETE', path: `/api/${collection}/${id}`, auth: true })
    }
    for (const query of BAD_QUERIES) {
      probes.push({ method: 'GET', path: `/api/${collection}?${query}` })
    }
    for (const body of BAD_JSON) {
      probes.push({ method: 'POST', path: `/api/${collection}`, body, auth: true })
    }
  }
  for (const query of BAD_QUERIES) {
    probes.push({ method: 'GET', path: `/api/articles?${query}`, auth: true })
    probes.push({ method: 'GET', path: `/api/articles/cards?${query}` })
  }
  for (const data of WRONG_TYPES) {
    for (const collection of ['articles', 'benefit-lists', 'faqs', 'calls-to-action']) {
      probes.push({ method: 'POST', path: `/api/${collection}`, body: JSON.stringify(data), auth: true, mustFail: true })
    }
    probes.push({ method: 'PATCH', path: '/api/articles/ARTICLE', body: JSON.stringify(data), auth: true, mustFail: true })
  }
  for (const body of PROTOTYPE_BODIES) {
    probes.push({ method: 'POST', path: '/api/articles', body, auth: true })
    probes.push({ method: 'PATCH', path: '/api/articles/ARTICLE', body, auth: true })
  }
  const hugeBody = JSON.stringify({ title: 'big', excerpt: 'x'.repeat(3 * 1024 * 1024) })
  probes.push({ method: 'POST', path: '/api/articles', body: hugeBody, auth: true })
  probes.push({ method: 'POST', path: '/api/graphql', body: hugeBody })
  for (const body of [
    ...BAD_JSON,
    '{"query": 12}',
    '{"query": "{"}',
    '{"query": "{ Articles { docs { nope } } }"}',
    '{"query": "mutation { deleteArticle(id: 1) { id } }"}',
    '{"query": "{ __schema { types { name fields { name type { name fields { name type { name fields { name type { name fields { name } } } } } } } } } }"}',
    `{"query": "{ Articles(limit: 100000, depth: 50) { docs { title } } }"}`,
    `{"query": "{ ${Array.from({ length: 300 }, (_, i) => `a${i}: Articles { docs { title } }`).join(' ')} }"}`,
    '{"query": "query Q($id: Int!) { Article(id: $id) { title } }", "variables": {"id": "abc"}}',
  ]) {
    probes.push({ method: 'POST', path: '/api/graphql', body })
  }
  for (const body of [
    '{',
    '{"email": 1, "password": {}}',
    '{"email": "a@b.c"}',
    '{"email": {"$gt": ""}, "password": {"$gt": ""}}',
    JSON.stringify({ email: 'x'.repeat(10000), password: 'y' }),
  ]) {
    probes.push({ method: 'POST', path: '/api/users/login', body })
  }
  for (const path of [
    '/articles/%E0%A4%A',
    `/articles/${'x'.repeat(5000)}`,
    '/articles/steady?depth=999',
    '/preview/articles/abc?token=zzz',
    '/preview/articles/1?token=' + 'a'.repeat(5000),
    '/preview/%00/1',
    '/sitemap.xml?page=-1',
    '/api/preview/articles/1?token=%%%',
    '/api/articles/slug/%E0%A4%A',
    `/api/articles/slug/${'y'.repeat(5000)}`,
  ]) {
    probes.push({ method: 'GET', path })
  }
  return probes
}

test('a corpus of hostile requests gets clear 4xx JSON errors, never a 5xx, and leaves no trace', async () => {
  const probes = corpus()
  expect(probes.length).toBeGreaterThanOrEqual(300)
  const countsBefore = await documentCounts()
  const failures: string[] = []
  for (const probe of probes) {
    const path = probe.path.replace('ARTICLE', String(articleId))
    const headers: Record<string, string> = { ...(probe.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(probe.auth ? editor.headers : {}) }
    const response = await cms.api(path, { method: probe.method, headers, body: probe.body })
    const text = await response.text()
    const label = `${probe.method} ${path.slice(0, 120)}${probe.auth ? ' (editor)' : ''} -> ${response.status}`
    if (response.status >= 500) failures.push(`${label}: ${text.slice(0, 200)}`)
    if (probe.mustFail && response.status < 400) failures.push(`${label}: accepted ${probe.body?.slice(0, 80)}`)
    if (/\n\s+at .+\(.+:\d+:\d+\)/.test(text)) failures.push(`${label}: stack trace in the body`)
    if (response.status >= 400 && (response.headers.get('content-type') ?? '').includes('json')) {
      const message = JSON.parse(text)?.errors?.[0]?.message
      if (typeof message !== 'string' || message.length === 0) failures.push(`${label}: no error message`)
    }
  }
  expect(failures).toEqual([])
  expect(await documentCounts()).toEqual(countsBefore)
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect((await cms.api('/readyz')).status).toBe(200)
  const steady = await (await cms.api('/api/articles/slug/steady')).json()
  expect(steady).toEqual(expect.objectContaining({ title: 'Steady', slug: 'steady' }))
})

test('the errors name the problem', async () => {
  const messageOf = async (path: string, init?: RequestInit) => {
    const response = await cms.api(path, init)
    return { status: response.status, message: String((await response.json()).errors?.[0]?.message ?? '') }
  }
  expect(await messageOf('/api/articles?limit=1000000')).toEqual({ status: 400, message: expect.stringContaining('"limit"') })
  expect(await messageOf('/api/articles?depth=99')).toEqual({ status: 400, message: expect.stringContaining('"depth"') })
  expect(await messageOf('/api/articles?page=0')).toEqual({ status: 400, message: expect.stringContaining('"page"') })
  expect(await messageOf('/api/articles?where[$where]=1')).toEqual({ status: 400, message: expect.stringContaining('$where') })
  expect(await messageOf('/api/articles?where[__proto__][x]=1')).toEqual({ status: 400, message: expect.stringContaining('__proto__') })
  const json = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json', ...editor.headers }, body })
  expect((await messageOf('/api/articles', json('{'))).status).toBe(400)
  expect(await messageOf('/api/articles', json(JSON.stringify({ title: 'x', excerpt: 'y'.repeat(2 * 1024 * 1024) })))).toEqual({
    status: 413,
    message: expect.stringContaining('larger than the limit'),
  })
  const wrongType = await messageOf('/api/articles', json(JSON.stringify({ title: 'x'.repeat(5000) })))
  expect(wrongType.status).toBe(400)
  const details = await (await cms.api('/api/articles', json(JSON.stringify({ title: 'x'.repeat(5000) })))).json()
  expect(JSON.stringify(details)).toContain('title')
  const unknown = await (await cms.api('/api/articles', json(JSON.stringify({ title: 'Fine', unknownField: 1 })))).json()
  expect(JSON.stringify(unknown)).toContain('unknownField')
  const deep = await cms.api('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        '{ Articles { docs { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { title } } } } } } } } } } } }',
    }),
  })
  expect(deep.status).toBeLessThan(500)
  expect(JSON.stringify(await deep.json())).toContain('GRAPHQL_MAX_DEPTH')
})

/** Every kind of body a client may send where Payload takes JSON (or multipart with a `_payload`, for uploads). */
const BODY_CLASSES: Record<string, { headers: Record<string, string>; body?: string | FormData }> = {
  'form-encoded': { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'title=Hello&_status=draft' },
  XML: { headers: { 'content-type': 'application/xml' }, body: '<article><title>Hello</title></article>' },
  'plain text': { headers: { 'content-type': 'text/plain' }, body: 'Hello' },
  'a body without a Content-Type': { headers: {}, body: undefined },
  'no body at all': { headers: {}, body: undefined },
  'multipart without a _payload field': { headers: {}, body: undefined },
}

function bodyOf(kind: string): { headers: Record<string, string>; body?: BodyInit } {
  if (kind === 'multipart without a _payload field') {
    const form = new FormData()
    form.append('title', 'Hello')
    return { headers: {}, body: form }
  }
  // fetch sets text/plain for a string body; a Blob without a type sends no Content-Type at all.
  if (kind === 'a body without a Content-Type') return { headers: {}, body: new Blob(['{"title":"Hello"}']) }
  return BODY_CLASSES[kind]
}

test('every collection: a write whose body is not JSON gets a 415 or 400 saying what is accepted, and writes nothing', async () => {
  const collections = cms.payload.config.collections.map((collection) => collection.slug)
  const failures: string[] = []
  const before = await allCounts()
  for (const collection of collections) {
    const existing = (await cms.payload.find({ collection: collection as 'articles', limit: 1, overrideAccess: true })).docs[0]
    const routes = [`POST /api/${collection}`, `PATCH /api/${collection}/${existing?.id ?? 1}`]
    for (const route of routes) {
      for (const kind of Object.keys(BODY_CLASSES)) {
        const [method, path] = route.split(' ')
        const { headers, body } = bodyOf(kind)
        const response = await cms.api(path, { method, headers: { ...headers, ...editor.headers }, body })
        const text = await response.text()
        const message = (() => {
          try {
            return String(JSON.parse(text).errors?.[0]?.message ?? '') + JSON.stringify(JSON.parse(text).errors?.[0]?.data ?? '')
          } catch {
            return ''
          }
        })()
        const refusedForItsBody = (response.status === 415 || response.status === 400) && /JSON/.test(message)
        // Collections this editor may not write answer 403/404 first; that is fine too, as long as it is not a 5xx.
        const refusedOtherwise = [403, 404, 405].includes(response.status)
        if (!refusedForItsBody && !refusedOtherwise) failures.push(`${route} with ${kind} -> ${response.status} ${text.slice(0, 160)}`)
      }
    }
  }
  for (const kind of Object.keys(BODY_CLASSES)) {
    for (const path of ['/api/graphql', '/api/users/login']) {
      const { headers, body } = bodyOf(kind)
      const response = await cms.api(path, { method: 'POST', headers, body })
      const text = await response.text()
      // A sign-in without a body is a 400 naming the missing email; any other body a 415.
      const explained = path === '/api/users/login' && response.status === 400 ? /email/.test(text) : /JSON/.test(text)
      if (![400, 415].includes(response.status) || !explained) failures.push(`POST ${path} with ${kind} -> ${response.status} ${text.slice(0, 160)}`)
    }
  }
  expect(failures).toEqual([])
  expect(await allCounts()).toEqual(before)
  // The one form-encoded request Payload takes: the admin UI's long read, a POST it turns into a GET.
  const read = await cms.api('/api/articles', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Payload-HTTP-Method-Override': 'GET', ...editor.headers },
    body: 'limit=5&where[slug][equals]=steady',
  })
  expect(read.status).toBe(200)
  expect((await read.json()).docs.map((doc: { slug: string }) => doc.slug)).toEqual(['steady'])
})

/** Where a reference can sit in a collection's fields, with a document that has the value there. */
type ReferenceCase = { collection: ContentSlug; field: string; relationTo: string; data: (id: string | number) => Record<string, unknown> }

function referenceCases(): ReferenceCase[] {
  const cases: ReferenceCase[] = []
  for (const collection of ['articles', 'benefit-lists', 'faqs', 'calls-to-action'] as const) {
    const walk = (fields: FlattenedField[], wrap: (value: unknown) => Record<string, unknown>, label: string) => {
      for (const field of fields) {
        const at = (value: unknown) => wrap({ [field.name]: value })
        // Fields only the server sets (who saved, who approved) drop whatever a request sends: nothing to name.
        const serverSet = 'access' in field && field.access?.create === nobodyField && field.access?.update === nobodyField
        if ((field.type === 'relationship' || field.type === 'upload') && typeof field.relationTo === 'string' && !serverSet) {
          const extra = collection === 'calls-to-action' && field.name === 'article' ? { type: 'internal' } : {}
          cases.push({
            collection,
            field: `${label}${field.name}`,
            relationTo: field.relationTo,
            data: (id) => (Object.keys(extra).length ? wrap({ ...extra, [field.name]: id }) : at(field.hasMany ? [id] : id)),
          })
        }
        if (field.type === 'group' || field.type === 'tab') walk(field.flattenedFields, (value) => wrap({ [field.name]: value }), `${label}${field.name}.`)
        if (field.type === 'richText') {
          const features = (
            field.editor as { editorConfig?: { resolvedFeatureMap?: Map<string, { sanitizedServerFeatureProps?: { blocks?: { slug: string; fields: Field[] }[] } }> } }
          )?.editorConfig?.resolvedFeatureMap
          if (features?.has('upload'))
            cases.push({ collection, field: `${label}${field.name} (an image)`, relationTo: 'media', data: (id) => at(lexicalDocument([paragraph('Look:'), upload('media', id)])) })
          for (const embed of features?.get('blocks')?.sanitizedServerFeatureProps?.blocks ?? []) {
            for (const inner of flattenAllFields({ fields: embed.fields })) {
              if (inner.type !== 'relationship' || typeof inner.relationTo !== 'string') continue
              cases.push({
                collection,
                field: `${label}${field.name} (${embed.slug} block)`,
                relationTo: inner.relationTo,
                data: (id) => at(lexicalDocument([block(embed.slug, { [inner.name]: inner.hasMany ? [id] : id })])),
              })
            }
          }
        }
      }
    }
    walk(cms.payload.collections[collection].config.flattenedFields, (value) => value as Record<string, unknown>, '')
  }
  return cases
}

test('every reference field of every content type: a missing or wrong-collection document is a 400 naming the field, on create and update, over REST and GraphQL; nothing is written', async () => {
  // Ids that exist in no collection, and one that exists only as an FAQ (a document of the wrong collection).
  for (let i = 0; i < 100; i++)
    await cms.payload.create({
      collection: 'faqs',
      data: { question: `Filler ${i}?`, answer: lexicalDocument([paragraph('Yes.')]), _status: 'published' } as never,
      overrideAccess: true,
    })
  const numeric = cms.payload.db.defaultIDType === 'number'
  const missing = numeric ? 987654 : 'ffffffffffffffffffffffff'
  const lastFaq = (await cms.payload.find({ collection: 'faqs', sort: '-createdAt', limit: 1, overrideAccess: true })).docs[0].id
  const cases = referenceCases()
  expect(cases.map((c) => `${c.collection}.${c.field}`)).toEqual(
    expect.arrayContaining([
      'articles.heroImage',
      'articles.seo.image',
      'articles.nextArticle',
      'articles.relatedArticles',
      'articles.body (an image)',
      'articles.body (benefitList block)',
      'articles.body (faqGroup block)',
      'articles.body (callToAction block)',
      'calls-to-action.link.article',
      'faqs.answer (an image)',
    ]),
  )
  const admin = await signIn(cms, { email: 'admin@hostile.test', password: 'a-long-admin-password', roles: ['admin'] })
  const failures: string[] = []
  const GRAPHQL: Record<ContentSlug, string> = { articles: 'Article', 'benefit-lists': 'BenefitList', faqs: 'Faq', 'calls-to-action': 'CallsToAction' }
  for (const testCase of cases) {
    const topField = testCase.field.split(/[ .]/)[0]
    const ids = [missing, ...(testCase.relationTo === 'faqs' ? [] : [lastFaq])]
    for (const id of ids) {
      const target = await createContent(cms.payload, testCase.collection, { title: 'Reference target' })
      const before = JSON.stringify([await allCounts(), await cms.payload.db.findOne({ collection: testCase.collection, where: { id: { equals: target.id } } })])
      const label = `${testCase.collection}.${testCase.field} -> ${testCase.relationTo} ${id}`
      const attempts: [string, Promise<{ status: number; named: boolean }>][] = [
        ['REST create', rest(`/api/${testCase.collection}?draft=true`, 'POST', { ...contentData(testCase.collection, 'With a bad reference', 'draft'), ...testCase.data(id) })],
        ['REST update', rest(`/api/${testCase.collection}/${target.id}`, 'PATCH', testCase.data(id))],
        [
          'GraphQL update',
          graphql(
            `mutation ($data: mutation${GRAPHQL[testCase.collection]}UpdateInput!) { update${GRAPHQL[testCase.collection]}(id: ${JSON.stringify(target.id)}, draft: true, data: $data) { id } }`,
            {
              ...(testCase.collection === 'calls-to-action' && !testCase.field.startsWith('link') ? { link: { type: 'external', url: 'https://clinic.example/book' } } : {}),
              ...testCase.data(id),
            },
          ),
        ],
      ]
      for (const [route, attempt] of attempts) {
        const { status, named } = await attempt
        if (status !== 400 || !named) failures.push(`${label} by ${route}: ${status}${named ? '' : ', the field not named'}`)
      }
      const after = JSON.stringify([await allCounts(), await cms.payload.db.findOne({ collection: testCase.collection, where: { id: { equals: target.id } } })])
      if (after !== before) failures.push(`${label}: something was written`)
    }
    async function rest(path: string, method: string, data: Record<string, unknown>) {
      const response = await cms.api(path, { method, ...json(data, admin.headers) })
      const body = await response.json()
      const paths: string[] = (body.errors?.[0]?.data?.errors ?? []).map((error: { path: string }) => error.path)
      return { status: response.status, named: paths.some((path) => path.startsWith(topField)) }
    }
    async function graphql(query: string, data: Record<string, unknown>) {
      const response = await cms.api('/api/graphql', { method: 'POST', ...json({ query, variables: { data } }, admin.headers) })
      const error = (await response.json()).errors?.[0]
      return {
        status: error?.extensions?.statusCode ?? response.status,
        named: String(error?.message ?? '').includes(topField) || JSON.stringify(error?.extensions?.data ?? '').includes(topField),
      }
    }
  }
  expect(failures).toEqual([])
  // The FAQ's id must exist in no other collection, or the wrong-collection cases proved nothing.
  for (const collection of ['articles', 'media', 'benefit-lists', 'calls-to-action'] as const) {
    expect((await cms.payload.count({ collection, where: { id: { equals: lastFaq } }, overrideAccess: true })).totalDocs).toBe(0)
  }
})

async function allCounts() {
  const counts: Record<string, number> = {}
  for (const collection of cms.payload.config.collections.map((c) => c.slug)) {
    if (collection === 'audit-log' || collection === 'payload-preferences' || collection === 'payload-locked-documents' || collection === 'payload-jobs') continue
    counts[collection] = (await cms.payload.count({ collection: collection as 'articles', overrideAccess: true })).totalDocs
  }
  return counts
}

async function documentCounts() {
  const counts: Record<string, number> = {}
  for (const collection of ['articles', 'benefit-lists', 'faqs', 'calls-to-action', 'media', 'users', 'webhooks'] as const) {
    counts[collection] = (await cms.payload.count({ collection, overrideAccess: true })).totalDocs
  }
  return counts
}
