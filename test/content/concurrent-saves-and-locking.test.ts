import { createArticle } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
let editor: Awaited<ReturnType<typeof signIn>>

beforeAll(async () => {
  cms = await startTestCms()
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
})
afterAll(() => cms.stop())

test('concurrent saves of one document are each acknowledged and each recorded as a version', async () => {
  const article = await createArticle(cms.payload, { title: 'Contended', slug: 'contended' })
  const versionsBefore = (await cms.payload.countVersions({ collection: 'articles', where: { parent: { equals: article.id } }, overrideAccess: true })).totalDocs
  // Several rounds: on PostgreSQL two saves of one document used to deadlock now and then (a 500).
  const titles: string[] = []
  for (let round = 0; round < 3; round++) {
    const batch = Array.from({ length: 10 }, (_, i) => `Contended, round ${round}, save ${i}`)
    titles.push(...batch)
    const responses = await Promise.all(
      batch.map((title) => cms.api(`/api/articles/${article.id}?draft=true`, { method: 'PATCH', ...json({ title, _status: 'draft' }, editor.headers) })),
    )
    expect(responses.map((response) => response.status)).toEqual(batch.map(() => 200))
  }
  const versions = await cms.payload.findVersions({ collection: 'articles', where: { parent: { equals: article.id } }, limit: 100, overrideAccess: true })
  expect(versions.totalDocs).toBe(versionsBefore + titles.length)
  expect(new Set(versions.docs.map((version) => version.version.title))).toEqual(new Set(['Contended', ...titles]))
  // One version is the latest, and it is what the document reads as.
  const latest = versions.docs.filter((version) => version.latest)
  expect(latest).toHaveLength(1)
  const current = await cms.payload.findByID({ collection: 'articles', id: article.id, draft: true, overrideAccess: true })
  expect(current.title).toBe(latest[0].version.title)
})

test('document locking is on for every content collection', async () => {
  for (const slug of ['articles', 'benefit-lists', 'faqs', 'calls-to-action', 'media'] as const) {
    expect(cms.payload.collections[slug].config.lockDocuments).not.toBe(false)
  }
  expect(cms.payload.collections['payload-locked-documents']).toBeDefined()
  // A lock held by one editor is visible to another through the API the admin UI uses.
  const article = await createArticle(cms.payload, { title: 'Locked', slug: 'locked' })
  const other = await signIn(cms, { email: 'other@clinic.test', password: 'other-editor-password' })
  await cms.payload.create({
    collection: 'payload-locked-documents',
    data: { document: { relationTo: 'articles', value: article.id }, globalSlug: null, user: { relationTo: 'users', value: editor.id } } as never,
    overrideAccess: true,
  })
  const response = await cms.api(`/api/payload-locked-documents?where[document.value][equals]=${article.id}`, { headers: other.headers })
  expect(response.status).toBe(200)
  expect((await response.json()).totalDocs).toBe(1)
})
