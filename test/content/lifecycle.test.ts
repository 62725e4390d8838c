import { lexicalDocument, paragraph } from '../../src/richtext/lexical-nodes'
import { REVIEW } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
let editor: Awaited<ReturnType<typeof signIn>>
let admin: Awaited<ReturnType<typeof signIn>>

beforeAll(async () => {
  cms = await startTestCms()
  // The first account becomes admin, so the admin signs up first.
  admin = await signIn(cms, { email: 'admin@clinic.test', password: 'a-long-admin-password', roles: ['admin'] })
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'a-long-editor-password' })
})
afterAll(async () => {
  await cms.stop()
})

const send = (method: string, path: string, body?: unknown) => cms.api(path, { method, ...(body === undefined ? { headers: editor.headers } : json(body, editor.headers)) })

const anonymous = async (path: string) => cms.api(path)

/** One valid document of each content type, and an edit to make to it. */
const TYPES = {
  articles: {
    create: () => ({ title: 'Preparing for a first session', body: lexicalDocument([paragraph('Rest and hydrate.')]), clinicalReview: REVIEW }),
    edit: { title: 'Preparing for your first session' },
    field: 'title',
  },
  'benefit-lists': {
    create: () => ({ title: 'After a session', items: [{ label: 'Calm', description: 'A quieter mind.' }, { label: 'Clarity' }] }),
    edit: { title: 'After a session (revised)' },
    field: 'title',
  },
  faqs: {
    create: () => ({ question: 'Is ketamine safe?', answer: lexicalDocument([paragraph('Under medical supervision, yes.')]), topic: 'Safety' }),
    edit: { question: 'Is ketamine therapy safe?' },
    field: 'question',
  },
  'calls-to-action': {
    create: () => ({ heading: 'Ready to talk?', buttonLabel: 'Schedule a consultation', link: { type: 'external', url: 'https://clinic.example/contact' } }),
    edit: { heading: 'Ready when you are' },
    field: 'heading',
  },
} as const

describe.each(Object.entries(TYPES))('%s: create, edit, publish and restore', (collection, spec) => {
  let id: string | number

  test('an editor creates a draft that the public cannot see', async () => {
    const response = await send('POST', `/api/${collection}?draft=true`, { ...spec.create(), _status: 'draft' })
    expect(response.status).toBe(201)
    id = (await response.json()).doc.id
    expect((await anonymous(`/api/${collection}/${id}`)).status).toBe(404)
  })

  test('publishing makes it public', async () => {
    const response = await send('PATCH', `/api/${collection}/${id}`, { _status: 'published' })
    expect(response.status).toBe(200)
    const publicDoc = await (await anonymous(`/api/${collection}/${id}`)).json()
    expect(publicDoc._status).toBe('published')
    expect(publicDoc[spec.field]).toBe((spec.create() as Record<string, unknown>)[spec.field])
  })

  test('an edit saved as a draft stays private until the next publish', async () => {
    const response = await send('PATCH', `/api/${collection}/${id}?draft=true`, { ...spec.edit, _status: 'draft' })
    expect(response.status).toBe(200)
    const publicDoc = await (await anonymous(`/api/${collection}/${id}`)).json()
    expect(publicDoc[spec.field]).toBe((spec.create() as Record<string, unknown>)[spec.field])
    const draft = await (await send('GET', `/api/${collection}/${id}?draft=true`)).json()
    expect(draft[spec.field]).toBe((spec.edit as Record<string, unknown>)[spec.field])

    await send('PATCH', `/api/${collection}/${id}`, { _status: 'published' })
    const republished = await (await anonymous(`/api/${collection}/${id}`)).json()
    expect(republished[spec.field]).toBe((spec.edit as Record<string, unknown>)[spec.field])
  })

  test('restoring the first published version brings back its text', async () => {
    const versions = await (await send('GET', `/api/${collection}/versions?where[parent][equals]=${id}&sort=createdAt&limit=50`)).json()
    const original = versions.docs.find(
      (version: { version: Record<string, unknown> }) =>
        version.version._status === 'published' && version.version[spec.field] === (spec.create() as Record<string, unknown>)[spec.field],
    )
    expect(original).toBeDefined()
    const response = await send('POST', `/api/${collection}/versions/${original.id}`)
    expect(response.status).toBe(200)
    const current = await (await send('GET', `/api/${collection}/${id}?draft=true`)).json()
    expect(current[spec.field]).toBe((spec.create() as Record<string, unknown>)[spec.field])
  })

  test('an editor cannot delete; an admin can', async () => {
    expect((await send('DELETE', `/api/${collection}/${id}`)).status).toBe(403)
    const response = await cms.api(`/api/${collection}/${id}`, { method: 'DELETE', headers: admin.headers })
    expect(response.status).toBe(200)
    expect((await anonymous(`/api/${collection}/${id}`)).status).toBe(404)
  })
})
