/**
 * No request an anonymous visitor can make gets a 5xx. Generated: every collection x every word
 * Payload reserves in its routes (and a few odd ids) x every method, empty path segments, and
 * every query of the GraphQL schema.
 */
import { createArticle } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
let admin: Awaited<ReturnType<typeof signIn>>
let article: { id: string | number; slug?: string | null }

beforeAll(async () => {
  // Thousands of anonymous requests from one address: the per-address read limit is not under test here.
  process.env.ANONYMOUS_READS_PER_MINUTE = '0'
  cms = await startTestCms()
  admin = await signIn(cms, { email: 'admin@no-5xx.test', password: 'a-long-admin-password', roles: ['admin'] })
  article = await createArticle(cms.payload, { title: 'Duplicate me', slug: 'duplicate-me' })
})
afterAll(async () => {
  delete process.env.ANONYMOUS_READS_PER_MINUTE
  await cms.stop()
})

/** Every literal path segment of any collection's routes, and ids no database has. */
function reservedWords(): string[] {
  const words = new Set([
    'init',
    'me',
    'access',
    'login',
    'logout',
    'refresh-token',
    'first-register',
    'forgot-password',
    'reset-password',
    'unlock',
    'verify',
    'count',
    'distinct',
    'file',
    'paste-url',
    'versions',
    'duplicate',
    'slug',
    'cards',
    'run',
    'handle-schedules',
  ])
  for (const collection of cms.payload.config.collections) {
    for (const endpoint of Array.isArray(collection.endpoints) ? collection.endpoints : [])
      for (const part of endpoint.path.split('/')) if (part && !part.startsWith(':')) words.add(part)
  }
  return [...words, '0', '-1', '1.5', 'null', 'undefined', '%00', '..', 'ffffffffffffffffffffffff', '99999999999999999999']
}

describe('REST: reserved words and odd ids where an id goes', () => {
  test('no collection, word, method or depth of path answers with a 5xx', async () => {
    const failures: string[] = []
    const words = reservedWords()
    for (const collection of cms.payload.config.collections.map((c) => c.slug)) {
      for (const word of words) {
        for (const path of [`/api/${collection}/${word}`, `/api/${collection}/${word}/`, `/api/${collection}/${word}/${word}`, `/api/${collection}/${word}/1/x`]) {
          for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
            const response = await cms.api(path, { method, ...(method === 'GET' ? {} : json({})) })
            const body = await response.text()
            if (response.status >= 500 || !isJson(body)) failures.push(`${method} ${path} -> ${response.status} ${body.slice(0, 80)}`)
          }
        }
      }
    }
    expect(failures).toEqual([])
  })

  test.each([
    ['GET', '/api/articles/init', 404, /No route GET \/api\/articles\/init/],
    ['GET', '/api/articles/me', 404, /No route/],
    ['GET', '/api/articles/slug/', 404, /No route GET \/api\/articles\/slug\. Routes that start so: GET \/api\/articles\/slug\/:slug/],
    ['GET', '/api/articles/slug', 404, /slug\/:slug/],
    ['POST', '/api/users/verify/1', 404, /No route/],
    ['POST', '/api/audit-log/versions/1', 404, /No route/],
    ['GET', '/api/payload-migrations', 404, /No route/],
    ['PUT', '/api/articles/1', 405, /PUT is not allowed on \/api\/articles\/1; use DELETE or GET or PATCH/],
    ['DELETE', '/api/articles/cards', 405, /DELETE is not allowed on \/api\/articles\/cards; use GET/],
    ['GET', '/api/articles/abc', 400, /"abc" is not a valid articles id/],
  ])('%s %s answers %i naming the problem', async (method, path, status, message) => {
    const response = await cms.api(path, { method, ...(method === 'GET' ? {} : json({})) })
    expect(response.status).toBe(status)
    expect((await response.json()).errors[0].message).toMatch(message)
  })

  test('the routes themselves still work: /me, /access, versions, the page endpoint', async () => {
    expect((await cms.api('/api/users/me')).status).toBe(200)
    expect((await cms.api('/api/articles/access', { method: 'POST', ...json({}) })).status).toBe(200)
    expect((await cms.api('/api/articles/versions', { headers: admin.headers })).status).toBe(200)
    expect((await cms.api('/api/articles/slug/duplicate-me')).status).toBe(200)
  })
})

describe('GraphQL: every query an anonymous visitor can send', () => {
  test('each answers without a server error', async () => {
    const schema = await (
      await cms.api('/api/graphql', {
        method: 'POST',
        ...json({
          query:
            '{ __schema { queryType { fields { name args { name type { kind name ofType { kind name ofType { kind name } } } } type { kind name ofType { kind name ofType { kind name } } } } } } }',
        }),
      })
    ).json()
    const fields = schema.data.__schema.queryType.fields as { name: string; args: { name: string; type: TypeRef }[]; type: TypeRef }[]
    expect(fields.length).toBeGreaterThan(20)
    const types = new Map<string, { kind: string; fields: { name: string; type: TypeRef }[] | null }>()
    const failures: string[] = []
    for (const field of fields) {
      const args = field.args.filter((arg) => arg.type.kind === 'NON_NULL').map((arg) => `${arg.name}: ${sample(arg.type)}`)
      const selection = await selectionFor(field.type, types)
      const query = `{ ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`
      const response = await cms.api('/api/graphql', { method: 'POST', ...json({ query }) })
      const body = await response.json()
      const serverErrors = (body.errors ?? []).filter((error: { extensions?: { statusCode?: number } }) => (error.extensions?.statusCode ?? 200) >= 500)
      if (response.status >= 500 || serverErrors.length) failures.push(`${query} -> ${response.status} ${JSON.stringify(serverErrors).slice(0, 160)}`)
    }
    expect(failures).toEqual([])
  })

  test('the Access query answers anonymously: no admin access, and what the public may read', async () => {
    const response = await cms.api('/api/graphql', { method: 'POST', ...json({ query: '{ Access { canAccessAdmin articles { read { permission } update { permission } } } }' }) })
    const body = await response.json()
    expect(body.errors).toBeUndefined()
    expect(body.data.Access).toMatchObject({ canAccessAdmin: false, articles: { read: { permission: true }, update: null } })
  })
})

describe('duplicating', () => {
  test('an article gets a new unique slug each time, as a draft, for an admin and for a contributor (REST)', async () => {
    const contributor = await signIn(cms, { email: 'contributor@no-5xx.test', password: 'a-long-contributor-password', roles: ['contributor'] })
    const first = await cms.api(`/api/articles/${article.id}/duplicate`, { method: 'POST', ...json({}, admin.headers) })
    expect(first.status).toBe(200)
    expect((await first.json()).doc).toMatchObject({ slug: 'duplicate-me-copy', _status: 'draft' })
    const second = await cms.api(`/api/articles/${article.id}/duplicate`, { method: 'POST', ...json({}, contributor.headers) })
    expect((await second.json()).doc).toMatchObject({ slug: 'duplicate-me-copy-2', _status: 'draft' })
    // A copy of the copy.
    const third = await cms.api(
      `/api/articles/${(await cms.payload.find({ collection: 'articles', where: { slug: { equals: 'duplicate-me-copy' } }, draft: true, overrideAccess: true })).docs[0].id}/duplicate`,
      { method: 'POST', ...json({}, admin.headers) },
    )
    expect((await third.json()).doc).toMatchObject({ slug: 'duplicate-me-copy-copy', _status: 'draft' })
    // The copy is not the imported article: importing again must not find it.
    const copy = (await cms.payload.find({ collection: 'articles', where: { slug: { equals: 'duplicate-me-copy' } }, draft: true, overrideAccess: true })).docs[0]
    expect(copy.importKey ?? null).toBeNull()
    expect((await cms.api('/api/articles/slug/duplicate-me-copy')).status).toBe(404)
  })
})

function isJson(text: string): boolean {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

type TypeRef = { kind: string; name: string | null; ofType?: TypeRef | null }

const named = (type: TypeRef): TypeRef => (type.ofType ? named(type.ofType) : type)

/** A value of the argument's type: the first article's id, or something a site could send. */
function sample(type: TypeRef): string {
  const base = named(type)
  if (type.kind === 'LIST' || type.ofType?.kind === 'LIST') return `[${sample({ ...base, kind: base.kind })}]`
  switch (base.name) {
    case 'Int':
    case 'Float':
      return String(article.id)
    case 'Boolean':
      return 'true'
    default:
      return JSON.stringify(String(article.id))
  }
}

/** The smallest selection a field of this type needs: scalars as they are, objects by one scalar field. */
async function selectionFor(type: TypeRef, types: Map<string, { kind: string; fields: { name: string; type: TypeRef }[] | null }>, depth = 0): Promise<string> {
  const base = named(type)
  if (base.kind === 'SCALAR' || base.kind === 'ENUM') return ''
  if (!types.has(base.name!)) {
    const answer = await (
      await cms.api('/api/graphql', {
        method: 'POST',
        ...json({
          query: `{ __type(name: ${JSON.stringify(base.name)}) { kind fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }`,
        }),
      })
    ).json()
    types.set(base.name!, answer.data.__type)
  }
  const described = types.get(base.name!)!
  if (base.kind === 'UNION' || !described.fields) return ' { __typename }'
  const scalar = described.fields.find((field) => ['SCALAR', 'ENUM'].includes(named(field.type).kind))
  if (scalar) return ` { ${scalar.name} }`
  if (depth > 3) return ' { __typename }'
  const first = described.fields[0]
  return ` { ${first.name}${await selectionFor(first.type, types, depth + 1)} }`
}
