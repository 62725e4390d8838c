import { MongoMemoryReplSet } from 'mongodb-memory-server-core'

import { findPostgresBinaries, type PostgresServer, startPostgresServer } from '../../tools/postgres-server'
import { findNginx } from '../../tools/nginx-balancer'
import { findRedisServer } from '../../tools/redis-server'
import { requestedTestDatabase } from './test-database'

/** Said at the start and the end of a run without MongoDB, so a skipped check is never silent. */
export const MONGODB_SKIP_NOTICE =
  'MongoDB checks NOT run: the suite ran without MongoDB, and the MongoDB-only checks (test/db/embedded-mongo.test.ts, restoring ' +
  'into MongoDB in test/backup/export-restore.test.ts) are skipped, because no mongod binary is on this machine. Run `npm run test:mongo` where mongod is installed to run everything on MongoDB.'

/** Said at the start and the end of a run on a machine without PostgreSQL or Redis (.ci/run installs both). */
export function missingServicesNotice(): string | undefined {
  const missing = [
    !findPostgresBinaries() && 'PostgreSQL (apt-get install -y postgresql)',
    !findRedisServer() && 'redis-server (apt-get install -y redis-server)',
    !findNginx() && 'nginx (apt-get install -y nginx-light)',
  ].filter(Boolean)
  if (!missing.length) return undefined
  return (
    `Several-process checks NOT run: where their service is missing, test/cluster/several-processes.test.ts, test/coordination/redis-coordinator.test.ts, ` +
    `the three-process soak in test/soak/soak.test.ts and restoring into PostgreSQL in test/backup/export-restore.test.ts are skipped: this machine lacks ${missing.join(' and ')}.`
  )
}

declare global {
  var __KAP_MONGO__: MongoMemoryReplSet | undefined
  var __KAP_POSTGRES__: PostgresServer | undefined
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
  if (kind === 'postgres') {
    try {
      globalThis.__KAP_POSTGRES__ = await startPostgresServer()
    } catch (error) {
      throw new Error(`TEST_DATABASE=postgres, but no PostgreSQL server could be started: ${(error as Error).message}`, { cause: error })
    }
    process.env.KAP_TEST_POSTGRES_URI = globalThis.__KAP_POSTGRES__.uri('postgres')
  }
  process.env.KAP_TEST_DATABASE = kind
  const described = {
    mongodb: 'MongoDB (mongodb-memory-server replica set)',
    postgres: 'PostgreSQL (a private server for this run, a fresh database per test file)',
    sqlite: 'SQLite (a fresh file per test file)',
  }[kind]
  console.log(`\nTest database: ${described} — ${reason}\n`)
  if (kind !== 'mongodb') console.log(`${MONGODB_SKIP_NOTICE}\n`)
  const services = missingServicesNotice()
  if (services) console.log(`${services}\n`)
}
