import { startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms

beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(async () => {
  await cms.stop()
})

describe('the Express server, over real HTTP', () => {
  test('/healthz says the process is up', async () => {
    const response = await cms.api('/healthz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
  })

  test('/readyz says the database answers', async () => {
    const response = await cms.api('/readyz')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ready', database: 'up' })
  })

  test('REST answers JSON at /api, and anonymous visitors cannot list staff', async () => {
    const response = await cms.api('/api/users')
    expect(response.status).toBe(403)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect((await response.json()).errors[0].message).toMatch(/not allowed/i)
  })

  test('GraphQL answers at /api/graphql', async () => {
    const response = await cms.api('/api/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
    })
    expect(response.status).toBe(200)
    expect((await response.json()).data.__schema.queryType.name).toBe('Query')
  })

  test('outside production the GraphQL playground is served', async () => {
    const response = await cms.api('/api/graphql-playground')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/text\/html/)
  })

  test('an unknown route gets a JSON 404 that names it', async () => {
    const response = await cms.api('/no/such/page')
    expect(response.status).toBe(404)
    expect(await response.json()).toEqual({ errors: [{ message: 'Not found: GET /no/such/page' }] })
  })

  test('a malformed JSON body gets a 400 JSON error without a stack trace', async () => {
    const response = await cms.api('/api/users/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "a@b.c", ',
    })
    expect(response.status).toBe(400)
    const text = await response.text()
    expect(JSON.parse(text).errors[0].message).toMatch(/json/i)
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/)
  })

  test('responses do not advertise the framework', async () => {
    const response = await cms.api('/healthz')
    expect(response.headers.get('x-powered-by')).toBeNull()
  })

  test('/ sends people to the admin UI', async () => {
    const response = await cms.api('/', { redirect: 'manual' })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/admin')
  })
})
