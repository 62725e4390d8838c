import { lexicalDocument, paragraph } from '../../src/richtext/lexical-nodes'
import { REVIEW } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
let editor: Awaited<ReturnType<typeof signIn>>

beforeAll(async () => {
  cms = await startTestCms()
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'a-long-editor-password' })
})
afterAll(async () => {
  await cms.stop()
})

const draft = (clinicalReview: Record<string, unknown> = {}) => ({
  title: 'Ketamine and the brain',
  body: lexicalDocument([paragraph('Neuroplasticity, explained.')]),
  clinicalReview,
  _status: 'draft',
})

describe('the clinical review gate', () => {
  test('a draft may be saved without a review', async () => {
    const response = await cms.api('/api/articles?draft=true', { method: 'POST', ...json(draft(), editor.headers) })
    expect(response.status).toBe(201)
  })

  test('publishing without a reviewer or review date fails and says what is missing', async () => {
    const created = await (await cms.api('/api/articles?draft=true', { method: 'POST', ...json({ ...draft(), slug: 'gate-1' }, editor.headers) })).json()
    const response = await cms.api(`/api/articles/${created.doc.id}`, { method: 'PATCH', ...json({ _status: 'published' }, editor.headers) })
    expect(response.status).toBe(400)
    const body = await response.json()
    const details = body.errors[0].data.errors
    expect(details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'clinicalReview.reviewerName', message: 'Add the clinical reviewer before publishing.' }),
        expect.objectContaining({ path: 'clinicalReview.reviewedAt', message: 'Add the date of the clinical review before publishing.' }),
      ]),
    )
    expect((await cms.api(`/api/articles/${created.doc.id}`)).status).toBe(404)
  })

  test('publishing with only the reviewer names the missing date', async () => {
    const response = await cms.api('/api/articles', {
      method: 'POST',
      ...json({ ...draft({ reviewerName: 'Dr. Chen' }), slug: 'gate-2', _status: 'published' }, editor.headers),
    })
    expect(response.status).toBe(400)
    const paths = (await response.json()).errors[0].data.errors.map((error: { path: string }) => error.path)
    expect(paths).toEqual(['clinicalReview.reviewedAt'])
  })

  test('a reviewed article publishes and gets its published date', async () => {
    const response = await cms.api('/api/articles', {
      method: 'POST',
      ...json({ ...draft(REVIEW), slug: 'gate-3', _status: 'published' }, editor.headers),
    })
    expect(response.status).toBe(201)
    const publicDoc = await (await cms.api('/api/articles/slug/gate-3')).json()
    expect(publicDoc.clinicalReview.reviewerName).toBe(REVIEW.reviewerName)
    expect(new Date(publicDoc.publishedDate).getTime()).toBeGreaterThan(Date.now() - 60_000)
    expect(publicDoc.disclaimer).toMatch(/not medical advice/)

    // Clearing the date of a published article keeps the date it had: listings page by it.
    const cleared = await cms.api(`/api/articles/${publicDoc.id}`, { method: 'PATCH', ...json({ publishedDate: null, _status: 'published' }, editor.headers) })
    expect(cleared.status).toBe(200)
    expect((await (await cms.api('/api/articles/slug/gate-3')).json()).publishedDate).toBe(publicDoc.publishedDate)
  })

  test('switching the disclaimer off removes it from what sites receive', async () => {
    await cms.api('/api/articles', {
      method: 'POST',
      ...json({ ...draft({ ...REVIEW, showDisclaimer: false }), slug: 'no-disclaimer', _status: 'published' }, editor.headers),
    })
    const publicDoc = await (await cms.api('/api/articles/slug/no-disclaimer')).json()
    expect(publicDoc.disclaimer).toBeNull()
  })
})

describe('who may publish', () => {
  test('a contributor saves drafts but cannot publish', async () => {
    const intern = await signIn(cms, { email: 'contributor@clinic.test', password: 'a-long-contributor-password', roles: ['contributor'] })
    const saved = await cms.api('/api/benefit-lists?draft=true', {
      method: 'POST',
      ...json({ title: 'Draft by intern', items: [{ label: 'Calm' }], _status: 'draft' }, intern.headers),
    })
    expect(saved.status).toBe(201)
    const { doc } = await saved.json()
    const publish = await cms.api(`/api/benefit-lists/${doc.id}`, { method: 'PATCH', ...json({ _status: 'published' }, intern.headers) })
    expect(publish.status).toBe(403)
    expect((await publish.json()).errors[0].message).toMatch(/can save drafts but not publish/)
    expect((await cms.api(`/api/benefit-lists/${doc.id}`)).status).toBe(404)
  })
})
