/**
 * Articles link to each other (Previous / Next), and a link to an article not imported yet makes a
 * draft stub. Importing that article later fills the stub in place, whatever the order; a stub an
 * editor has worked on is never overwritten.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { importArticleFile } from '../../src/import/import-file'
import { seed } from '../../src/import/seed'
import { PLACEHOLDER_IMAGE } from '../../src/import/seed-content'
import { lexicalToPlainText } from '../../src/richtext/plain-text'
import { REVIEW } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name)
const options = { callToActionUrl: 'https://clinic.example/contact', placeholderImage: PLACEHOLDER_IMAGE, publish: true, review: REVIEW }
const SEED_SLUG = 'ketamine-therapy-and-the-psychedelic-connection-unlocking-healing-and-growth'
const SEED_ENV = {} as NodeJS.ProcessEnv

let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(async () => {
  await cms.stop()
})
// Each test starts from an empty database (one server per file: Payload keeps one instance per config).
beforeEach(async () => {
  for (const collection of ['articles', 'benefit-lists', 'calls-to-action', 'media'] as const) {
    await cms.payload.delete({ collection, where: { id: { exists: true } }, overrideAccess: true })
  }
})

async function article(slug: string) {
  const { docs } = await cms.payload.find({ collection: 'articles', where: { slug: { equals: slug } }, draft: true, depth: 0, overrideAccess: true })
  return docs[0]
}

async function everything() {
  const collections = ['articles', 'benefit-lists', 'calls-to-action', 'media'] as const
  const counts = await Promise.all(collections.map(async (collection) => (await cms.payload.count({ collection, overrideAccess: true })).totalDocs))
  const versions = (await cms.payload.countVersions({ collection: 'articles', overrideAccess: true })).totalDocs
  const { docs } = await cms.payload.find({ collection: 'articles', draft: true, depth: 0, limit: 100, sort: 'id', overrideAccess: true })
  return JSON.stringify({ counts, versions, docs })
}

test('seed, then the article its Next links to: the stub is filled in place, and the link holds', async () => {
  const seeded = await seed(cms.payload, SEED_ENV)
  const stub = await article('beyond-the-therapy-room-kap-for-the-therapists-own-healing')
  expect(stub).toMatchObject({ _status: 'draft' })
  const result = await importArticleFile(cms.payload, fixture('beyond-the-therapy-room.txt'), options)
  expect(result).toMatchObject({ outcome: 'filled', articleId: stub.id })
  const page = await (await cms.api(`/api/articles/slug/${result.slug}`)).json()
  expect(lexicalToPlainText(page.body)).toContain('Therapists carry the stories they hold.')
  expect(page.previousArticle).toMatchObject({ id: seeded.article.articleId })
  const seedPage = await (await cms.api(`/api/articles/slug/${SEED_SLUG}`)).json()
  expect(seedPage.nextArticle).toMatchObject({ id: stub.id, title: 'Beyond the Therapy Room: KAP for the Therapist’s Own Healing' })
  // Importing it again changes nothing.
  expect((await importArticleFile(cms.payload, fixture('beyond-the-therapy-room.txt'), options)).outcome).toBe('unchanged')
})

test('an article, then the seed it links back to: the seed fills the stub of its own article', async () => {
  const first = await importArticleFile(cms.payload, fixture('beyond-the-therapy-room.txt'), options)
  expect(first.stubsCreated).toEqual(['Ketamine Therapy and the Psychedelic Connection: Unlocking Healing and Growth'])
  const stub = await article(SEED_SLUG)
  const seeded = await seed(cms.payload, SEED_ENV)
  expect(seeded.article).toMatchObject({ outcome: 'filled', articleId: stub.id })
  const seedPage = await (await cms.api(`/api/articles/slug/${SEED_SLUG}`)).json()
  expect(seedPage.nextArticle).toMatchObject({ id: first.articleId })
  const page = await (await cms.api(`/api/articles/slug/${first.slug}`)).json()
  expect(page.previousArticle).toMatchObject({ id: stub.id, slug: SEED_SLUG })
})

test('a chain of three imported in reverse order: each import fills the stub the one before made', async () => {
  const last = await importArticleFile(cms.payload, fixture('returning-to-daily-life.txt'), options)
  expect(last).toMatchObject({ outcome: 'created', stubsCreated: ['Music and Set in Ketamine Sessions'] })
  const middle = await importArticleFile(cms.payload, fixture('music-and-set.txt'), options)
  expect(middle).toMatchObject({ outcome: 'filled', stubsCreated: ['Integration Journaling: A Gentle Practice'] })
  const first = await importArticleFile(cms.payload, fixture('integration-journaling.txt'), options)
  expect(first).toMatchObject({ outcome: 'filled', stubsCreated: [] })
  expect((await cms.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs).toBe(3)
  const pages = await Promise.all([first, middle, last].map(async ({ slug }) => (await cms.api(`/api/articles/slug/${slug}`)).json()))
  expect(pages.map((page) => [page.previousArticle?.id ?? null, page.nextArticle?.id ?? null])).toEqual([
    [null, middle.articleId],
    [first.articleId, last.articleId],
    [middle.articleId, null],
  ])
})

test('a stub an editor has worked on is never overwritten: the import stops, says what to do, and changes nothing', async () => {
  await importArticleFile(cms.payload, fixture('returning-to-daily-life.txt'), options)
  const stub = await article('music-and-set-in-ketamine-sessions')
  const editor = await signIn(cms, { email: 'editor@order.test', password: 'a-long-editor-password' })
  const edit = await cms.api(`/api/articles/${stub.id}?draft=true`, { method: 'PATCH', ...json({ title: 'Music and Set in Ketamine Sessions (my notes)' }, editor.headers) })
  expect(edit.status).toBe(200)
  const before = await everything()
  await expect(importArticleFile(cms.payload, fixture('music-and-set.txt'), options)).rejects.toThrow(
    /The article "music-and-set-in-ketamine-sessions" was created as a draft stub for a link from another import, and has been edited since; it was not overwritten\. Finish it in the admin UI, or delete that draft/,
  )
  expect(await everything()).toBe(before)
})

describe('the commands report a configuration mistake in one line', () => {
  const COMMANDS: [string, string[], RegExp][] = [
    ['seed', ['dist/import/seed-cli.js'], /^Seed failed: /],
    ['import', ['dist/import/import-cli.js', fixture('music-and-set.txt')], /^Import failed: /],
    ['export', ['dist/backup/backup-cli.js', 'export', '/tmp/kap-never-written'], /^Export failed: /],
    ['restore', ['dist/backup/backup-cli.js', 'restore', '/tmp/kap-never-read'], /^Restore failed: /],
  ]
  test.each(COMMANDS)('%s with an unsupported DATABASE_URI', (_name, args, prefix) => {
    const run = spawnSync(process.execPath, ['--conditions=development', ...args], {
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URI: 'postgres://kap:secret@db.internal/kap' },
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status).toBe(1)
    const lines = run.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(prefix)
    expect(lines[0]).toMatch(/DATABASE_URI/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(run.stderr).not.toContain('secret')
  })
})
