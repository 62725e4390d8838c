/**
 * A sitemap file is read in chunks that follow on from the last id (src/read-model/articles.ts), so
 * a file of 50,000 never holds Payload's work for all of them at once. Files of three read two at a
 * time must give every published article once, in id order, and nothing unpublished.
 */
import { readSitemapPage } from '../../src/read-model/articles'
import { createArticle } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(() => cms.stop())

test('files of three, read two at a time, list every published article once in id order', async () => {
  for (let n = 1; n <= 8; n++) await createArticle(cms.payload, { title: `Mapped ${n}`, slug: `mapped-${n}`, status: n === 4 ? 'draft' : 'published' })
  const pages = []
  for (let page = 1; page <= 3; page++) pages.push(await readSitemapPage(cms.payload, { page, pageSize: 3, chunk: 2 }))
  const bodies = pages.map((answer) => answer.body as { docs: { slug: string; updatedAt: string }[]; totalDocs: number; totalPages: number })
  expect(pages.map((answer) => answer.status)).toEqual([200, 200, 200])
  expect(bodies.map((body) => body.docs.length)).toEqual([3, 3, 1])
  expect(bodies.flatMap((body) => body.docs.map((doc) => doc.slug))).toEqual(['mapped-1', 'mapped-2', 'mapped-3', 'mapped-5', 'mapped-6', 'mapped-7', 'mapped-8'])
  expect(bodies[0]).toMatchObject({ totalDocs: 7, totalPages: 3 })
  for (const doc of bodies[0].docs) expect(Number.isNaN(Date.parse(doc.updatedAt))).toBe(false)

  const past = await readSitemapPage(cms.payload, { page: 4, pageSize: 3, chunk: 2 })
  expect(past.status).toBe(404)
  expect((past.body as { errors: { message: string }[] }).errors[0].message).toBe('The sitemap has 3 pages of 3; there is no page 4.')
})
