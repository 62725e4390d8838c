/**
 * Export, restore and their check read a collection a page at a time (src/backup/export-content.ts),
 * following on from the last document read rather than from an offset. Pages of two over documents
 * that share a creation time must still give every document once, in the order of one full read,
 * each with its own newer draft.
 */
import type { ExportRecord } from '../../src/backup/export-format'
import { collectionRecordPages } from '../../src/backup/export-content'
import { createContent, saveDraft } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(() => cms.stop())

async function readAll(pageSize: number): Promise<{ pages: number; records: ExportRecord[] }> {
  const faqs = cms.payload.collections.faqs.config
  const records: ExportRecord[] = []
  let pages = 0
  for await (const page of collectionRecordPages(cms.payload, faqs, { pageSize })) {
    expect(page.length).toBeLessThanOrEqual(pageSize)
    records.push(...page)
    pages += 1
  }
  return { pages, records }
}

test('pages of two give every document once, in order, with its draft, across equal creation times', async () => {
  const created: (string | number)[] = []
  for (let n = 1; n <= 7; n++) created.push((await createContent(cms.payload, 'faqs', { title: `Question ${n}?` })).id)
  // Five of them created in the same millisecond, as a bulk import or a restore can leave them.
  const sameInstant = '2026-01-01T00:00:00.000Z'
  for (const id of created.slice(1, 6)) await cms.payload.db.updateOne({ collection: 'faqs', id, data: { createdAt: sameInstant } })
  await saveDraft(cms.payload, 'faqs', created[3], { question: 'Question 4, rewritten?' })

  const whole = await readAll(1000)
  const paged = await readAll(2)
  expect(whole.pages).toBe(1)
  expect(paged.pages).toBe(4)
  expect(paged.records.map((record) => record.id)).toEqual(whole.records.map((record) => record.id))
  expect(new Set(paged.records.map((record) => record.id)).size).toBe(7)
  // Oldest first: the five of one instant (by id) before the two created now.
  expect(paged.records.map((record) => record.id)).toEqual([...created.slice(1, 6), created[0], created[6]])
  const withDraft = paged.records.filter((record) => record.draft)
  expect(withDraft.map((record) => [record.id, record.draft!.question])).toEqual([[created[3], 'Question 4, rewritten?']])
})
