import { MongoMemoryReplSet } from 'mongodb-memory-server-core'

import { requestedTestDatabase } from './test-database'

/** Said at the start and the end of a run without MongoDB, so a skipped check is never silent. */
export const MONGODB_SKIP_NOTICE =
  'MongoDB checks NOT run: the suite ran on SQLite, and the MongoDB-only checks (test/db/embedded-mongo.test.ts, restoring ' +
  'into MongoDB in test/backup/export-restore.test.ts) are skipped, because no mongod binary is on this machine. Run `npm run test:mongo` where mongod is installed to run everything on MongoDB.'

declare global {
  var __KAP_MONGO__: MongoMemoryReplSet | undefined
}

/** Runs once before every test file: picks the database and says so on the suite's first line. */
export default async function globalSetup(): Promise<void> {
  const { kind, reason, binary } = requestedTestDatabase()
  if (kind === 'mongodb') {
    let replSet: MongoMemoryReplSet
    try {
      replSet = await MongoMemoryReplSet.create({
        replSet: { count: 1, storageEngine: 'wiredTiger' },
        ...(binary ? { binary: { systemBinary: binary } } : {}),
      })
    } catch (error) {
      throw new Error(
        `TEST_DATABASE=mongodb, but no MongoDB server could be started: ${(error as Error).message}. ` +
          'Install mongod (or set MONGOMS_SYSTEM_BINARY to its path), or run the suite on SQLite with npm test.',
        { cause: error },
      )
    }
    globalThis.__KAP_MONGO__ = replSet
    process.env.KAP_TEST_MONGODB_URI = replSet.getUri()
  }
  process.env.KAP_TEST_DATABASE = kind
  console.log(`\nTest database: ${kind === 'mongodb' ? 'MongoDB (mongodb-memory-server replica set)' : 'SQLite (a fresh file per test file)'} — ${reason}\n`)
  if (kind === 'sqlite') console.log(`${MONGODB_SKIP_NOTICE}\n`)
}
