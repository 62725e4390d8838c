import { commitTransaction, initTransaction, killTransaction, type Payload, type PayloadRequest } from 'payload'

type SqliteClient = { execute: (sql: string) => Promise<unknown> }

/**
 * Runs a bulk write (a restore, the bench seeder) in one database transaction on `req`, committed
 * when `work` returns and rolled back when it throws. Payload's SQLite adapter runs without
 * transactions (it begins none), so there it is SQLite's own BEGIN … COMMIT on the adapter's one
 * connection: one commit instead of one a row, and nothing left behind by a failure. That is only
 * right in a process that is the database's one writer meanwhile (a command, never the server,
 * whose requests share the connection). Where the database has none here (MongoDB outside a
 * replica set) `work` runs as it is, and a caller that must undo a failure does so itself.
 */
export async function inBulkTransaction<T>(payload: Payload, req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  if (payload.db.name === 'sqlite') {
    const sqlite = (payload.db as unknown as { client: SqliteClient }).client
    await sqlite.execute('BEGIN')
    try {
      const result = await work()
      await sqlite.execute('COMMIT')
      return result
    } catch (error) {
      await sqlite.execute('ROLLBACK')
      throw error
    }
  }
  const started = await initTransaction(req)
  try {
    const result = await work()
    if (started) await commitTransaction(req)
    return result
  } catch (error) {
    if (started) await killTransaction(req)
    throw error
  }
}
