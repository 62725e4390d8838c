import { createArticle, createBenefitList } from '../helpers/content-fixtures'
import { signIn, startTestCms, type TestCms } from '../helpers/start-cms'

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
const BAD_IDS = ['abc', '99999999999999999999', '-1', '1.5', "1'%20OR%20'1'='1", '%00', '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(3000), '%7B%22%24gt%22%3A%22%22%7D', 'null', 'undefined', '%E0%A4%A']
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
  for (const body of [...BAD_JSON, '{"query": 12}', '{"query": "{"}', '{"query": "{ Articles { docs { nope } } }"}', '{"query": "mutation { deleteArticle(id: 1) { id } }"}', '{"query": "{ __schema { types { name fields { name type { name fields { name type { name fields { name type { name fields { name } } } } } } } } } }"}', `{"query": "{ Articles(limit: 100000, depth: 50) { docs { title } } }"}`, `{"query": "{ ${Array.from({ length: 300 }, (_, i) => `a${i}: Articles { docs { title } }`).join(' ')} }"}`, '{"query": "query Q($id: Int!) { Article(id: $id) { title } }", "variables": {"id": "abc"}}']) {
    probes.push({ method: 'POST', path: '/api/graphql', body })
  }
  for (const body of ['{', '{"email": 1, "password": {}}', '{"email": "a@b.c"}', '{"email": {"$gt": ""}, "password": {"$gt": ""}}', JSON.stringify({ email: 'x'.repeat(10000), password: 'y' })]) {
    probes.push({ method: 'POST', path: '/api/users/login', body })
  }
  for (const path of ['/articles/%E0%A4%A', `/articles/${'x'.repeat(5000)}`, '/articles/steady?depth=999', '/preview/articles/abc?token=zzz', '/preview/articles/1?token=' + 'a'.repeat(5000), '/preview/%00/1', '/sitemap.xml?page=-1', '/api/preview/articles/1?token=%%%', '/api/articles/slug/%E0%A4%A', `/api/articles/slug/${'y'.repeat(5000)}`]) {
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
  expect(await messageOf('/api/articles', json(JSON.stringify({ title: 'x', excerpt: 'y'.repeat(2 * 1024 * 1024) })))).toEqual({ status: 413, message: expect.stringContaining('larger than the limit') })
  const wrongType = await messageOf('/api/articles', json(JSON.stringify({ title: 'x'.repeat(5000) })))
  expect(wrongType.status).toBe(400)
  const details = await (await cms.api('/api/articles', json(JSON.stringify({ title: 'x'.repeat(5000) })))).json()
  expect(JSON.stringify(details)).toContain('title')
  const unknown = await (await cms.api('/api/articles', json(JSON.stringify({ title: 'Fine', unknownField: 1 })))).json()
  expect(JSON.stringify(unknown)).toContain('unknownField')
  const deep = await cms.api('/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ Articles { docs { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { relatedArticles { title } } } } } } } } } } } }' }) })
  expect(deep.status).toBeLessThan(500)
  expect(JSON.stringify(await deep.json())).toContain('GRAPHQL_MAX_DEPTH')
})

async function documentCounts() {
  const counts: Record<string, number> = {}
  for (const collection of ['articles', 'benefit-lists', 'faqs', 'calls-to-action', 'media', 'users', 'webhooks'] as const) {
    counts[collection] = (await cms.payload.count({ collection, overrideAccess: true })).totalDocs
  }
  return counts
}
