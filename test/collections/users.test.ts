import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms

beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(async () => {
  await cms.stop()
})

const login = (email: string, password: string) => cms.api('/api/users/login', { method: 'POST', ...json({ email, password }) })

describe('staff accounts and roles', () => {
  let adminHeaders: Record<string, string>
  let editor: Awaited<ReturnType<typeof signIn>>

  test('the first account, made on the create-first-user screen, becomes admin whatever it asks for', async () => {
    const response = await cms.api('/api/users/first-register', {
      method: 'POST',
      ...json({ email: 'owner@clinic.test', password: 'owner-password-long', roles: ['editor'] }),
    })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.user.roles).toEqual(['admin'])
    adminHeaders = { Authorization: `JWT ${body.token}` }
  })

  test('the create-first-user screen cannot be used a second time', async () => {
    const response = await cms.api('/api/users/first-register', {
      method: 'POST',
      ...json({ email: 'intruder@clinic.test', password: 'intruder-password' }),
    })
    expect(response.status).toBe(403)
  })

  test('an admin adds an editor', async () => {
    const response = await cms.api('/api/users', {
      method: 'POST',
      ...json({ email: 'editor@clinic.test', password: 'editor-password-long', roles: ['editor'], name: 'Sam Editor' }, adminHeaders),
    })
    expect(response.status).toBe(201)
    expect((await response.json()).doc.roles).toEqual(['editor'])
    editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
  })

  test('an editor cannot add staff', async () => {
    const response = await cms.api('/api/users', {
      method: 'POST',
      ...json({ email: 'friend@clinic.test', password: 'friend-password-long', roles: ['admin'] }, editor.headers),
    })
    expect(response.status).toBe(403)
  })

  test('an editor cannot change their own role', async () => {
    const response = await cms.api(`/api/users/${editor.id}`, { method: 'PATCH', ...json({ roles: ['admin'], name: 'Sam E.' }, editor.headers) })
    expect(response.status).toBe(200)
    const stored = await cms.payload.findByID({ collection: 'users', id: editor.id, overrideAccess: true })
    expect(stored.roles).toEqual(['editor'])
    expect(stored.name).toBe('Sam E.')
  })

  test("an editor cannot change another user's account or role", async () => {
    const owner = await cms.payload.find({ collection: 'users', where: { email: { equals: 'owner@clinic.test' } }, overrideAccess: true })
    const ownerId = owner.docs[0].id
    const response = await cms.api(`/api/users/${ownerId}`, { method: 'PATCH', ...json({ roles: ['editor'] }, editor.headers) })
    expect([403, 404]).toContain(response.status)
    const stored = await cms.payload.findByID({ collection: 'users', id: ownerId, overrideAccess: true })
    expect(stored.roles).toEqual(['admin'])
  })

  test('an editor cannot delete accounts; an admin can', async () => {
    const extra = await cms.payload.create({
      collection: 'users',
      data: { email: 'leaving@clinic.test', password: 'leaving-password-long', roles: ['editor'] } as never,
      overrideAccess: true,
    })
    expect((await cms.api(`/api/users/${extra.id}`, { method: 'DELETE', headers: editor.headers })).status).toBe(403)
    expect((await cms.api(`/api/users/${extra.id}`, { method: 'DELETE', headers: adminHeaders })).status).toBe(200)
  })

  test('an admin changes an editor into an admin', async () => {
    const response = await cms.api(`/api/users/${editor.id}`, { method: 'PATCH', ...json({ roles: ['admin'] }, adminHeaders) })
    expect(response.status).toBe(200)
    expect((await response.json()).doc.roles).toEqual(['admin'])
  })
})

describe('login lockout', () => {
  test('a wrong password is refused with a clear message', async () => {
    const response = await login('owner@clinic.test', 'wrong-password')
    expect(response.status).toBe(401)
    expect((await response.json()).errors[0].message).toMatch(/email or password.*incorrect/i)
  })

  test('after five failures the account is locked, even for the right password', async () => {
    await cms.payload.create({
      collection: 'users',
      data: { email: 'target@clinic.test', password: 'target-password-long', roles: ['editor'] } as never,
      overrideAccess: true,
    })
    for (let attempt = 0; attempt < 5; attempt++) await login('target@clinic.test', `guess-${attempt}`)
    const response = await login('target@clinic.test', 'target-password-long')
    expect(response.status).toBe(401)
    expect((await response.json()).errors[0].message).toMatch(/locked/i)
  })
})
