import express from 'express'

import { securityHeaders } from '../../src/server/security-headers'
import { createArticle } from '../helpers/content-fixtures'
import { signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms

beforeAll(async () => {
  process.env.LOGIN_ATTEMPTS_PER_ACCOUNT = '3'
  process.env.LOGIN_ATTEMPTS_PER_IP = '8'
  process.env.ANONYMOUS_READS_PER_MINUTE = '40'
  cms = await startTestCms()
  await createArticle(cms.payload, { title: 'Headers', slug: 'headers' })
})
afterAll(async () => {
  delete process.env.LOGIN_ATTEMPTS_PER_ACCOUNT
  delete process.env.LOGIN_ATTEMPTS_PER_IP
  delete process.env.ANONYMOUS_READS_PER_MINUTE
  await cms.stop()
})

const login = (email: string, password: string) =>
  cms.api('/api/users/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })

describe('security headers', () => {
  test.each([
    '/api/articles/slug/headers',
    '/api/articles/slug/headers',
    '/api/users',
    '/articles/headers',
    '/articles',
    '/healthz',
    '/no/such/page',
    '/api/articles?limit=100000',
  ])('%s carries them', async (path) => {
    const response = await cms.api(path)
    const csp = response.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("frame-ancestors 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(response.headers.get('x-powered-by')).toBeNull()
    // Not production here: no HSTS on plain-HTTP development servers.
    expect(response.headers.get('strict-transport-security')).toBeNull()
  })

  test('HSTS in production', async () => {
    const app = express()
      .use(securityHeaders({ production: true }))
      .get('/', (_req, res) => res.send('ok'))
    const server = app.listen(0)
    await new Promise((resolve) => server.once('listening', resolve))
    const response = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/`)
    server.close()
    expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains')
    expect(response.headers.get('content-security-policy')).not.toContain('unsafe-eval')
  })
})

describe('login rate limits, on top of Payload lockout', () => {
  test('failed attempts against one account get 429 with Retry-After; its owner is not locked out by it elsewhere', async () => {
    await signIn(cms, { email: 'target@clinic.test', password: 'the-right-password-1' })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await login('target@clinic.test', 'wrong-password')).status)
    expect(statuses).toEqual([401, 401, 401])
    const limited = await login('target@clinic.test', 'wrong-password')
    expect(limited.status).toBe(429)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await limited.json()).errors[0].message).toMatch(/Too many failed sign-in attempts for this account\. Try again in \d+ seconds/)
    // Other accounts from the same address still get an answer (until the per-address limit).
    expect((await login('someone-else@clinic.test', 'whatever-password')).status).toBe(401)
  })

  test('attempts from one address across many accounts are limited too', async () => {
    let status = 0
    for (let i = 0; i < 12 && status !== 429; i++) status = (await login(`guess-${i}@clinic.test`, 'password-guess')).status
    expect(status).toBe(429)
    // Password-reset requests share the address's budget.
    const reset = await cms.api('/api/users/forgot-password', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'target@clinic.test' }),
    })
    expect(reset.status).toBe(429)
  })
})

describe('anonymous read limit', () => {
  test('past ANONYMOUS_READS_PER_MINUTE an address gets 429 with Retry-After; signed-in reads are not limited', async () => {
    const editor = await cms.payload.create({
      collection: 'users',
      data: { email: 'reader@clinic.test', password: 'reader-password-long', roles: ['editor'] } as never,
      overrideAccess: true,
    })
    const token = (await cms.payload.login({ collection: 'users', data: { email: 'reader@clinic.test', password: 'reader-password-long' } })).token
    let limited: Response | undefined
    for (let i = 0; i < 60 && !limited; i++) {
      const response = await cms.api('/api/articles/slug/headers')
      if (response.status === 429) limited = response
      else await response.arrayBuffer()
    }
    expect(limited?.status).toBe(429)
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await limited!.json()).errors[0].message).toMatch(/Too many requests/)
    const signedIn = await cms.api('/api/articles/slug/headers', { headers: { Authorization: `JWT ${token}` } })
    expect(signedIn.status).toBe(200)
    // The built-in site's pages read the API through loopback; those reads are not the visitor's.
    expect((await cms.api('/articles/headers')).status).toBe(200)
    expect(editor.id).toBeDefined()
  })
})
