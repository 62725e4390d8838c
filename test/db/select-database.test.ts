import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createDatabaseAdapter } from '../../src/db/database-adapter'
import { findLocalMongodBinary } from '../../src/db/mongod-binary'
import { describeDatabase, selectDatabase } from '../../src/db/select-database'

let dataDir: string
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-select-'))
})
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }))

/** An environment with no mongod anywhere: no PATH entries, no download caches. */
const noMongo = (extra: Record<string, string> = {}) => ({ PATH: '', MONGOMS_DOWNLOAD_DIR: path.join(dataDir, 'none'), ...extra }) as unknown as NodeJS.ProcessEnv

describe('choosing the database from DATABASE_URI', () => {
  test.each(['mongodb://db.internal:27017/kap', 'mongodb+srv://user:pw@cluster0.example.net/kap'])('%s -> MongoDB', (uri) => {
    const choice = selectDatabase(noMongo({ DATABASE_URI: uri }), dataDir)
    expect(choice).toMatchObject({ kind: 'mongodb', url: uri })
    expect(createDatabaseAdapter(choice).name).toBe('mongoose')
  })

  test('file: -> SQLite at that path', () => {
    const file = path.join(dataDir, 'content.db')
    const choice = selectDatabase(noMongo({ DATABASE_URI: `file:${file}` }), dataDir)
    expect(choice).toMatchObject({ kind: 'sqlite', file })
    expect(createDatabaseAdapter(choice).name).toBe('sqlite')
  })

  test.each(['mysql://x', 'kap.db', 'http://example.com', 'postgres:/missing-slashes'])('%s is refused, naming the accepted schemes', (uri) => {
    expect(() => selectDatabase(noMongo({ DATABASE_URI: uri }), dataDir)).toThrow(
      /DATABASE_URI has an unsupported scheme .* Accepted: mongodb:\/\/, mongodb\+srv:\/\/, postgres:\/\/, postgresql:\/\/, file:/,
    )
  })

  test.each(['postgres://kap:pw@db.internal:5432/kap', 'postgresql://kap:pw@db.internal/kap'])('%s is PostgreSQL, with a pool of DATABASE_POOL_MAX connections', (uri) => {
    expect(selectDatabase(noMongo({ DATABASE_URI: uri }), dataDir)).toMatchObject({ kind: 'postgres', url: uri, poolMax: 10 })
    expect(selectDatabase(noMongo({ DATABASE_URI: uri, DATABASE_POOL_MAX: '25' }), dataDir)).toMatchObject({ poolMax: 25 })
    expect(selectDatabase(noMongo({ DATABASE_URI: uri, DATABASE_POOL_MAX: '0' }), dataDir)).toMatchObject({ poolMax: 10 })
    // Fewer than 4 would let saves stall each other (src/db/database-adapter.ts): the default instead.
    expect(selectDatabase(noMongo({ DATABASE_URI: uri, DATABASE_POOL_MAX: '3' }), dataDir)).toMatchObject({ poolMax: 10 })
    expect(describeDatabase(selectDatabase(noMongo({ DATABASE_URI: uri }), dataDir))).toMatch(/^PostgreSQL at postgres(ql)?:\/\/kap:\*\*\*@db\.internal.*up to 10 connections/)
  })

  test('credentials in a connection string never reach the log line', () => {
    const choice = selectDatabase(noMongo({ DATABASE_URI: 'mongodb+srv://admin:s3cret@cluster0.example.net/kap' }), dataDir)
    expect(describeDatabase(choice)).not.toContain('s3cret')
    expect(() => selectDatabase(noMongo({ DATABASE_URI: 'redis://admin:s3cret@host' }), dataDir)).toThrow(/redis:\/\/admin:\*\*\*@host/)
    expect(() => selectDatabase(noMongo({ DATABASE_URI: 'redis://tokenonly@host' }), dataDir)).toThrow(/redis:\/\/\*\*\*@host/)
  })
})

describe('the embedded default, with no DATABASE_URI', () => {
  test('is an SQLite file under the data directory where no mongod can be had, and says why', () => {
    const choice = selectDatabase(noMongo(), dataDir)
    expect(choice).toMatchObject({ kind: 'sqlite', file: path.join(dataDir, 'kap.db') })
    expect(describeDatabase(choice)).toMatch(/no DATABASE_URI and no mongod binary/)
  })

  test('is embedded MongoDB, kept under the data directory, where a mongod binary is on this machine', () => {
    const binary = path.join(dataDir, 'bin', 'mongod')
    fs.mkdirSync(path.dirname(binary))
    fs.writeFileSync(binary, '#!/bin/sh\n', { mode: 0o755 })
    const choice = selectDatabase(noMongo({ PATH: path.dirname(binary) }), dataDir)
    expect(choice).toMatchObject({ kind: 'embedded-mongodb', dbPath: path.join(dataDir, 'mongodb'), binary })
    expect(createDatabaseAdapter(choice).name).toBe('mongoose')
  })

  test('stays on SQLite once it holds content, even if a mongod appears later', () => {
    fs.writeFileSync(path.join(dataDir, 'kap.db'), '')
    const binary = path.join(dataDir, 'mongod')
    fs.writeFileSync(binary, '#!/bin/sh\n', { mode: 0o755 })
    const choice = selectDatabase(noMongo({ MONGOMS_SYSTEM_BINARY: binary }), dataDir)
    expect(choice.kind).toBe('sqlite')
    expect(choice.reason).toMatch(/already exists/)
  })

  test('a MONGOMS_SYSTEM_BINARY that does not exist is not used', () => {
    expect(findLocalMongodBinary(noMongo({ MONGOMS_SYSTEM_BINARY: '/nowhere/mongod' }))).toBeUndefined()
  })
})
