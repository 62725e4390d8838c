import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { projectRoot } from '../config/project-root'
import { startEmbeddedMongo } from './embedded-mongo'
import { migrations as postgresMigrations } from './migrations-postgres'
import { migrations as sqliteMigrations } from './migrations-sqlite'
import { checkPostgresConnection, withMigrationLock } from './postgres-connection'
import type { DatabaseChoice } from './select-database'

/** SQL schema changes are committed as migrations, one set per SQL database (npm run migrate:create); MongoDB needs none. */
export const SQLITE_MIGRATIONS_DIR = path.join(projectRoot(), 'src/db/migrations-sqlite')
export const POSTGRES_MIGRATIONS_DIR = path.join(projectRoot(), 'src/db/migrations-postgres')

/** Turns the database decision into the Payload adapter for it. */
export function createDatabaseAdapter(choice: DatabaseChoice): DatabaseAdapterObj {
  switch (choice.kind) {
    case 'mongodb':
      return mongooseAdapter({ url: choice.url })
    case 'postgres':
      return migrateOnConnect(
        // Transactions are on (the adapter's default); a missing database is an error, not created behind the operator's back.
        closePoolOnDestroy(
          postgresAdapter({ pool: { connectionString: choice.url, max: choice.poolMax }, push: false, migrationDir: POSTGRES_MIGRATIONS_DIR, disableCreateDatabase: true }),
        ),
        postgresMigrations,
        {
          before: () => checkPostgresConnection(choice.url),
          // Several processes starting together: one migrates, the others wait for it.
          around: (migrate) => withMigrationLock(choice.url, migrate),
        },
      )
    case 'sqlite':
      fs.mkdirSync(path.dirname(choice.file), { recursive: true })
      return migrateOnConnect(
        // busyTimeout: wait for another process's write (npm run export beside the server) instead of failing at once.
        sqliteAdapter({ client: { url: `file:${choice.file}` }, busyTimeout: 5000, push: false, migrationDir: SQLITE_MIGRATIONS_DIR }),
        sqliteMigrations,
      )
    case 'embedded-mongodb':
      return embeddedMongoAdapter(choice.dbPath, choice.binary)
  }
}

/**
 * Brings the SQL schema up to date from the committed migrations on every start, in development and
 * tests as in production, so a database file never depends on which mode created it (Payload's
 * development "push" would make a later production start stop and ask to lose data).
 */
function migrateOnConnect(
  base: DatabaseAdapterObj,
  // Each adapter's migrations take its own arguments (MigrateUpArgs of db-sqlite or db-postgres).
  migrations: readonly { name: string; up: (args: never) => Promise<void>; down: (args: never) => Promise<void> }[],
  { before, around = (migrate) => migrate() }: { before?: () => Promise<void>; around?: (migrate: () => Promise<void>) => Promise<void> } = {},
): DatabaseAdapterObj {
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const connect = adapter.connect
      adapter.connect = async function (this: typeof adapter, options) {
        await before?.()
        await connect?.call(this, options)
        await around(() => this.migrate({ migrations: migrations as never }))
      }
      return adapter
    },
  }
}

/**
 * Payload's PostgreSQL adapter (3.90) checks one client out of its pool on connect to watch for
 * resets and never gives it back, and destroy() forgets the pool without ending it: a stopped CMS
 * kept its connections open, and pool.end() alone would wait for that client forever. So the
 * client held at connect is remembered, and destroy() releases it and ends the pool.
 */
type PgPool = { end: () => Promise<void>; ended?: boolean; _clients?: { release?: (destroy?: boolean) => void }[] }

function closePoolOnDestroy(base: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const connect = adapter.connect
      const destroy = adapter.destroy
      let heldAtConnect: { release?: (destroy?: boolean) => void }[] = []
      adapter.connect = async function (this: typeof adapter, options) {
        await connect?.call(this, options)
        heldAtConnect = [...((this as unknown as { pool?: PgPool }).pool?._clients ?? [])]
      }
      adapter.destroy = async function (this: typeof adapter) {
        const pool = (this as unknown as { pool?: PgPool }).pool
        await destroy?.call(this)
        for (const client of heldAtConnect) client.release?.(true)
        heldAtConnect = []
        if (pool && !pool.ended) await pool.end()
      }
      return adapter
    },
  }
}

/**
 * The MongoDB adapter, connected to a mongod that this process starts on first connect (not at
 * import, so building the admin UI never starts a database) and stops when Payload closes it.
 */
function embeddedMongoAdapter(dbPath: string, binary: string): DatabaseAdapterObj {
  const base = mongooseAdapter({ url: 'mongodb://embedded-placeholder' })
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const connect = adapter.connect
      const destroy = adapter.destroy
      let stop: (() => Promise<void>) | undefined
      adapter.connect = async function (this: typeof adapter, options) {
        const embedded = await startEmbeddedMongo(dbPath, binary)
        stop = embedded.stop
        ;(this as unknown as { url: string }).url = embedded.uri
        return connect?.call(this, options)
      }
      adapter.destroy = async function (this: typeof adapter) {
        await destroy?.call(this)
        await stop?.()
      }
      return adapter
    },
  }
}
