/**
 * What the public sees of images, who may change them, who holds document locks, and who may
 * touch the collections that are not content (staff, webhooks, logs, jobs), by role.
 */
import fs from 'node:fs'

import { PLACEHOLDER_IMAGE } from '../../src/import/seed-content'
import { lexicalDocument, paragraph, upload as uploadNode } from '../../src/richtext/lexical-nodes'
import { contentData, createContent, REVIEW } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
const ROLES = ['anonymous', 'contributor', 'editor', 'admin'] as const
type Role = (typeof ROLES)[number]
const users: Partial<Record<Exclude<Role, 'anonymous'>, { id: string | number; headers: Record<string, string> }>> = {}
const headersOf = (role: Role) => (role === 'anonymous' ? {} : users[role]!.headers)

beforeAll(async () => {
  cms = await startTestCms()
  for (const role of ['admin', 'editor', 'contributor'] as const) {
    users[role] = await signIn(cms, { email: `${role}@images.test`, password: `a-long-${role}-password`, roles: [role] })
  }
})
afterAll(() => cms.stop())

async function uploadImage(role: Role, alt: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(fs.readFileSync(PLACEHOLDER_IMAGE))], { type: 'image/jpeg' }), 'waterfall.jpg')
  form.append('_payload', JSON.stringify({ alt }))
  const response = await cms.api('/api/media', { method: 'POST', headers: headersOf(role), body: form })
  return { status: response.status, body: await response.json() }
}

async function publicView(image: { id: string | number; filename: string }) {
  const [one, list, file] = await Promise.all([
    cms.api(`/api/media/${image.id}`),
    cms.api('/api/media?limit=100').then((response) => response.text()),
    cms.api(`/api/media/file/${image.filename}`),
  ])
  return { one: one.status, listed: list.includes(`"id":${JSON.stringify(image.id)}`), file: file.status }
}

describe('images are public once published content shows them', () => {
  test("a contributor's upload for a draft is not public: not listed, not served, alt text unread", async () => {
    const { status, body } = await uploadImage('contributor', 'SECRET-ALT-for-a-draft')
    expect(status).toBe(201)
    expect(body.doc.usedByPublishedContent).toBe(false)
    await cms.api('/api/articles?draft=true', {
      method: 'POST',
      ...json({ ...contentData('articles', 'Draft with image', 'draft'), heroImage: body.doc.id }, users.contributor!.headers),
    })
    expect(await publicView(body.doc)).toEqual({ one: 404, listed: false, file: 403 })
    expect(await (await cms.api('/api/media?where[alt][like]=SECRET')).text()).not.toContain('SECRET-ALT')
    // Staff see it.
    expect((await cms.api(`/api/media/${body.doc.id}`, { headers: users.contributor!.headers })).status).toBe(200)
  })

  test.each([
    ['as an article hero image', (id: string | number) => ({ collection: 'articles' as const, data: { heroImage: id } })],
    ['inside an article body', (id: string | number) => ({ collection: 'articles' as const, data: { body: lexicalDocument([paragraph('Look:'), uploadNode('media', id)]) } })],
    ['inside an FAQ answer', (id: string | number) => ({ collection: 'faqs' as const, data: { answer: lexicalDocument([uploadNode('media', id)]) } })],
  ])('publishing content that shows it %s makes it public', async (_where, use) => {
    const { body } = await uploadImage('contributor', 'A waterfall')
    const { collection, data } = use(body.doc.id)
    const draft = await cms.api(`/api/${collection}?draft=true`, {
      method: 'POST',
      ...json({ ...contentData(collection, 'Uses the image', 'draft', { review: false }), ...data }, users.contributor!.headers),
    })
    expect(draft.status).toBe(201)
    expect((await publicView(body.doc)).one).toBe(404)
    const { doc } = await draft.json()
    // The editor publishes, entering the (outside) clinical review an article needs.
    const review = collection === 'articles' ? { clinicalReview: REVIEW } : {}
    const publish = await cms.api(`/api/${collection}/${doc.id}`, { method: 'PATCH', ...json({ ...review, _status: 'published' }, users.editor!.headers) })
    expect(publish.status).toBe(200)
    expect(await publicView(body.doc)).toEqual({ one: 200, listed: true, file: 200 })
  })

  test('once public, replacing or editing the image needs a publishing role; before, its uploader may', async () => {
    const { body } = await uploadImage('contributor', 'First alt text')
    const id = body.doc.id
    const patch = (role: Role, alt: string) => cms.api(`/api/media/${id}`, { method: 'PATCH', ...json({ alt }, headersOf(role)) })
    expect((await patch('contributor', 'Better alt text, still private')).status).toBe(200)
    await createContent(cms.payload, 'articles', { title: 'Shows the image' }).then((article) =>
      cms.payload.update({ collection: 'articles', id: article.id, data: { heroImage: id } as never, overrideAccess: true }),
    )
    const refused = await patch('contributor', 'DEFACED')
    expect(refused.status).toBe(403)
    expect((await refused.json()).errors[0].message).toMatch(/shown on published pages/)
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(fs.readFileSync(PLACEHOLDER_IMAGE))], { type: 'image/jpeg' }), 'replacement.jpg')
    const replaced = await cms.api(`/api/media/${id}`, { method: 'PATCH', headers: users.contributor!.headers, body: form })
    expect(replaced.status).toBe(403)
    const stored = await cms.payload.findByID({ collection: 'media', id, overrideAccess: true })
    expect({ alt: stored.alt, filename: stored.filename }).toEqual({ alt: 'Better alt text, still private', filename: body.doc.filename })
    expect((await patch('editor', 'Alt text an editor fixed')).status).toBe(200)
    const gql = await cms.api('/api/graphql', {
      method: 'POST',
      ...json({ query: `mutation { updateMedia(id: ${JSON.stringify(id)}, data: { alt: "DEFACED" }) { id } }` }, users.contributor!.headers),
    })
    expect((await gql.json()).errors[0].extensions.statusCode).toBe(403)
    expect((await cms.payload.findByID({ collection: 'media', id, overrideAccess: true })).alt).toBe('Alt text an editor fixed')
  })

  test('the public flag cannot be set over the API', async () => {
    const { body } = await uploadImage('editor', 'Tries to make itself public')
    await cms.api(`/api/media/${body.doc.id}`, { method: 'PATCH', ...json({ usedByPublishedContent: true }, users.admin!.headers) })
    expect((await cms.payload.findByID({ collection: 'media', id: body.doc.id, overrideAccess: true })).usedByPublishedContent).toBe(false)
    expect((await cms.api(`/api/media/${body.doc.id}`)).status).toBe(404)
  })
})

describe('document locks: held by their holder only', () => {
  const lockOf = (userId: string | number, documentId: string | number) => ({
    document: { relationTo: 'articles', value: documentId },
    user: { relationTo: 'users', value: userId },
  })

  test.each(ROLES)("%s cannot create a lock in another user's name", async (role) => {
    const article = await createContent(cms.payload, 'articles')
    const response = await cms.api('/api/payload-locked-documents', { method: 'POST', ...json(lockOf(users.editor!.id, article.id), headersOf(role)) })
    // The editor may lock in their own name: that case is below.
    if (role === 'editor') return expect(response.status).toBe(201)
    expect(response.status).toBe(403)
    expect((await cms.payload.count({ collection: 'payload-locked-documents', where: { 'document.value': { equals: article.id } }, overrideAccess: true })).totalDocs).toBe(0)
  })

  test.each([
    ['contributor', 403],
    ['editor', 200],
    ['admin', 200],
    ['anonymous', 403],
  ] as const)("others see a lock; deleting the editor's lock as %s answers %i", async (role, status) => {
    const article = await createContent(cms.payload, 'articles')
    const created = await cms.api('/api/payload-locked-documents', { method: 'POST', ...json(lockOf(users.editor!.id, article.id), users.editor!.headers) })
    const lock = (await created.json()).doc
    if (role === 'contributor') {
      const seen = await cms.api(`/api/payload-locked-documents?where[document.value][equals]=${article.id}`, { headers: users.contributor!.headers })
      expect((await seen.json()).totalDocs).toBe(1)
    }
    const response = await cms.api(`/api/payload-locked-documents/${lock.id}`, { method: 'DELETE', headers: headersOf(role) })
    expect(response.status).toBe(status)
    const left = (await cms.payload.count({ collection: 'payload-locked-documents', where: { id: { equals: lock.id } }, overrideAccess: true })).totalDocs
    expect(left).toBe(status === 200 ? 0 : 1)
  })

  test('a lock cannot be handed to someone else, nor taken over by a non-admin', async () => {
    const article = await createContent(cms.payload, 'articles')
    const lock = (await (await cms.api('/api/payload-locked-documents', { method: 'POST', ...json(lockOf(users.editor!.id, article.id), users.editor!.headers) })).json()).doc
    const handOver = await cms.api(`/api/payload-locked-documents/${lock.id}`, {
      method: 'PATCH',
      ...json({ user: { relationTo: 'users', value: users.contributor!.id } }, users.editor!.headers),
    })
    expect(handOver.status).toBe(403)
    const takeOver = await cms.api(`/api/payload-locked-documents/${lock.id}`, {
      method: 'PATCH',
      ...json({ user: { relationTo: 'users', value: users.contributor!.id } }, users.contributor!.headers),
    })
    expect(takeOver.status).toBe(403)
    const adminTakesOver = await cms.api(`/api/payload-locked-documents/${lock.id}`, {
      method: 'PATCH',
      ...json({ user: { relationTo: 'users', value: users.admin!.id } }, users.admin!.headers),
    })
    expect(adminTakesOver.status).toBe(200)
    const stored = await cms.payload.findByID({ collection: 'payload-locked-documents', id: lock.id, depth: 0, overrideAccess: true })
    expect((stored.user as { value: unknown }).value).toBe(users.admin!.id)
  })
})

/** Generated: the collections that are not content, every role, every write and a read. */
describe('staff, settings and logs, by role', () => {
  type Operation = 'read' | 'create' | 'update' | 'delete'
  const RULES: Record<string, { may: Record<Operation, Role[]>; data: () => Record<string, unknown> | Promise<Record<string, unknown>> }> = {
    webhooks: { may: { read: ['admin'], create: ['admin'], update: ['admin'], delete: ['admin'] }, data: () => ({ name: 'Site rebuild', url: 'https://clinic.example/hook' }) },
    'webhook-deliveries': {
      may: { read: ['admin'], create: [], update: [], delete: [] },
      data: async () => ({
        webhook: (await cms.payload.create({ collection: 'webhooks', data: { name: 'Hook', url: 'https://clinic.example/hook' } as never, overrideAccess: true })).id,
        event: 'published',
        documentCollection: 'articles',
        documentId: '1',
        body: '{}',
      }),
    },
    'audit-log': { may: { read: ['admin'], create: [], update: [], delete: [] }, data: () => ({ at: new Date().toISOString(), action: 'login', summary: 'forged' }) },
    'payload-jobs': { may: { read: [], create: [], update: [], delete: [] }, data: () => ({ taskSlug: 'schedulePublish', input: {} }) },
    users: {
      may: { read: ['contributor', 'editor', 'admin'], create: ['admin'], update: ['admin'], delete: ['admin'] },
      data: () => ({ email: `new-${Math.random().toString(36).slice(2)}@clinic.test`, password: 'a-long-new-password', roles: ['contributor'] }),
    },
  }
  const matrix = Object.keys(RULES).flatMap((collection) =>
    (['read', 'create', 'update', 'delete'] as const).flatMap((operation) => ROLES.map((role) => [collection, operation, role] as const)),
  )

  test.each(matrix)('%s: %s as %s', async (collection, operation, role) => {
    const rule = RULES[collection]
    // A document of someone else's to read, update or delete (for users: the other editor's account).
    const target = await cms.payload.create({ collection: collection as 'webhooks', data: (await rule.data()) as never, overrideAccess: true })
    const count = async () => (await cms.payload.count({ collection: collection as 'webhooks', overrideAccess: true })).totalDocs
    const snapshot = async () => JSON.stringify([await count(), await cms.payload.db.findOne({ collection: collection as 'webhooks', where: { id: { equals: target.id } } })])
    const before = await snapshot()
    const headers = headersOf(role)
    const response =
      operation === 'read'
        ? await cms.api(`/api/${collection}/${target.id}`, { headers })
        : operation === 'create'
          ? await cms.api(`/api/${collection}`, { method: 'POST', ...json(await rule.data(), headers) })
          : operation === 'update'
            ? await cms.api(`/api/${collection}/${target.id}`, {
                method: 'PATCH',
                ...json(collection === 'users' ? { name: 'Renamed' } : collection === 'webhooks' ? { name: 'Renamed' } : { summary: 'changed' }, headers),
              })
            : await cms.api(`/api/${collection}/${target.id}`, { method: 'DELETE', headers })
    const allowed = rule.may[operation].includes(role)
    const body = await response.text()
    expect(allowed ? response.status < 300 : [401, 403, 404].includes(response.status)).toBe(true)
    if (operation === 'read') expect(body.includes(`"id":${JSON.stringify(target.id)}`)).toBe(allowed)
    else if (allowed) expect(await snapshot()).not.toBe(before)
    else expect(await snapshot()).toBe(before)
  })
})
