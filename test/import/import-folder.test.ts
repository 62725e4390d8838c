/**
 * npm run import -- <folder>: every article file of a folder in one run, links between them
 * resolved whatever the order, a summary at the end; a folder that cannot be imported as it is
 * writes nothing.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { importArticleFolder } from '../../src/import/import-folder'
import { PLACEHOLDER_IMAGE } from '../../src/import/seed-content'
import { createArticle, REVIEW } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures')
const IMPORT_CLI = ['--conditions=development', path.resolve('dist/import/import-cli.js')]
const options = { callToActionUrl: 'https://clinic.example/contact', placeholderImage: PLACEHOLDER_IMAGE, publish: true, review: REVIEW }
const CHAIN = ['integration-journaling.txt', 'music-and-set.txt', 'returning-to-daily-life.txt']

let cms: TestCms
let folders = 0
beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(() => cms.stop())
beforeEach(async () => {
  for (const collection of ['articles', 'benefit-lists', 'calls-to-action', 'media'] as const) {
    await cms.payload.delete({ collection, where: { id: { exists: true } }, overrideAccess: true })
  }
})

/** A folder holding the named fixtures, each under the name given (names decide the import order). */
function folderOf(files: Record<string, string>): string {
  const folder = path.join(cms.dataDir, `folder-${++folders}`)
  fs.mkdirSync(folder)
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content)
  return folder
}
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8')

async function linkGraph() {
  const { docs } = await cms.payload.find({ collection: 'articles', depth: 1, limit: 100, sort: 'title', overrideAccess: true, draft: true })
  const slugOf = (value: unknown) => (value && typeof value === 'object' ? (value as { slug: string }).slug : null)
  return docs.map((doc) => ({ slug: doc.slug, status: doc._status, previous: slugOf(doc.previousArticle), next: slugOf(doc.nextArticle) }))
}

test('a chain of linked articles comes out the same whatever order the files are read in', async () => {
  const forwards = await importArticleFolder(cms.payload, folderOf(Object.fromEntries(CHAIN.map((name, n) => [`${n}-${name}`, fixture(name)]))), options)
  // Read first to last, each file fills the stub the one before it made for its Next link.
  expect(forwards).toMatchObject({ files: 3, failed: [], stubsLeft: [], outcomes: { created: 1, filled: 2 } })
  const graph = await linkGraph()
  expect(graph).toEqual([
    { slug: 'integration-journaling-a-gentle-practice', status: 'published', previous: null, next: 'music-and-set-in-ketamine-sessions' },
    { slug: 'music-and-set-in-ketamine-sessions', status: 'published', previous: 'integration-journaling-a-gentle-practice', next: 'returning-to-daily-life-after-a-session' },
    { slug: 'returning-to-daily-life-after-a-session', status: 'published', previous: 'music-and-set-in-ketamine-sessions', next: null },
  ])

  for (const collection of ['articles', 'benefit-lists', 'calls-to-action', 'media'] as const) {
    await cms.payload.delete({ collection, where: { id: { exists: true } }, overrideAccess: true })
  }
  const backwards = await importArticleFolder(cms.payload, folderOf(Object.fromEntries(CHAIN.map((name, n) => [`${9 - n}-${name}`, fixture(name)]))), options)
  // Read last first, each file fills the stub the one before it made for its Previous link.
  expect(backwards).toMatchObject({ files: 3, failed: [], stubsLeft: [], outcomes: { created: 1, filled: 2 } })
  expect(await linkGraph()).toEqual(graph)
})

test('progress per file, links to articles outside the folder left as stubs, other files ignored; a second run changes nothing', async () => {
  const folder = folderOf({ 'beyond.txt': fixture('beyond-the-therapy-room.txt'), 'music.txt': fixture('music-and-set.txt'), 'notes.md': '# not an article' })
  const lines: string[] = []
  const summary = await importArticleFolder(cms.payload, folder, options, (line) => lines.push(line))
  expect(lines).toEqual(['[1/2] beyond.txt: "beyond-the-therapy-room-kap-for-the-therapists-own-healing" created', '[2/2] music.txt: "music-and-set-in-ketamine-sessions" created'])
  expect(summary.ignored).toEqual(['notes.md'])
  expect(summary.stubsLeft).toEqual([
    'Integration Journaling: A Gentle Practice',
    'Ketamine Therapy and the Psychedelic Connection: Unlocking Healing and Growth',
    'Returning to Daily Life After a Session',
  ])
  expect((await importArticleFolder(cms.payload, folder, options)).outcomes).toEqual({ created: 0, filled: 0, updated: 0, unchanged: 2 })
})

test('a file that does not parse, or two files of one article, stop the run before anything is written', async () => {
  const broken = folderOf({ 'a.txt': fixture('music-and-set.txt'), 'b.txt': 'A Fine Title\n\nSome text.\n\nNext\n', 'c.txt': fixture('music-and-set.txt') })
  await expect(importArticleFolder(cms.payload, broken, options)).rejects.toThrow(
    /Nothing was imported: \n {2}c\.txt and a\.txt are the same article \("music-and-set-in-ketamine-sessions"\): keep one\.|b\.txt: line 5: "Next" is not followed by the title of an article/,
  )
  await expect(importArticleFolder(cms.payload, broken, options)).rejects.toThrow(/b\.txt: line 5[\s\S]*c\.txt and a\.txt are the same article/)
  expect((await cms.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs).toBe(0)
  await expect(importArticleFolder(cms.payload, folderOf({ 'notes.md': 'no articles here' }), options)).rejects.toThrow(/has no article files \(\*\.txt\)/)
})

test('the command line: progress and a summary; an article the CMS refuses is named, the others imported, and the run exits 1', async () => {
  // The command writes beside the running server, to the same database file.
  const run = (folder: string) =>
    spawnSync(process.execPath, [...IMPORT_CLI, folder, '--publish', '--reviewer', 'Dr. Maya Chen', '--reviewed-on', '2026-10-01'], {
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URI: process.env.DATABASE_URI },
      encoding: 'utf8',
      timeout: 120_000,
    })
  const folder = folderOf(Object.fromEntries(CHAIN.map((name) => [name, fixture(name)])))
  const first = run(folder)
  expect({ status: first.status, stderr: first.stderr }).toMatchObject({ status: 0 })
  expect(first.stdout).toContain('[1/3] integration-journaling.txt: "integration-journaling-a-gentle-practice" created')
  expect(first.stdout).toMatch(/Imported 3 of 3 articles from .* in \d+\.\d s \(published\): 1 created, 2 filled in from draft stubs, 0 updated, 0 unchanged\./)

  for (const collection of ['articles', 'benefit-lists', 'calls-to-action', 'media'] as const) {
    await cms.payload.delete({ collection, where: { id: { exists: true } }, overrideAccess: true })
  }
  // An editor wrote an article by hand under the slug one of the files would take.
  await createArticle(cms.payload, { title: 'Music and Set in Ketamine Sessions', slug: 'music-and-set-in-ketamine-sessions' })
  const second = run(folder)
  expect(second.status).toBe(1)
  expect(second.stdout).toContain('[2/3] music-and-set.txt: not imported: An article with the slug "music-and-set-in-ketamine-sessions" already exists')
  expect(second.stderr).toMatch(/^Import failed: Imported 2 of 3 articles/)
  expect(second.stderr).toMatch(/1 not imported:\n {2}music-and-set\.txt: An article with the slug/)
  expect((await cms.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs).toBe(3)
})
