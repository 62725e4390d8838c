import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { generateImportMap, type SanitizedConfig } from 'payload'
import { generateTypes } from 'payload/node'

import { TEST_SECRET } from './helpers/start-cms'

/**
 * Files Payload generates from the config are committed; when the content model changes they must
 * be regenerated (npm run generate:types, npm run generate:importmap) or sites get wrong types and
 * the admin UI's editor breaks. This fails until they are.
 */
let config: SanitizedConfig
let dir: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-generated-'))
  process.env.PAYLOAD_SECRET = TEST_SECRET
  process.env.DATA_DIR = dir
  process.env.DATABASE_URI = `file:${path.join(dir, 'unused.db')}`
  config = (await import('../payload.config')).default as unknown as SanitizedConfig
  config = await config
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

test('payload-types.ts matches the content model', async () => {
  const outputFile = path.join(dir, 'payload-types.ts')
  await generateTypes({ ...config, typescript: { ...config.typescript, outputFile } }, { log: false })
  expect(fs.readFileSync(outputFile, 'utf8')).toBe(fs.readFileSync('payload-types.ts', 'utf8'))
})

test("the admin UI's import map matches the config", async () => {
  const committed = 'src/app/(payload)/admin/importMap.js'
  const importMapFile = path.join(dir, 'importMap.js')
  fs.writeFileSync(importMapFile, '')
  await generateImportMap({ ...config, admin: { ...config.admin, importMap: { ...config.admin.importMap, importMapFile } } } as SanitizedConfig, { force: true, log: false })
  expect(fs.readFileSync(importMapFile, 'utf8')).toBe(fs.readFileSync(committed, 'utf8'))
})
