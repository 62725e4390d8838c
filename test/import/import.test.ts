import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { importArticleFile } from '../../src/import/import-file'
import { seed } from '../../src/import/seed'
import { PLACEHOLDER_IMAGE } from '../../src/import/seed-content'
import { lexicalDocument, paragraph } from '../../src/richtext/lexical-nodes'
import { REVIEW } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'

const here = path.dirname(fileURLToPath(import.meta.url))
const SECOND_ARTICLE = path.join(here, 'fixtures/preparing-for-your-first-session.txt')
/** The built command (npm test builds it first), run as npm run import runs it. */
const IMPORT_CLI = ['--conditions=development', path.resolve('dist/import/import-cli.js')]
const SEED_SLUG = 'ketamine-therapy-and-the-psychedelic-connection-unlocking-healing-and-growth'

let cms: TestCms

beforeAll(async () => {
  cms = await startTestCms()
})
afterAll(async () => {
  await cms.stop()
})

const counts = async () => {
  const collections = ['articles', 'benefit-lists', 'calls-to-action', 'media', 'users'] as const
  const entries = await Promise.all(collections.map(async (collection) => [collection, (await cms.payload.count({ collection, overrideAccess: true })).totalDocs]))
  const versions = await cms.payload.countVersions({ collection: 'articles', overrideAccess: true })
  return { ...Object.fromEntries(entries), articleVersions: versions.totalDocs }
}

type Node = { type: string; tag?: string; children?: { text: string }[]; fields?: Record<string, any>; value?: any }

describe('npm run seed', () => {
  test('publishes the whole seed article: one anonymous request returns everything', async () => {
    const result = await seed(cms.payload, { ADMIN_EMAIL: 'owner@clinic.test', ADMIN_PASSWORD: 'owner-password-long' } as unknown as NodeJS.ProcessEnv)
    expect(result.admin).toBe('created')
    expect(result.article.outcome).toBe('created')

    const response = await cms.api(`/api/articles/slug/${SEED_SLUG}`)
    expect(response.status).toBe(200)
    const article = await response.json()
    expect(article.title).toBe('Ketamine Therapy and the Psychedelic Connection: Unlocking Healing and Growth')
    const nodes: Node[] = article.body.root.children
    expect(nodes.filter((node) => node.type === 'heading').map((node) => node.children?.[0].text)).toHaveLength(6)

    const lists = nodes.filter((node) => node.fields?.blockType === 'benefitList').map((node) => node.fields?.benefitList)
    expect(lists).toHaveLength(4)
    expect(lists[1]).toMatchObject({ _status: 'published', displayStyle: 'labelAndDescription' })
    expect(lists[1].items[0]).toMatchObject({
      label: 'Emotional release',
      description: 'Long-held grief, fear, or anger may rise to the surface and find space to move through.',
    })

    const image = nodes.find((node) => node.type === 'upload')
    expect(image?.value).toMatchObject({ alt: 'green moss waterfall cascading down', mimeType: 'image/jpeg' })
    expect(image?.value.sizes.hero.url).toMatch(/\/api\/media\/file\//)

    const cta = nodes[nodes.length - 1]
    expect(cta.fields?.callToAction).toMatchObject({ buttonLabel: 'Schedule a consultation', _status: 'published' })
    expect(cta.fields?.callToAction.link.url).toBe('http://localhost:3000/contact')
    expect(article.disclaimer).toMatch(/not medical advice/)
    // Import bookkeeping stays internal.
    expect(article).not.toHaveProperty('importKey')
    expect(lists[1]).not.toHaveProperty('importChecksum')
  })

  test('links Next to a draft stub of the named article, hidden from the public', async () => {
    const stub = await cms.payload.find({
      collection: 'articles',
      where: { slug: { equals: 'beyond-the-therapy-room-kap-for-the-therapists-own-healing' } },
      draft: true,
      overrideAccess: true,
    })
    expect(stub.docs[0]).toMatchObject({ title: 'Beyond the Therapy Room: KAP for the Therapist’s Own Healing', _status: 'draft' })
    const seeded = await cms.payload.find({ collection: 'articles', where: { slug: { equals: SEED_SLUG } }, depth: 0, overrideAccess: true })
    expect(seeded.docs[0].nextArticle).toBe(stub.docs[0].id)
    expect((await cms.api(`/api/articles/${stub.docs[0].id}`)).status).toBe(404)
  })

  test('running it again changes nothing', async () => {
    const before = await counts()
    const again = await seed(cms.payload, { ADMIN_EMAIL: 'owner@clinic.test', ADMIN_PASSWORD: 'owner-password-long' } as unknown as NodeJS.ProcessEnv)
    expect(again).toMatchObject({ admin: 'exists', article: { outcome: 'unchanged' } })
    expect(await counts()).toEqual(before)
  })
})

describe('npm run import', () => {
  const options = { callToActionUrl: 'https://clinic.example/contact', placeholderImage: PLACEHOLDER_IMAGE }

  test('imports a second article as a draft, linking Previous to the existing article', async () => {
    const result = await importArticleFile(cms.payload, SECOND_ARTICLE, { ...options, publish: false })
    expect(result).toMatchObject({ outcome: 'created', benefitLists: 2, images: 1, callToAction: true, stubsCreated: ['Integration Practices Between Sessions'] })
    expect((await cms.api(`/api/articles/slug/${result.slug}`)).status).toBe(404)
    const stored = await cms.payload.findByID({ collection: 'articles', id: result.articleId, depth: 0, draft: true, overrideAccess: true })
    const seeded = await cms.payload.find({ collection: 'articles', where: { slug: { equals: SEED_SLUG } }, overrideAccess: true })
    expect(stored.previousArticle).toBe(seeded.docs[0].id)
  })

  test('publishing without a clinical review is refused and writes nothing', async () => {
    const before = await counts()
    await expect(importArticleFile(cms.payload, SECOND_ARTICLE, { ...options, publish: true })).rejects.toMatchObject({
      name: 'ValidationError',
      data: { errors: expect.arrayContaining([expect.objectContaining({ path: 'clinicalReview.reviewerName' })]) },
    })
    expect(await counts()).toEqual(before)
  })

  test('publishing with a clinical review makes it and its lists public', async () => {
    const result = await importArticleFile(cms.payload, SECOND_ARTICLE, { ...options, publish: true, review: REVIEW })
    expect(result.outcome).toBe('updated')
    const article = await (await cms.api(`/api/articles/slug/${result.slug}`)).json()
    expect(article.clinicalReview).toMatchObject({ reviewerName: REVIEW.reviewerName })
    const texts = JSON.stringify(article.body)
    expect(texts).toContain('Arrange a ride home')
    expect(texts).toContain('Book a free consultation')
  })

  test('an article whose slug belongs to a hand-written article is refused, not overwritten', async () => {
    const handWritten = await cms.payload.create({
      collection: 'articles',
      data: { title: 'Hand-written guide', slug: 'a-guide-to-integration', body: lexicalDocument([paragraph('Written in the admin UI.')]), _status: 'draft' } as never,
      draft: true,
      overrideAccess: true,
    })
    const file = path.join(cms.dataDir, 'clash.txt')
    fs.writeFileSync(file, 'A Guide to Integration\n\nAn imported text that would replace the hand-written one.\n')
    await expect(importArticleFile(cms.payload, file, { ...options, publish: false })).rejects.toThrow(
      /slug "a-guide-to-integration" already exists and was not imported from this file/,
    )
    const kept = await cms.payload.findByID({ collection: 'articles', id: handWritten.id, draft: true, overrideAccess: true })
    expect(kept.title).toBe('Hand-written guide')
  })

  test('the command line exits non-zero and names the line of a malformed file', () => {
    const bad = path.join(cms.dataDir, 'bad.txt')
    fs.writeFileSync(bad, 'A Fine Title\n\nSome text.\n\nNext\n')
    const run = spawnSync(process.execPath, [...IMPORT_CLI, bad], {
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URI: `file:${path.join(cms.dataDir, 'cli.db')}` },
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(/Import failed: line 5: "Next" is not followed by the title of an article/)
  })

  test('the command line explains its usage when called wrongly, before opening the database', () => {
    const run = spawnSync(process.execPath, [...IMPORT_CLI, '--reviewer', 'Dr. X'], {
      env: { ...process.env, NODE_OPTIONS: '', DATABASE_URI: `file:${path.join(cms.dataDir, 'cli.db')}` },
      encoding: 'utf8',
      timeout: 120_000,
    })
    expect(run.status).toBe(2)
    expect(run.stderr).toMatch(/Give the file or folder to import\.[\s\S]*Usage: npm run import/)
  })
})
