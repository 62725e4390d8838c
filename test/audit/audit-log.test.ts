import { createBenefitList } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'
import { afterTransactionsSettled } from '../../src/publishing/after-transaction'

let cms: TestCms
let admin: Awaited<ReturnType<typeof signIn>>
let editor: Awaited<ReturnType<typeof signIn>>

beforeAll(async () => {
  cms = await startTestCms()
  admin = await signIn(cms, { email: 'admin@clinic.test', password: 'admin-password-long', roles: ['admin'] })
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
})
afterAll(() => cms.stop())

type Entry = { action: string; documentCollection?: string; documentId?: string; changedFields?: string[]; userEmail?: string; ip?: string; summary: string; at: string }

/** Audit entries are written just after the action; wait until `count` matching ones are there. */
async function entries(where: Record<string, string>, count = 1): Promise<Entry[]> {
  const query = Object.entries(where)
    .map(([key, value]) => `where[${key}][equals]=${encodeURIComponent(value)}`)
    .join('&')
  await afterTransactionsSettled(cms.payload)
  const response = await cms.api(`/api/audit-log?${query}&sort=at&limit=100`, { headers: admin.headers })
  expect(response.status).toBe(200)
  const { docs } = await response.json()
  expect(docs.length).toBeGreaterThanOrEqual(count)
  return docs
}

test('create, update (with the fields changed), publish, unpublish, restore and delete are recorded with who and from where', async () => {
  const created = await cms.api('/api/benefit-lists?draft=true', {
    method: 'POST',
    ...json({ title: 'Audited list', items: [{ label: 'Calm' }], _status: 'draft' }, editor.headers),
  })
  expect(created.status).toBe(201)
  const id = String((await created.json()).doc.id)
  const save = (data: Record<string, unknown>) => cms.api(`/api/benefit-lists/${id}`, { method: 'PATCH', ...json(data, editor.headers) })
  expect((await save({ leadIn: 'Clients describe:', _status: 'published' })).status).toBe(200)
  expect((await save({ _status: 'draft' })).status).toBe(200)
  const versions = await (await cms.api(`/api/benefit-lists/versions?where[parent][equals]=${id}&sort=createdAt`, { headers: editor.headers })).json()
  expect((await cms.api(`/api/benefit-lists/versions/${versions.docs[0].id}`, { method: 'POST', headers: editor.headers })).status).toBe(200)
  expect((await cms.api(`/api/benefit-lists/${id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(200)

  const log = await entries({ documentCollection: 'benefit-lists', documentId: id }, 7)
  const actions = log.map((entry) => entry.action)
  expect(actions).toEqual(expect.arrayContaining(['create', 'update', 'publish', 'unpublish', 'restore', 'delete']))
  const publishSave = log.find((entry) => entry.action === 'update' && entry.changedFields?.includes('leadIn'))
  expect(publishSave).toBeDefined()
  expect(log.find((entry) => entry.action === 'publish')?.userEmail).toBe('editor@clinic.test')
  expect(log.find((entry) => entry.action === 'delete')?.userEmail).toBe('admin@clinic.test')
  for (const entry of log) {
    expect(entry.ip).toMatch(/127\.0\.0\.1|::1/)
    expect(Date.parse(entry.at)).not.toBeNaN()
  }
})

test('sign-ins are recorded, failed ones too', async () => {
  const login = (password: string) =>
    cms.api('/api/users/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'editor@clinic.test', password }) })
  expect((await login('wrong-password')).status).toBe(401)
  expect((await login('editor-password-long')).status).toBe(200)
  const log = await entries({ userEmail: 'editor@clinic.test', documentCollection: 'users' }, 3)
  expect(log.map((entry) => entry.action)).toEqual(expect.arrayContaining(['login', 'login-failed']))
  expect(log.find((entry) => entry.action === 'login-failed')?.summary).toContain('HTTP 401')
})

test('role changes of users are recorded', async () => {
  const target = await signIn(cms, { email: 'promoted@clinic.test', password: 'promoted-password', roles: ['contributor'] })
  expect((await cms.api(`/api/users/${target.id}`, { method: 'PATCH', ...json({ roles: ['editor'] }, admin.headers) })).status).toBe(200)
  const log = await entries({ documentCollection: 'users', documentId: String(target.id), action: 'update' })
  expect(log[0].changedFields).toContain('roles')
  expect(log[0].userEmail).toBe('admin@clinic.test')
})

test('only admins read it, and nobody can change or delete an entry over the API', async () => {
  const [entry] = await entries({ action: 'login' })
  expect((await cms.api('/api/audit-log')).status).toBe(403)
  expect((await cms.api('/api/audit-log', { headers: editor.headers })).status).toBe(403)
  expect((await cms.api(`/api/audit-log/${(entry as unknown as { id: string }).id}`, { method: 'PATCH', ...json({ summary: 'nothing happened' }, admin.headers) })).status).toBe(
    403,
  )
  expect((await cms.api(`/api/audit-log/${(entry as unknown as { id: string }).id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(403)
  expect((await cms.api('/api/audit-log', { method: 'POST', ...json({ action: 'login', summary: 'forged', at: new Date().toISOString() }, admin.headers) })).status).toBe(403)
  const graphql = await cms.api('/api/graphql', {
    method: 'POST',
    ...json({ query: `mutation { deleteAuditLog(id: ${JSON.stringify((entry as unknown as { id: string }).id)}) { id } }` }, admin.headers),
  })
  expect(JSON.stringify(await graphql.json())).toMatch(/not allowed|Cannot query field|errors/)
  const still = await cms.api(`/api/audit-log/${(entry as unknown as { id: string }).id}`, { headers: admin.headers })
  expect((await still.json()).summary).toBe(entry.summary)
})

test('a failing audit write never fails or blocks the action it records', async () => {
  const db = cms.payload.db as unknown as { create: (args: { collection: string }) => Promise<unknown> }
  const original = db.create
  db.create = function (this: unknown, args: { collection: string }) {
    if (args.collection === 'audit-log') return Promise.reject(new Error('audit storage unavailable'))
    return original.call(this, args)
  } as typeof db.create
  try {
    const list = await createBenefitList(cms.payload, { title: 'Saved despite the log' })
    const response = await cms.api(`/api/benefit-lists/${list.id}`, { method: 'PATCH', ...json({ leadIn: 'Still saved', _status: 'published' }, editor.headers) })
    expect(response.status).toBe(200)
    expect((await cms.payload.findByID({ collection: 'benefit-lists', id: list.id, overrideAccess: true })).leadIn).toBe('Still saved')
  } finally {
    // The failed write has happened (and been logged) before the database is put back.
    await afterTransactionsSettled(cms.payload)
    db.create = original
  }
})

test('entries past the retention period are removed', async () => {
  const { pruneAuditLog } = await import('../../src/audit/audit-log')
  const old = await cms.payload.create({ collection: 'audit-log', data: { action: 'login', summary: 'long ago', at: '2020-01-01T00:00:00.000Z' }, overrideAccess: true })
  const removed = await pruneAuditLog(cms.payload, 365)
  expect(removed).toBeGreaterThanOrEqual(1)
  expect((await cms.payload.find({ collection: 'audit-log', where: { id: { equals: old.id } }, overrideAccess: true })).docs).toHaveLength(0)
  expect((await cms.payload.count({ collection: 'audit-log', overrideAccess: true })).totalDocs).toBeGreaterThan(0)
})
