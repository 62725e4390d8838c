import fs from 'node:fs'
import path from 'node:path'

import { ConfigurationError } from '../config/configuration-error'
import { wholeNumber } from '../config/env-number'
import { findLocalMongodBinary } from './mongod-binary'

/**
 * What database the CMS will use, decided from the environment alone (no connection is made here).
 * Kept as plain data so the decision is testable and can be logged at startup.
 */
export type DatabaseChoice =
  | { kind: 'mongodb'; url: string; reason: string }
  | { kind: 'postgres'; url: string; poolMax: number; reason: string }
  | { kind: 'sqlite'; file: string; reason: string }
  | { kind: 'embedded-mongodb'; dbPath: string; binary: string; reason: string }

export const ACCEPTED_SCHEMES = ['mongodb://', 'mongodb+srv://', 'postgres://', 'postgresql://', 'file:'] as const

/** Connections each process keeps open to PostgreSQL at most (DATABASE_POOL_MAX). */
export const DEFAULT_POOL_MAX = 10
/** Payload keeps one connection, a save's transaction another, and its lock check a third: fewer stalls saves. */
export const MIN_POOL_MAX = 4

export const SQLITE_FILE_NAME = 'kap.db'
export const EMBEDDED_MONGO_DIR = 'mongodb'

export function selectDatabase(env: NodeJS.ProcessEnv, dataDirectory: string): DatabaseChoice {
  const uri = env.DATABASE_URI?.trim()
  if (uri) {
    if (uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')) {
      return { kind: 'mongodb', url: uri, reason: 'DATABASE_URI is a MongoDB connection string' }
    }
    if (uri.startsWith('postgres://') || uri.startsWith('postgresql://')) {
      return {
        kind: 'postgres',
        url: uri,
        poolMax: wholeNumber(env, 'DATABASE_POOL_MAX', DEFAULT_POOL_MAX, MIN_POOL_MAX),
        reason: 'DATABASE_URI is a PostgreSQL connection string',
      }
    }
    if (uri.startsWith('file:')) {
      const file = path.resolve(uri.slice('file:'.length).replace(/^\/\/(?=\/)/, ''))
      return { kind: 'sqlite', file, reason: 'DATABASE_URI names an SQLite file' }
    }
    throw new ConfigurationError(
      `DATABASE_URI has an unsupported scheme (${JSON.stringify(redactUri(uri))}). Accepted: ${ACCEPTED_SCHEMES.join(', ')} ` +
        `— for example mongodb://localhost:27017/kap, postgres://kap:…@localhost:5432/kap or file:./.data/kap.db. Leave it unset to use the embedded database.`,
    )
  }

  const sqliteFile = path.join(dataDirectory, SQLITE_FILE_NAME)
  const mongoDir = path.join(dataDirectory, EMBEDDED_MONGO_DIR)
  // The embedded choice is sticky: switching engines under existing content would make it look lost.
  if (fs.existsSync(sqliteFile)) {
    return {
      kind: 'sqlite',
      file: sqliteFile,
      reason: `no DATABASE_URI; embedded SQLite data already exists at ${sqliteFile}`,
    }
  }
  const binary = findLocalMongodBinary(env)
  if (binary) {
    return {
      kind: 'embedded-mongodb',
      dbPath: mongoDir,
      binary,
      reason: `no DATABASE_URI; embedded MongoDB (mongodb-memory-server) with the mongod binary at ${binary}`,
    }
  }
  return {
    kind: 'sqlite',
    file: sqliteFile,
    reason: 'no DATABASE_URI and no mongod binary on this machine (set MONGOMS_SYSTEM_BINARY or put mongod on PATH for embedded MongoDB)',
  }
}

/** Never print credentials embedded in a connection string (the user name stays: it helps, and is no secret). */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/:]*)(:[^@/]*)?@/, (_match, user: string, password?: string) => `//${password ? `${user}:***` : '***'}@`)
}

export function describeDatabase(choice: DatabaseChoice): string {
  switch (choice.kind) {
    case 'mongodb':
      return `MongoDB at ${redactUri(choice.url)} (${choice.reason})`
    case 'postgres':
      return `PostgreSQL at ${redactUri(choice.url)}, up to ${choice.poolMax} connections (${choice.reason})`
    case 'embedded-mongodb':
      return `embedded MongoDB, data in ${choice.dbPath} (${choice.reason})`
    case 'sqlite':
      return `SQLite file ${choice.file} (${choice.reason})`
  }
}
