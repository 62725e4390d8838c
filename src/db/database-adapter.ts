import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { postgresAdapter, sql } from '@payloadcms/db-postgres'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { CreateVersionArgs, DatabaseAdapterObj, JsonObject, Payload, TypeWithVersion } from 'payload'

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
          limitOpenTransactions(
            versionWritesInTurn(
              postgresAdapter({ pool: { connectionString: choice.url, max: choice.poolMax }, push: false, migrationDir: POSTGRES_MIGRATIONS_DIR, disableCreateDatabase: true }),
            ),
            openTransactionsFor(choice.poolMax),
          ),
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
      return keepPlannerStatistics(
        migrateOnConnect(
          // busyTimeout: wait for another process's write (npm run export beside the server) instead of failing at once.
          sqliteAdapter({ client: { url: `file:${choice.file}` }, busyTimeout: 5000, push: false, migrationDir: SQLITE_MIGRATIONS_DIR }),
          sqliteMigrations,
        ),
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

type SqlClient = { execute: (sql: string) => Promise<unknown> }

/** Gathers SQLite's planner statistics, sampling each index (analysis_limit) so it takes milliseconds at any size. */
export async function refreshPlannerStatistics(client: SqlClient): Promise<void> {
  await client.execute('PRAGMA analysis_limit = 1000')
  await client.execute('ANALYZE')
}

/**
 * Planner statistics for a bulk write in this process (a restore). Those gathered when it connected
 * describe an empty database, and SQLite then plans as if every table were still empty: at 15,000
 * articles each lookup of an article's topics walked the whole topics table (its index leads with
 * the position, usable only once statistics say so), and the restore grew quadratically. So they are
 * gathered again each time the writes double, and once more when the write is done, before anything
 * reads it back; a sampled ANALYZE takes under a second at 50,000 articles. PostgreSQL estimates row
 * counts from the tables' current size, so nothing is done there (not measured at this scale here).
 */
export function plannerStatisticsDuringBulkWrite(payload: Payload, firstAfterWrites = 1000) {
  let next = firstAfterWrites
  const refresh = async () => {
    if (payload.db.name === 'sqlite') await refreshPlannerStatistics((payload.db as unknown as { client: SqlClient }).client)
  }
  return {
    /** Call after each write with how many there have been. */
    wrote: async (writes: number) => {
      if (writes < next) return
      next = writes * 2
      await refresh()
    },
    refresh,
  }
}

/** How often SQLite's planner statistics are refreshed while the server runs. */
export const PLANNER_STATISTICS_EVERY_MS = 6 * 60 * 60 * 1000

/**
 * SQLite plans a query from statistics that only ANALYZE gathers (PostgreSQL's autovacuum keeps its
 * own). Without them it guesses that any indexed equality finds about ten rows: article pages read
 * together (`slug IN (…30 slugs…) AND _status = 'published'`) were then read through the status
 * index, every published article of the site, and uncached reads at 5,000 articles ran at half their
 * rate at 500. So statistics are gathered after migrating and every few hours, each index sampled
 * (analysis_limit), which keeps the cost to milliseconds at any size. A failure is logged and the
 * server goes on with the plans it had.
 */
function keepPlannerStatistics(base: DatabaseAdapterObj, everyMs = PLANNER_STATISTICS_EVERY_MS): DatabaseAdapterObj {
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const connect = adapter.connect
      const destroy = adapter.destroy
      let timer: NodeJS.Timeout | undefined
      const analyze = async () => {
        try {
          await refreshPlannerStatistics((adapter as unknown as { client: SqlClient }).client)
        } catch (error) {
          adapter.payload.logger.warn({ err: error }, 'SQLite: could not refresh the query planner statistics (ANALYZE); queries keep their current plans')
        }
      }
      adapter.connect = async function (this: typeof adapter, options) {
        await connect?.call(this, options)
        await analyze()
        timer = setInterval(() => void analyze(), everyMs).unref()
      }
      adapter.destroy = async function (this: typeof adapter) {
        clearInterval(timer)
        await destroy?.call(this)
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
 * Payload's SQL adapter records a version by inserting it and then marking the document's other
 * versions not latest. Two saves of one document at once (two editors, or an API client and an
 * editor) could each miss the other's uncommitted version, leaving two "latest" drafts, or lock
 * those rows in opposite orders and be ended by PostgreSQL as a deadlock: a 500 for a plain save.
 * So saves of one document write their versions in turn (a transaction-scoped advisory lock on the
 * document; saves of different documents never wait on each other), inside a savepoint that a
 * deadlock with any other writer rolls back to before the version is written again.
 */
const VERSION_WRITE_ATTEMPTS = 5

function versionWritesInTurn(base: DatabaseAdapterObj): DatabaseAdapterObj {
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const createVersion = adapter.createVersion
      adapter.createVersion = async function <T extends JsonObject = JsonObject>(this: typeof adapter, versionArgs: CreateVersionArgs<T>) {
        const drizzleAdapter = this as unknown as { sessions: Record<string, { db: unknown }>; execute: (args: { db: unknown; sql: unknown }) => Promise<unknown> }
        const transaction = versionArgs.req?.transactionID ? drizzleAdapter.sessions[String(await versionArgs.req.transactionID)]?.db : undefined
        if (!transaction) return createVersion.call(this, versionArgs) as Promise<TypeWithVersion<T>>
        const run = (statement: unknown) => drizzleAdapter.execute({ db: transaction, sql: statement })
        // Saves of one document write their versions in turn (released when the transaction ends), so each marks the one before it not latest.
        await run(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${versionArgs.collectionSlug}:${versionArgs.parent}`}, 0))`)
        for (let attempt = 1; ; attempt++) {
          await run(sql`SAVEPOINT kap_version_write`)
          try {
            const version = (await createVersion.call(this, versionArgs)) as TypeWithVersion<T>
            await run(sql`RELEASE SAVEPOINT kap_version_write`)
            return version
          } catch (error) {
            if (!isDeadlock(error) || attempt === VERSION_WRITE_ATTEMPTS) throw error
            await run(sql`ROLLBACK TO SAVEPOINT kap_version_write`)
            await new Promise((resolve) => setTimeout(resolve, attempt * (5 + Math.random() * 20)))
          }
        }
      }
      return adapter
    },
  }
}

/**
 * Connections the pool keeps for work outside transactions. Payload holds one for good (above), and
 * a save asks for a second while its transaction holds the first: its document-lock check reads
 * outside the transaction. With as many saves at once as the pool has connections, every
 * connection belonged to a transaction waiting for one more, and the server stopped answering.
 */
const CONNECTIONS_KEPT_OUTSIDE_TRANSACTIONS = 3

export const openTransactionsFor = (poolMax: number): number => Math.max(1, poolMax - CONNECTIONS_KEPT_OUTSIDE_TRANSACTIONS)

/** At most `limit` transactions hold a connection at once; a save beyond them waits its turn, holding none. */
function limitOpenTransactions(base: DatabaseAdapterObj, limit: number): DatabaseAdapterObj {
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const { beginTransaction, commitTransaction, rollbackTransaction } = adapter
      let open = 0
      const waiting: (() => void)[] = []
      const held = new Set<string | number>()
      // A finished transaction's turn goes to the next waiting one, or back to the pool of turns.
      const passTurnOn = () => {
        const next = waiting.shift()
        if (next) next()
        else open--
      }
      const release = (id: string | number | Promise<string | number>) => {
        void Promise.resolve(id).then((resolved) => held.delete(resolved) && passTurnOn())
      }
      adapter.beginTransaction = async function (this: typeof adapter, options) {
        if (open < limit) open++
        else await new Promise<void>((resolve) => waiting.push(resolve))
        let id
        try {
          id = await beginTransaction.call(this, options)
        } catch (error) {
          passTurnOn()
          throw error
        }
        // No transaction (none began): nothing holds a connection, so the turn is not kept.
        if (id === null || id === undefined) passTurnOn()
        else held.add(id)
        return id
      }
      adapter.commitTransaction = async function (this: typeof adapter, id) {
        try {
          return await commitTransaction.call(this, id)
        } finally {
          release(id)
        }
      }
      adapter.rollbackTransaction = async function (this: typeof adapter, id) {
        try {
          return await rollbackTransaction.call(this, id)
        } finally {
          release(id)
        }
      }
      return adapter
    },
  }
}

/** PostgreSQL's deadlock_detected (40P01), as pg reports it or as Drizzle wraps it. */
function isDeadlock(error: unknown): boolean {
  const code = (value: unknown) => (value as { code?: string } | undefined)?.code
  return code(error) === '40P01' || code((error as { cause?: unknown })?.cause) === '40P01'
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
