import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'

import { PLACEHOLDER_IMAGE } from '../../src/import/seed-content'
import { contentData } from '../helpers/content-fixtures'
import { type S3Server, startS3Server } from '../../tools/s3-server'
import { runBackupCli } from '../helpers/backup-cli'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'

/**
 * Images in a bucket (S3_BUCKET, through Payload's S3 adapter) rather than DATA_DIR/media: what
 * several processes without a shared directory rely on. The store is s3rver, an S3-compatible
 * server in Node (tools/s3-server.ts), reached over HTTP like any bucket.
 */
const BUCKET = 'clinic-images'
const PREFIX = 'clinic-a'
let s3: S3Server
let client: S3Client
let cms: TestCms
let editor: Awaited<ReturnType<typeof signIn>>
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-bucket-'))
const variables = () => s3.env(BUCKET, PREFIX)

const keysInBucket = async (bucket = BUCKET) => ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((object) => object.Key!).sort()

async function upload(alt: string, filename = 'waterfall.jpg') {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(fs.readFileSync(PLACEHOLDER_IMAGE))], { type: 'image/jpeg' }), filename)
  form.append('_payload', JSON.stringify({ alt }))
  const response = await cms.api('/api/media', { method: 'POST', headers: editor.headers, body: form })
  return { status: response.status, body: await response.json() }
}

beforeAll(async () => {
  s3 = await startS3Server([BUCKET, 'restored-images'])
  client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })
  Object.assign(process.env, variables())
  cms = await startTestCms()
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
}, 60_000)

afterAll(async () => {
  for (const name of Object.keys(variables())) delete process.env[name]
  await cms?.stop()
  client?.destroy()
  await s3?.stop()
  fs.rmSync(work, { recursive: true, force: true })
})

test('an upload lands in the bucket under S3_PREFIX, original and every size, and nothing on disk', async () => {
  const { status, body } = await upload('Green moss waterfall')
  expect(status).toBe(201)
  const names = [body.doc.filename, ...Object.values(body.doc.sizes as Record<string, { filename: string }>).map((size) => size.filename)]
  expect(names).toHaveLength(4)
  expect(await keysInBucket()).toEqual(expect.arrayContaining(names.map((name) => `${PREFIX}/${name}`)))
  expect(fs.existsSync(path.join(cms.dataDir, 'media')) ? fs.readdirSync(path.join(cms.dataDir, 'media')) : []).toEqual([])
})

test('the file is served from the bucket with the same rules as on disk: staff always, the public once published content shows it', async () => {
  const { body } = await upload('A waterfall for an article')
  const { filename, sizes } = body.doc as { filename: string; sizes: { card: { filename: string } } }
  const stored = Buffer.from(await (await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}/${filename}` }))).Body!.transformToByteArray())

  const forStaff = await cms.api(`/api/media/file/${filename}`, { headers: editor.headers })
  expect(forStaff.status).toBe(200)
  expect(forStaff.headers.get('content-type')).toBe('image/jpeg')
  expect(Buffer.from(await forStaff.arrayBuffer()).equals(stored)).toBe(true)
  expect((await cms.api(`/api/media/file/${filename}`)).status).toBe(403)

  const article = await cms.api('/api/articles', {
    method: 'POST',
    ...json({ ...contentData('articles', 'Images from a bucket', 'published'), heroImage: body.doc.id }, editor.headers),
  })
  expect(article.status).toBe(201)
  const forPublic = await cms.api(`/api/media/file/${filename}`)
  expect(forPublic.status).toBe(200)
  expect(Buffer.from(await forPublic.arrayBuffer()).equals(stored)).toBe(true)
  const card = await cms.api(`/api/media/file/${sizes.card.filename}`)
  expect(card.status).toBe(200)
  expect(card.headers.get('content-type')).toBe('image/jpeg')
})

test('deleting an image deletes its files from the bucket', async () => {
  const { body } = await upload('An image to delete', 'to-delete.jpg')
  const keys = (await keysInBucket()).filter((key) => key.includes('to-delete'))
  expect(keys).toHaveLength(4)
  const admin = await signIn(cms, { email: 'admin@clinic.test', password: 'admin-password-long', roles: ['admin'] })
  expect((await cms.api(`/api/media/${body.doc.id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(200)
  expect((await keysInBucket()).filter((key) => key.includes('to-delete'))).toEqual([])
})

describe('export and restore take the files from the bucket and put them back into one', () => {
  const cli = (args: string[], database: string, dataDir: string, bucket = BUCKET) => runBackupCli(args, { database, dataDir, env: s3.env(bucket, PREFIX) })
  const exported = path.join(work, 'export')

  test('npm run export copies every file the images name out of the bucket', async () => {
    // The running CMS's own database, whichever the suite runs on.
    const source = process.env.DATABASE_URI!
    const { code, output } = await cli(['export', exported], source, cms.dataDir)
    expect({ code, output }).toMatchObject({ code: 0 })
    expect(output).not.toContain('was not in the upload directory or bucket')
    const files = fs.readdirSync(path.join(exported, 'files/media')).sort()
    const keys = (await keysInBucket()).map((key) => key.slice(PREFIX.length + 1))
    expect(files).toEqual(keys)
    for (const file of files) {
      const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}/${file}` }))
      expect(Buffer.from(await object.Body!.transformToByteArray()).equals(fs.readFileSync(path.join(exported, 'files/media', file)))).toBe(true)
    }
  })

  test('npm run restore puts them into an empty bucket, and refuses one that already has them', async () => {
    const target = path.join(work, 'restored')
    const restored = await cli(['restore', exported], `file:${path.join(target, 'kap.db')}`, target, 'restored-images')
    expect({ code: restored.code, output: restored.output }).toMatchObject({ code: 0 })
    expect(restored.output).toContain('it matches the export')
    expect(await keysInBucket('restored-images')).toEqual(await keysInBucket())

    const again = path.join(work, 'restored-again')
    const refused = await cli(['restore', exported], `file:${path.join(again, 'kap.db')}`, again, 'restored-images')
    expect(refused.code).toBe(1)
    expect(refused.output).toMatch(/already exists in bucket restored-images/)
  }, 60_000)
})

describe('when the store cannot be reached', () => {
  afterEach(() => s3.resume())

  test('a new image fails with a JSON 503 and leaves no document behind', async () => {
    const before = (await cms.payload.count({ collection: 'media', overrideAccess: true })).totalDocs
    await s3.pause()
    const { status, body } = await upload('Uploaded while the store is down', 'store-down.jpg')
    expect(status).toBe(503)
    expect(body.errors[0].message).toMatch(/image store did not answer\. Nothing was saved/)
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at |node_modules/)
    expect((await cms.payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(before)
  })

  test('replacing a file fails the same way, and the image keeps its old file and alt text', async () => {
    const { body } = await upload('The image before', 'before.jpg')
    await s3.pause()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(fs.readFileSync(PLACEHOLDER_IMAGE))], { type: 'image/jpeg' }), 'after.jpg')
    form.append('_payload', JSON.stringify({ alt: 'The image after' }))
    const replaced = await cms.api(`/api/media/${body.doc.id}`, { method: 'PATCH', headers: editor.headers, body: form })
    expect(replaced.status).toBe(503)
    const stored = await cms.payload.findByID({ collection: 'media', id: body.doc.id, overrideAccess: true })
    expect({ alt: stored.alt, filename: stored.filename }).toEqual({ alt: 'The image before', filename: 'before.jpg' })

    await s3.resume()
    const served = await cms.api(`/api/media/file/before.jpg`, { headers: editor.headers })
    expect(served.status).toBe(200)
  })
})
