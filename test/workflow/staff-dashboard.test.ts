/** The staff dashboard's lists, from real saves, jobs and audit entries (src/workflow/staff-dashboard.ts). */
import { heading, internalLink, lexicalDocument, paragraphOf, text } from '../../src/richtext/lexical-nodes'
import { readStaffDashboard } from '../../src/workflow/staff-dashboard'
import { afterTransactionsSettled } from '../../src/publishing/after-transaction'
import { createArticle } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
const NOW = new Date()
const inDays = (days: number) => new Date(NOW.getTime() + days * 24 * 60 * 60 * 1000).toISOString()

beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(() => cms.stop())

test('four lists and the checks, each item linking to its document', async () => {
  await signIn(cms, { email: 'admin@dashboard.test', password: 'a-long-admin-password', roles: ['admin'] })
  const editor = await signIn(cms, { email: 'editor@dashboard.test', password: 'a-long-editor-password', roles: ['editor'] })
  const contributor = await signIn(cms, { email: 'writer@dashboard.test', password: 'a-long-writer-password', roles: ['contributor'] })

  // Needs review: one overdue, one due in ten days, one far off.
  const overdue = await createArticle(cms.payload, { title: 'Overdue for review', slug: 'overdue-for-review' })
  const soon = await createArticle(cms.payload, { title: 'Due in ten days', slug: 'due-in-ten-days' })
  const later = await createArticle(cms.payload, { title: 'Reviewed recently', slug: 'reviewed-recently' })
  for (const [article, due] of [
    [overdue, inDays(-5)],
    [soon, inDays(10)],
    [later, inDays(200)],
  ] as const) {
    await cms.payload.update({ collection: 'articles', id: article.id, data: { clinicalReview: { nextReviewDue: due } } as never, overrideAccess: true })
  }

  // Waiting for approval: a contributor's draft, submitted over REST.
  const created = await cms.api('/api/articles?draft=true', {
    method: 'POST',
    ...json({ title: 'Music in sessions', excerpt: '', body: lexicalDocument([heading('h2', 'Why music'), heading('h4', 'Playlists')]), _status: 'draft' }, contributor.headers),
  })
  const draft = (await created.json()).doc
  await cms.api(`/api/articles/${draft.id}?draft=true`, { method: 'PATCH', ...json({ approval: { state: 'submitted' }, _status: 'draft' }, contributor.headers) })

  // Scheduled: a publication in a week, and one beyond the 30 days shown.
  const scheduledDraft = await createArticle(cms.payload, { title: 'Winter self-care', slug: 'winter-self-care', status: 'draft' })
  await cms.payload.jobs.queue({
    task: 'schedulePublish',
    input: { type: 'publish', doc: { relationTo: 'articles', value: String(scheduledDraft.id) } } as never,
    waitUntil: new Date(inDays(7)),
  })
  await cms.payload.jobs.queue({
    task: 'schedulePublish',
    input: { type: 'publish', doc: { relationTo: 'articles', value: String(scheduledDraft.id) } } as never,
    waitUntil: new Date(inDays(60)),
  })

  // Checks: a published article links to one that an editor then unpublishes.
  const target = await createArticle(cms.payload, { title: 'Aftercare guide', slug: 'aftercare-guide' })
  const linking = await cms.api('/api/articles', {
    method: 'POST',
    ...json(
      {
        title: 'After your session',
        excerpt: 'What the days after feel like.',
        body: lexicalDocument([paragraphOf([text('See '), internalLink('articles', target.id, 'the aftercare guide')])]),
        clinicalReview: { reviewerName: 'Dr. Outside', reviewedAt: '2026-11-01' },
        _status: 'published',
      },
      editor.headers,
    ),
  })
  expect(linking.status).toBe(201)
  const linkingId = (await linking.json()).doc.id
  expect((await cms.api(`/api/articles/${target.id}`, { method: 'PATCH', ...json({ _status: 'draft' }, editor.headers) })).status).toBe(200)
  await afterTransactionsSettled(cms.payload)

  const dashboard = await readStaffDashboard(cms.payload, { now: NOW })

  expect(dashboard.needsReview.items).toEqual([
    { title: 'Overdue for review', href: `/admin/collections/articles/${overdue.id}`, detail: `Review overdue since ${inDays(-5).slice(0, 10)}` },
    { title: 'Due in ten days', href: `/admin/collections/articles/${soon.id}`, detail: `Review due ${inDays(10).slice(0, 10)}` },
  ])
  expect(dashboard.waitingForApproval.items).toEqual([
    { title: 'Music in sessions', href: `/admin/collections/articles/${draft.id}`, detail: `Submitted by writer@dashboard.test on ${NOW.toISOString().slice(0, 10)}` },
  ])
  expect(dashboard.scheduled.total).toBe(1)
  expect(dashboard.scheduled.items).toEqual([
    { title: 'Winter self-care', href: `/admin/collections/articles/${scheduledDraft.id}`, detail: expect.stringMatching(/^Publishes \d{4}-\d\d-\d\d \d\d:\d\d UTC$/) },
  ])
  expect(dashboard.recentlyChanged.items).toContainEqual({
    title: 'unpublish articles "Aftercare guide"',
    href: `/admin/collections/articles/${target.id}`,
    detail: expect.stringMatching(/^editor@dashboard\.test, \d{4}-\d\d-\d\d \d\d:\d\d UTC$/),
  })
  expect(dashboard.checks.items).toEqual([
    { title: 'After your session', href: `/admin/collections/articles/${linkingId}`, detail: 'Published, and links to an article that is no longer published' },
    {
      title: 'Music in sessions',
      href: `/admin/collections/articles/${draft.id}`,
      detail: expect.stringMatching(/^Waiting for approval with 2 warnings: The heading "Playlists" is an h4 after an h2/),
    },
  ])
  expect(dashboard.emailDigests).toBe(false)

  // The same warning in the document, for the editor who opens it.
  const opened = await (await cms.api(`/api/articles/${linkingId}`, { headers: editor.headers })).json()
  expect(opened.publishingChecks).toContain('The link "the aftercare guide" leads to an article that is not published')
})
