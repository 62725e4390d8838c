import { findLocalMongodBinary } from '../../src/db/mongod-binary'

export type TestDatabaseKind = 'mongodb' | 'postgres' | 'sqlite'

/**
 * TEST_DATABASE=mongodb|postgres|sqlite|auto (default auto: MongoDB where a mongod binary is on this
 * machine, else SQLite). postgres starts a private PostgreSQL server for the run. Forcing one that
 * cannot be had fails the run; it never falls back.
 */
export function requestedTestDatabase(env: NodeJS.ProcessEnv = process.env): {
  kind: TestDatabaseKind
  reason: string
  /** A mongod found on this machine, if any (mongodb-memory-server downloads one otherwise). */
  binary?: string
} {
  const binary = findLocalMongodBinary(env)
  const requested = (env.TEST_DATABASE || 'auto').toLowerCase()
  if (requested === 'mongodb') return { kind: 'mongodb', reason: 'TEST_DATABASE=mongodb', binary }
  if (requested === 'sqlite') return { kind: 'sqlite', reason: 'TEST_DATABASE=sqlite' }
  if (requested === 'postgres') return { kind: 'postgres', reason: 'TEST_DATABASE=postgres' }
  if (requested !== 'auto') {
    throw new Error(`TEST_DATABASE must be mongodb, postgres, sqlite or auto; got ${JSON.stringify(env.TEST_DATABASE)}`)
  }
  return binary
    ? { kind: 'mongodb', reason: `TEST_DATABASE=auto and a mongod binary is at ${binary}`, binary }
    : { kind: 'sqlite', reason: 'TEST_DATABASE=auto and no mongod binary on this machine' }
}
