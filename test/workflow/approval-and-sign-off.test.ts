/**
 * Review and approval over REST, as the admin UI sends it: a contributor submits a draft, an editor
 * sends it back with a comment or publishes it; the clinical review is a sign-off only a reviewer
 * (or an editor, for an outside reviewer) can record, and a later change of the text shows.
 */
import { lexicalDocument, paragraph } from '../../src/richtext/lexical-nodes'
import { createArticle, REVIEW } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
type Who = { id: string | number; headers: Record<string, string> }
let admin: Who, editor: Who, contributor: Who, reviewer: Who

beforeAll(async () => {
  cms = await startTestCms()
  admin = await signIn(cms, { email: 'admin@workflow.test', password: 'a-long-admin-password', roles: ['admin'] })
  editor = await signIn(cms, { email: 'editor@workflow.test', password: 'a-long-editor-password', roles: ['editor'] })
  contributor = await signIn(cms, { email: 'contributor@workflow.test', password: 'a-long-contributor-password', roles: ['contributor'] })
  reviewer = await signIn(cms, { email: 'reviewer@workflow.test', password: 'a-long-reviewer-password', roles: ['reviewer'] })
})
afterAll(() => cms.stop())

async function send(method: string, path: string, who: Who | undefined, body?: unknown) {
  const response = await cms.api(path, body === undefined ? { method, headers: who?.headers } : { method, ...json(body, who?.headers) })
  return { status: response.status, body: await response.json() }
}

let drafts = 0
const draftBody = (text: string) => ({ body: lexicalDocument([paragraph(text)]), excerpt: 'What to expect.' })

/** A contributor's new draft (each with a title, and so a slug, of its own). */
async function contributorDraft(): Promise<string | number> {
  const created = await send('POST', '/api/articles?draft=true', contributor, {
    title: `Preparing for a first session ${++drafts}`,
    ...draftBody('Eat lightly beforehand.'),
    _status: 'draft',
  })
  expect([created.status, created.body.errors]).toEqual([201, undefined])
  return created.body.doc.id
}

describe('approval', () => {
  test('a contributor submits, an editor sends back with a comment the contributor sees, then approves by publishing', async () => {
    const id = await contributorDraft()

    const submitted = await send('PATCH', `/api/articles/${id}?draft=true`, contributor, { approval: { state: 'submitted' }, _status: 'draft' })
    expect(submitted.status).toBe(200)
    expect(submitted.body.doc.approval).toMatchObject({ state: 'submitted', submittedBy: expect.objectContaining({ id: contributor.id }) })
    expect(submitted.body.doc.approval.submittedAt).toEqual(expect.any(String))

    // A contributor cannot send their own draft back or write the editor's comment.
    const selfReturn = await send('PATCH', `/api/articles/${id}?draft=true`, contributor, { approval: { state: 'changesRequested', comment: 'fine' }, _status: 'draft' })
    expect(selfReturn.status).toBe(403)
    expect(selfReturn.body.errors[0].message).toMatch(/^approval\.comment/)
    const stateOnly = await send('PATCH', `/api/articles/${id}?draft=true`, contributor, { approval: { state: 'changesRequested' }, _status: 'draft' })
    expect(stateOnly.status).toBe(403)
    expect(stateOnly.body.errors[0].message).toMatch(/^approval\.state: only admin or editor roles send a draft back/)

    // Sending back needs a comment, named as the field to fill in; nothing is written without it.
    const bare = await send('PATCH', `/api/articles/${id}?draft=true`, editor, { approval: { state: 'changesRequested' }, _status: 'draft' })
    expect(bare.status).toBe(400)
    expect(bare.body.errors[0].data.errors[0]).toMatchObject({ path: 'approval.comment' })
    expect((await send('GET', `/api/articles/${id}?draft=true`, contributor)).body.approval.state).toBe('submitted')

    const back = await send('PATCH', `/api/articles/${id}?draft=true`, editor, {
      approval: { state: 'changesRequested', comment: 'Add what to bring on the day.' },
      _status: 'draft',
    })
    expect(back.status).toBe(200)
    const seen = (await send('GET', `/api/articles/${id}?draft=true`, contributor)).body
    expect(seen.approval).toMatchObject({ state: 'changesRequested', comment: 'Add what to bring on the day.', decidedBy: expect.objectContaining({ id: editor.id }) })

    // The contributor edits and submits again; the comment stays until the editor decides.
    const again = await send('PATCH', `/api/articles/${id}?draft=true`, contributor, {
      ...draftBody('Eat lightly; bring water and a blanket.'),
      approval: { state: 'submitted' },
      _status: 'draft',
    })
    expect(again.status).toBe(200)
    expect(again.body.doc.approval).toMatchObject({ state: 'submitted', comment: 'Add what to bring on the day.' })

    // Publishing approves (the review is recorded first, by the reviewer).
    expect(
      (await send('PATCH', `/api/articles/${id}?draft=true`, reviewer, { clinicalReview: { reviewerName: 'Dr. Ana Ruiz', reviewedAt: '2026-11-20' }, _status: 'draft' })).status,
    ).toBe(200)
    const published = await send('PATCH', `/api/articles/${id}`, editor, { _status: 'published' })
    expect(published.status).toBe(200)
    expect(published.body.doc.approval).toMatchObject({ state: 'writing', comment: null, decidedBy: expect.objectContaining({ id: editor.id }) })

    // The public sees none of it.
    const page = await send('GET', `/api/articles/${id}`, undefined)
    expect(page.status).toBe(200)
    expect(page.body).not.toHaveProperty('approval')
    expect(page.body).not.toHaveProperty('lastModifiedBy')
    expect(page.body.clinicalReview).not.toHaveProperty('signedOffBy')
    expect(page.body.clinicalReview).not.toHaveProperty('reviewedFingerprint')
    expect(page.body).not.toHaveProperty('publishingChecks')
  })

  test('a contributor cannot approve by publishing, nor through GraphQL', async () => {
    const id = await contributorDraft()
    const rest = await send('PATCH', `/api/articles/${id}`, contributor, { _status: 'published' })
    expect(rest.status).toBe(403)
    const gql = await cms.api('/api/graphql', {
      method: 'POST',
      ...json(
        { query: `mutation { updateArticle(id: ${JSON.stringify(id)}, data: { approval: { state: changesRequested, comment: "x" } }, draft: true) { id } }` },
        contributor.headers,
      ),
    })
    const body = await gql.json()
    expect(body.errors?.[0]?.message).toMatch(/approval\.comment/)
    expect((await send('GET', `/api/articles/${id}?draft=true`, editor)).body.approval.state).toBe('writing')
  })

  test('the server names who saved last; a save by the server names no one', async () => {
    const id = await contributorDraft()
    expect((await send('GET', `/api/articles/${id}?draft=true`, editor)).body.lastModifiedBy).toMatchObject({ id: contributor.id })
    // A forged value is ignored.
    await send('PATCH', `/api/articles/${id}?draft=true`, editor, { lastModifiedBy: admin.id, excerpt: 'What to expect on the day.', _status: 'draft' })
    expect((await send('GET', `/api/articles/${id}?draft=true`, editor)).body.lastModifiedBy).toMatchObject({ id: editor.id })
    const seeded = await createArticle(cms.payload, { title: 'Seeded', slug: 'seeded-by-server' })
    expect((await send('GET', `/api/articles/${seeded.id}`, editor)).body.lastModifiedBy).toBeNull()
  })
})

describe('clinical review sign-off', () => {
  test('only a reviewer or an editor records a review; the field is named when refused and nothing is saved', async () => {
    const id = await contributorDraft()
    const refused = await send('PATCH', `/api/articles/${id}?draft=true`, contributor, { clinicalReview: { reviewerName: 'Dr. Self', reviewedAt: '2026-11-20' }, _status: 'draft' })
    expect(refused.status).toBe(403)
    expect(refused.body.errors[0].message).toMatch(/^clinicalReview\.reviewerName: only a reviewer, or an editor entering an outside reviewer/)
    expect((await send('GET', `/api/articles/${id}?draft=true`, editor)).body.clinicalReview.reviewerName ?? null).toBeNull()

    // Server-set fields cannot be forged by anyone.
    const forged = await send('PATCH', `/api/articles/${id}?draft=true`, editor, {
      clinicalReview: { signedOffBy: reviewer.id, signedOffAs: 'reviewer', signedOffAt: '2020-01-01' },
      _status: 'draft',
    })
    expect(forged.status).toBe(200)
    expect(forged.body.doc.clinicalReview).toMatchObject({ signedOffBy: null, signedOffAt: null })
  })

  test('a reviewer signs off for themselves; an editor enters an outside reviewer; both are recorded with who and when', async () => {
    const id = await contributorDraft()
    const own = await send('PATCH', `/api/articles/${id}?draft=true`, reviewer, {
      clinicalReview: { reviewerName: 'Dr. Ana Ruiz', reviewerCredentials: 'MD, psychiatrist', reviewedAt: '2026-11-20', nextReviewDue: '2027-11-20' },
      _status: 'draft',
    })
    expect(own.status).toBe(200)
    expect(own.body.doc.clinicalReview).toMatchObject({ signedOffBy: expect.objectContaining({ id: reviewer.id }), signedOffAs: 'reviewer' })
    const signedAt = own.body.doc.clinicalReview.signedOffAt
    expect(Date.now() - new Date(signedAt).getTime()).toBeLessThan(60_000)
    expect(own.body.doc.clinicalReview.reviewState).toMatch(/^Signed off on \d{4}-\d\d-\d\d; the text has not changed since\.$/)

    // A contributor may still save the article as long as the review stays as recorded (the admin sends the whole form).
    const whole = (await send('GET', `/api/articles/${id}?draft=true&depth=0`, contributor)).body
    const resave = await send('PATCH', `/api/articles/${id}?draft=true`, contributor, { ...whole, excerpt: 'What to expect, and what to bring.', _status: 'draft' })
    expect(resave.status).toBe(200)

    // The text changed after the sign-off: the review state and the checks say so.
    expect(resave.body.doc.clinicalReview.signedOffAt).toBe(signedAt)
    const reread = (await send('GET', `/api/articles/${id}?draft=true`, editor)).body
    expect(reread.clinicalReview.reviewState).toMatch(/^The text changed after the review was signed off on /)
    expect(reread.publishingChecks).toContain('The text changed after the clinical review was signed off')

    const outside = await send('PATCH', `/api/articles/${id}?draft=true`, editor, {
      clinicalReview: { reviewerName: 'Dr. Lee Park (outside reviewer)', reviewedAt: '2026-11-25' },
      _status: 'draft',
    })
    expect(outside.status).toBe(200)
    expect(outside.body.doc.clinicalReview).toMatchObject({ signedOffBy: expect.objectContaining({ id: editor.id }), signedOffAs: 'outside' })
    expect((await send('GET', `/api/articles/${id}?draft=true`, editor)).body.clinicalReview.reviewState).toMatch(/the text has not changed since/)
  })

  test('content imported with its review is recorded as the server’s sign-off', async () => {
    const article = await createArticle(cms.payload, { title: 'Imported with a review', slug: 'imported-with-review' })
    const read = (await send('GET', `/api/articles/${article.id}`, editor)).body
    expect(read.clinicalReview).toMatchObject({ reviewerName: REVIEW.reviewerName, signedOffAs: 'server', signedOffBy: null })
    expect(read.clinicalReview.reviewState).toMatch(/the text has not changed since/)
  })
})
