/**
 * Sign-in, password reset and unlocking are guarded inside Payload's auth operations, so every
 * route that reaches them is limited and audited alike, and answers tell nothing of which
 * accounts exist.
 */
import { SIGN_IN_FAILED_MESSAGE } from '../../src/auth/sign-in-guard'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'
import { afterTransactionsSettled } from '../../src/publishing/after-transaction'

let cms: TestCms
let admin: Awaited<ReturnType<typeof signIn>>
let editor: Awaited<ReturnType<typeof signIn>>
let contributor: Awaited<ReturnType<typeof signIn>>

beforeAll(async () => {
  process.env.LOGIN_ATTEMPTS_PER_ACCOUNT = '3'
  process.env.LOGIN_ATTEMPTS_PER_IP = '100'
  cms = await startTestCms()
  admin = await signIn(cms, { email: 'admin@signin.test', password: 'a-long-admin-password', roles: ['admin'] })
  editor = await signIn(cms, { email: 'editor@signin.test', password: 'a-long-editor-password', roles: ['editor'] })
  contributor = await signIn(cms, { email: 'contributor@signin.test', password: 'a-long-contributor-password', roles: ['contributor'] })
})
afterAll(async () => {
  delete process.env.LOGIN_ATTEMPTS_PER_ACCOUNT
  delete process.env.LOGIN_ATTEMPTS_PER_IP
  await cms.stop()
})

type Attempt = { status: number; message: string; retryAfter: string | null }

/** Every way a client can reach Payload's sign-in: REST under several spellings of its path, and GraphQL. */
const SIGN_IN_ROUTES: Record<string, (email: string, password: string) => Promise<Attempt>> = {
  'REST /api/users/login': (email, password) => restLogin('/api/users/login', email, password),
  'REST with a trailing slash': (email, password) => restLogin('/api/users/login/', email, password),
  'REST with a doubled slash': (email, password) => restLogin('/api//users//login', email, password),
  'REST with a query string': (email, password) => restLogin('/api/users/login?depth=0', email, password),
  'REST with a percent-encoded path': (email, password) => restLogin('/api/%75sers/log%69n', email, password),
  'GraphQL loginUser': async (email, password) => {
    const response = await cms.api('/api/graphql', {
      method: 'POST',
      ...json({ query: `mutation { loginUser(email: ${JSON.stringify(email)}, password: ${JSON.stringify(password)}) { token } }` }),
    })
    const body = await response.json()
    const error = body.errors?.[0]
    return { status: error ? error.extensions.statusCode : 200, message: error?.message ?? '', retryAfter: response.headers.get('retry-after') }
  },
}

async function restLogin(path: string, email: string, password: string): Promise<Attempt> {
  const response = await cms.api(path, { method: 'POST', ...json({ email, password }) })
  const body = await response.json()
  return { status: response.status, message: body.errors?.[0]?.message ?? '', retryAfter: response.headers.get('retry-after') }
}

async function auditEntries(email: string) {
  // Entries are written just after the answer (off the request's path).
  await afterTransactionsSettled(cms.payload)
  const { docs } = await cms.payload.find({ collection: 'audit-log', where: { userEmail: { equals: email } }, sort: 'at', limit: 100, overrideAccess: true })
  return docs.map((entry) => `${entry.action} ${entry.summary}`)
}

describe('every route to the sign-in', () => {
  test.each(Object.entries(SIGN_IN_ROUTES))('%s reaches it, and is audited (success and failure)', async (route, login) => {
    const email = `${route.replace(/[^a-z]+/gi, '-').toLowerCase()}@signin.test`
    await signIn(cms, { email, password: 'the-right-password-1', roles: ['contributor'] })
    const failed = await login(email, 'a-wrong-password')
    expect(failed).toMatchObject({ status: 401, message: SIGN_IN_FAILED_MESSAGE })
    expect((await login(email, 'the-right-password-1')).status).toBe(200)
    const entries = await auditEntries(email)
    expect(entries).toEqual(expect.arrayContaining([`login-failed failed sign-in ${email} (HTTP 401)`, `login sign-in ${email}`]))
  })

  test('failed attempts against one account are counted across all routes: the fourth, by any route, gets 429', async () => {
    const email = 'target@signin.test'
    await signIn(cms, { email, password: 'the-right-password-2', roles: ['editor'] })
    const routes = Object.values(SIGN_IN_ROUTES)
    const answers = []
    for (const login of [routes[0], routes[2], routes[5]]) answers.push((await login(email, 'a-wrong-password')).status)
    expect(answers).toEqual([401, 401, 401])
    for (const login of [routes[1], routes[4], routes[5]]) {
      const limited = await login(email, 'a-wrong-password')
      expect(limited.status).toBe(429)
      expect(limited.message).toMatch(/Too many failed sign-in attempts for this account\. Try again in \d+ seconds/)
    }
    expect(Number((await routes[0](email, 'a-wrong-password')).retryAfter)).toBeGreaterThan(0)
    expect(await auditEntries(email)).toContain(`login-failed failed sign-in ${email} (HTTP 429)`)
  })
})

describe('an answer tells nothing of which accounts exist', () => {
  test('unknown account, wrong password and locked account: the same status and message', async () => {
    await signIn(cms, { email: 'locked@signin.test', password: 'the-right-password-3', roles: ['editor'] })
    const user = (await cms.payload.find({ collection: 'users', where: { email: { equals: 'locked@signin.test' } }, overrideAccess: true })).docs[0]
    await cms.payload.db.updateOne({ collection: 'users', id: user.id, data: { loginAttempts: 5, lockUntil: new Date(Date.now() + 600_000).toISOString() } })
    const answers = await Promise.all([
      restLogin('/api/users/login', 'nobody-here@signin.test', 'whatever-password'),
      restLogin('/api/users/login', 'editor@signin.test', 'a-wrong-password'),
      restLogin('/api/users/login', 'locked@signin.test', 'the-right-password-3'),
    ])
    expect(answers.map(({ status, message }) => ({ status, message }))).toEqual(answers.map(() => ({ status: 401, message: SIGN_IN_FAILED_MESSAGE })))
  })

  test('a wrong password costs the same time whether or not the account exists (or is locked)', async () => {
    const time = async (email: string) => {
      const started = process.hrtime.bigint()
      await restLogin('/api/users/login', email, 'a-wrong-password')
      return Number(process.hrtime.bigint() - started) / 1e6
    }
    const accounts = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => signIn(cms, { email: `timing-${n}@signin.test`, password: 'the-right-password-4', roles: ['contributor'] }).then(() => `timing-${n}@signin.test`)),
    )
    const existing: number[] = []
    const unknown: number[] = []
    const locked: number[] = []
    // Interleaved, so the machine's noise falls on all three alike; compared as ratios of medians.
    const lockedAccounts = await Promise.all(
      accounts.map(async (_email, i) => {
        const user = await cms.payload.create({
          collection: 'users',
          data: { email: `timing-locked-${i}@signin.test`, password: 'the-right-password-4', roles: ['editor'] } as never,
          overrideAccess: true,
        })
        await cms.payload.db.updateOne({ collection: 'users', id: user.id, data: { loginAttempts: 5, lockUntil: new Date(Date.now() + 600_000).toISOString() } })
        return user.email as string
      }),
    )
    for (const [i, email] of accounts.entries()) {
      existing.push(await time(email))
      unknown.push(await time(`no-such-account-${i}@signin.test`))
      locked.push(await time(lockedAccounts[i]))
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
    const ratio = median(unknown) / median(existing)
    const lockedRatio = median(locked) / median(existing)
    expect(ratio).toBeGreaterThan(0.5)
    expect(ratio).toBeLessThan(2)
    expect(lockedRatio).toBeGreaterThan(0.5)
    expect(lockedRatio).toBeLessThan(2)
  })
})

describe('unlocking accounts', () => {
  async function lockedAccount(email: string) {
    await signIn(cms, { email, password: 'the-right-password-5', roles: ['editor'] })
    const user = (await cms.payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true })).docs[0]
    await cms.payload.db.updateOne({ collection: 'users', id: user.id, data: { loginAttempts: 5, lockUntil: new Date(Date.now() + 600_000).toISOString() } })
    return user.id
  }
  const lockUntil = async (id: string | number) =>
    (await cms.payload.db.findOne<{ id: number; lockUntil?: string | null }>({ collection: 'users', where: { id: { equals: id } } }))?.lockUntil ?? null

  const UNLOCK_ROUTES = {
    REST: (email: string, headers: Record<string, string>) =>
      cms.api('/api/users/unlock', { method: 'POST', ...json({ email }, headers) }).then(async (response) => ({ status: response.status })),
    GraphQL: (email: string, headers: Record<string, string>) =>
      cms
        .api('/api/graphql', { method: 'POST', ...json({ query: `mutation { unlockUser(email: ${JSON.stringify(email)}) }` }, headers) })
        .then((response) => response.json())
        .then((body) => ({ status: body.errors ? body.errors[0].extensions.statusCode : 200 })),
  }
  const matrix = (['REST', 'GraphQL'] as const).flatMap((route) => (['anonymous', 'contributor', 'editor', 'admin'] as const).map((role) => [route, role] as const))

  test.each(matrix)('%s unlock as %s', async (route, role) => {
    const email = `locked-${route}-${role}@signin.test`.toLowerCase()
    const id = await lockedAccount(email)
    const headers = role === 'anonymous' ? {} : { admin, editor, contributor }[role].headers
    const answer = await UNLOCK_ROUTES[route](email, headers)
    if (role === 'admin') {
      expect(answer.status).toBe(200)
      expect(await lockUntil(id)).toBeNull()
      await afterTransactionsSettled(cms.payload)
      const entries = await cms.payload.find({
        collection: 'audit-log',
        where: { and: [{ action: { equals: 'unlock' } }, { summary: { equals: `unlock ${email}` } }] },
        overrideAccess: true,
      })
      expect(entries.docs[0]).toMatchObject({ userEmail: 'admin@signin.test' })
    } else {
      expect([401, 403]).toContain(answer.status)
      expect(await lockUntil(id)).not.toBeNull()
    }
  })
})

describe('limits per address cover every route, password resets included', () => {
  test('guesses across many accounts and routes from one address end in 429, and a GraphQL password reset shares the budget', async () => {
    const routes = Object.values(SIGN_IN_ROUTES)
    let status = 0
    for (let i = 0; i < 120 && status !== 429; i++) status = (await routes[i % routes.length](`guess-${i}@signin.test`, 'password-guess')).status
    expect(status).toBe(429)
    const reset = await cms.api('/api/graphql', { method: 'POST', ...json({ query: 'mutation { forgotPasswordUser(email: "editor@signin.test") }' }) })
    expect((await reset.json()).errors[0].extensions.statusCode).toBe(429)
    const restReset = await cms.api('/api/users//forgot-password/', { method: 'POST', ...json({ email: 'editor@signin.test' }) })
    expect(restReset.status).toBe(429)
  })
})
