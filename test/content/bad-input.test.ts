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

const article = (overrides: Record<string, unknown> = {}) => ({
  title: 'Integration after ketamine',
  body: lexicalDocument([paragraph('Integration matters.')]),
  clinicalReview: REVIEW,
  _status: 'draft',
  ...overrides,
})
const benefitList = (overrides: Record<string, unknown> = {}) => ({ title: 'List', items: [{ label: 'Calm' }], ...overrides })
const callToAction = (link: Record<string, unknown>) => ({ heading: 'Talk to us', buttonLabel: 'Book', link })

type ErrorBody = { errors: { message: string; data?: { errors?: { path: string; message: string }[] } }[] }

/** Posts a document and expects a 400 whose error names the field; and that nothing was stored. */
async function expectRejected(collection: string, body: unknown, fieldPath: string) {
  const before = await cms.payload.count({ collection: collection as 'articles', overrideAccess: true })
  const response = await cms.api(`/api/${collection}?draft=true`, { method: 'POST', ...json(body, editor.headers) })
  expect(response.status).toBe(400)
  const result = (await response.json()) as ErrorBody
  const paths = result.errors.flatMap((error) => error.data?.errors?.map((detail) => detail.path) ?? [])
  expect(paths).toContain(fieldPath)
  expect(result.errors[0].message.toLowerCase().replace(/ /g, '')).toContain(String(fieldPath.split('.').pop()).toLowerCase())
  const after = await cms.payload.count({ collection: collection as 'articles', overrideAccess: true })
  expect(after.totalDocs).toBe(before.totalDocs)
  return result
}

describe('bad input gets a 400 naming the field, and nothing is stored', () => {
  test.each([
    ['spaces and capitals', 'Bad Slug'],
    ['punctuation', 'ketamine?therapy'],
    ['a leading hyphen', '-ketamine'],
    ['double hyphens', 'ketamine--therapy'],
    ['a path', '../admin'],
  ])('a slug with %s', async (_name, slug) => {
    const result = await expectRejected('articles', article({ slug }), 'slug')
    expect(result.errors[0].data?.errors?.[0].message).toMatch(/lower-case letters, digits and single hyphens/)
  })

  test('a duplicate slug', async () => {
    const first = await cms.api('/api/articles?draft=true', { method: 'POST', ...json(article({ slug: 'taken' }), editor.headers) })
    expect(first.status).toBe(201)
    await expectRejected('articles', article({ slug: 'taken', title: 'Another' }), 'slug')
  })

  test('a missing title', async () => {
    await expectRejected('articles', article({ title: undefined, slug: 'no-title' }), 'title')
  })

  test('a title beyond sane limits', async () => {
    await expectRejected('articles', article({ title: 'x'.repeat(5000) }), 'title')
  })

  test('a list item with no label', async () => {
    await expectRejected('benefit-lists', benefitList({ items: [{ label: 'Calm' }, { description: 'No label here' }] }), 'items.1.label')
  })

  test('a list with no items', async () => {
    await expectRejected('benefit-lists', benefitList({ items: [] }), 'items')
  })

  test('an item description beyond sane limits', async () => {
    await expectRejected('benefit-lists', benefitList({ items: [{ label: 'Calm', description: 'y'.repeat(5000) }] }), 'items.0.description')
  })

  test('a citation link that is not a web address', async () => {
    await expectRejected('benefit-lists', benefitList({ items: [{ label: 'Calm', citation: { source: 'A study', url: 'javascript:alert(1)' } }] }), 'items.0.citation.url')
  })

  test.each([
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', '/contact'],
    ['a bare word', 'contact'],
    ['ftp:', 'ftp://files.example.com/a'],
  ])('a call-to-action link using %s', async (_name, url) => {
    await expectRejected('calls-to-action', callToAction({ type: 'external', url }), 'link.url')
  })

  test('an internal call-to-action link with no article', async () => {
    await expectRejected('calls-to-action', callToAction({ type: 'internal' }), 'link.article')
  })

  test.each([
    ['https', 'https://clinic.example/contact'],
    ['tel', 'tel:+15551234567'],
    ['mailto', 'mailto:hello@clinic.example'],
  ])('a %s call-to-action link is accepted', async (_name, url) => {
    const response = await cms.api('/api/calls-to-action?draft=true', { method: 'POST', ...json(callToAction({ type: 'external', url }), editor.headers) })
    expect(response.status).toBe(201)
  })

  test('a next review due before the review itself', async () => {
    await expectRejected('articles', article({ clinicalReview: { ...REVIEW, nextReviewDue: '2025-01-01T00:00:00.000Z' } }), 'clinicalReview.nextReviewDue')
  })
})
