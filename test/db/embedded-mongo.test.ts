import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { BasePayload, buildConfig } from 'payload'

import { createDatabaseAdapter } from '../../src/db/database-adapter'
import { findLocalMongodBinary } from '../../src/db/mongod-binary'
import { TEST_SECRET } from '../helpers/start-cms'

const binary = findLocalMongodBinary(process.env)

// This check needs a real mongod; it is reported as skipped, with the reason, where there is none.
if (!binary) {
  console.warn(
    'SKIPPED (needs MongoDB): "embedded MongoDB keeps content between restarts" — no mongod binary on this machine. ' + 'Install mongod or set MONGOMS_SYSTEM_BINARY to run it.',
  )
}
const needsMongod = binary ? test : test.skip

describe('embedded MongoDB (mongodb-memory-server)', () => {
  needsMongod('keeps content between restarts in its data directory', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-embedded-mongo-'))
    const start = async () => {
      const config = await buildConfig({
        secret: TEST_SECRET,
        db: createDatabaseAdapter({ kind: 'embedded-mongodb', dbPath: path.join(dir, 'mongodb'), binary: binary as string, reason: 'test' }),
        collections: [{ slug: 'notes', fields: [{ name: 'text', type: 'text' }] }],
      })
      return new BasePayload().init({ config })
    }
    const first = await start()
    await first.create({ collection: 'notes' as never, data: { text: 'kept' } as never })
    await first.destroy()
    const second = await start()
    const notes = await second.find({ collection: 'notes' as never })
    await second.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
    expect(notes.docs.map((note) => (note as unknown as { text: string }).text)).toEqual(['kept'])
  })
})
