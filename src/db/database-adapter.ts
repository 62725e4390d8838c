import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import type { DatabaseChoice } from './select-database'
import { startEmbeddedMongo } from './embedded-mongo'

/** Turns the database decision into the Payload adapter for it. */
export function createDatabaseAdapter(choice: DatabaseChoice): DatabaseAdapterObj {
  switch (choice.kind) {
    case 'mongodb':
      return mongooseAdapter({ url: choice.url })
    case 'sqlite':
      fs.mkdirSync(path.dirname(choice.file), { recursive: true })
      return sqliteAdapter({ client: { url: `file:${choice.file}` } })
    case 'embedded-mongodb':
      return embeddedMongoAdapter(choice.dbPath, choice.binary)
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
