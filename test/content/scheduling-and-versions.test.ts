import { createBenefitList, saveDraft } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'
import { waitFor } from '../../tools/wait-for'

let cms: TestCms

beforeAll(async () => {
  // Check for due jobs every second instead of every minute, so the test need not wait long.
  process.env.JOBS_CRON = '* * * * * *'
  cms = await startTestCms()
})
afterAll(async () => {
  delete process.env.JOBS_CRON
  await cms.stop()
})

describe('scheduled publishing runs in the server process', () => {
  test('a draft scheduled a moment ahead becomes public on its own', async () => {
    const list = await createBenefitList(cms.payload, { title: 'Scheduled list', status: 'draft' })
    expect((await cms.api(`/api/benefit-lists/${list.id}`)).status).toBe(404)

    // What the admin UI's "Schedule publish" does.
    await cms.payload.jobs.queue({
      task: 'schedulePublish',
      input: { type: 'publish', doc: { relationTo: 'benefit-lists', value: String(list.id) } } as never,
      waitUntil: new Date(Date.now() + 1500),
    })
    expect((await cms.api(`/api/benefit-lists/${list.id}`)).status).toBe(404)

    const published = await waitFor(
      'the scheduled list to be public',
      async () => {
        const response = await cms.api(`/api/benefit-lists/${list.id}`)
        return response.status === 200 && response.json()
      },
      { timeoutMs: 15_000, intervalMs: 100 },
    )
    expect(published._status).toBe('published')
  })
})

describe('version history', () => {
  test('keeps at most the configured number of versions per document', async () => {
    const list = await createBenefitList(cms.payload, { title: 'Often edited' })
    for (let edit = 1; edit <= 55; edit++) {
      await saveDraft(cms.payload, 'benefit-lists', list.id, { title: `Often edited, take ${edit}` })
    }
    const versions = await cms.payload.countVersions({ collection: 'benefit-lists', where: { parent: { equals: list.id } } })
    expect(versions.totalDocs).toBe(50)
    const newest = await cms.payload.findVersions({ collection: 'benefit-lists', where: { parent: { equals: list.id } }, sort: '-updatedAt', limit: 1 })
    expect(newest.docs[0].version.title).toBe('Often edited, take 55')
  })
})
