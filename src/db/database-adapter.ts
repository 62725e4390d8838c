import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { projectRoot } from '../config/project-root'
import type { DatabaseChoice } from './select-database'
import { startEmbeddedMongo } from './embedded-mongo'
import { migrations as sqliteMigrations } from './migrations'

/** SQL schema changes are committed as migrations here (npm run migrate:create); MongoDB needs none. */
export const SQLITE_MIGRATIONS_DIR = path.join(projectRoot(), 'src/db/migrations')

/** Turns the database decision into the Payload adapter for it. */
export function createDatabaseAdapter(choice: DatabaseChoice): DatabaseAdapterObj {
  switch (choice.kind) {
    case 'mongodb':
      return mongooseAdapter({ url: choice.url })
    case 'sqlite':
      fs.mkdirSync(path.dirname(choice.file), { recursive: true })
      return migrateOnConnect(
        // busyTimeout: wait for another process's write (npm run export beside the server) instead of failing at once.
        sqliteAdapter({ client: { url: `file:${choice.file}` }, busyTimeout: 5000, push: false, migrationDir: SQLITE_MIGRATIONS_DIR }),
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
function migrateOnConnect(base: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const connect = adapter.connect
      adapter.connect = async function (this: typeof adapter, options) {
        await connect?.call(this, options)
        await this.migrate({ migrations: sqliteMigrations as never })
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
