import fs from 'node:fs'

import { PLACEHOLDER_IMAGE } from '../../src/import/seed-content'
import { signIn, startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms
let editor: Awaited<ReturnType<typeof signIn>>

beforeAll(async () => {
  process.env.UPLOAD_MAX_BYTES = String(200 * 1024)
  cms = await startTestCms()
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
})
afterAll(async () => {
  delete process.env.UPLOAD_MAX_BYTES
  await cms.stop()
})

async function upload(bytes: Buffer, filename: string, type: string) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  form.append('_payload', JSON.stringify({ alt: 'An image' }))
  const response = await cms.api('/api/media', { method: 'POST', headers: editor.headers, body: form })
  return { status: response.status, body: await response.json() }
}

const SVG_WITH_SCRIPT = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/api/users/me").then(r=>r.text()).then(alert)</script><rect width="10" height="10"/></svg>',
)

test('a real JPEG is accepted', async () => {
  const { status, body } = await upload(fs.readFileSync(PLACEHOLDER_IMAGE), 'waterfall.jpg', 'image/jpeg')
  expect(status).toBe(201)
  expect(body.doc.mimeType).toBe('image/jpeg')
})

test.each([
  ['an SVG carrying script, named and typed as PNG', SVG_WITH_SCRIPT, 'innocent.png', 'image/png'],
  ['an SVG carrying script, as SVG', SVG_WITH_SCRIPT, 'drawing.svg', 'image/svg+xml'],
  ['HTML named as JPEG', Buffer.from('<!doctype html><script>alert(1)</script>'), 'photo.jpg', 'image/jpeg'],
  ['a script named as GIF', Buffer.from('alert(document.cookie)'), 'anim.gif', 'image/gif'],
])('%s is refused by its content, and nothing is stored', async (_label, bytes, filename, type) => {
  const before = (await cms.payload.count({ collection: 'media', overrideAccess: true })).totalDocs
  const { status, body } = await upload(bytes, filename, type)
  expect(status).toBe(400)
  expect(JSON.stringify(body)).toMatch(/file|type/i)
  expect((await cms.payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(before)
})

test('an image over UPLOAD_MAX_BYTES is refused with 413', async () => {
  const before = (await cms.payload.count({ collection: 'media', overrideAccess: true })).totalDocs
  const big = Buffer.concat([fs.readFileSync(PLACEHOLDER_IMAGE), Buffer.alloc(400 * 1024)])
  const { status, body } = await upload(big, 'huge.jpg', 'image/jpeg')
  expect(status).toBe(413)
  expect(body.errors[0].message).toMatch(/larger than the limit/)
  expect((await cms.payload.count({ collection: 'media', overrideAccess: true })).totalDocs).toBe(before)
})
