import pg from 'pg'

import { ConfigurationError } from '../config/configuration-error'
import { redactUri } from './select-database'

const CONNECT_TIMEOUT_MS = 10_000

/**
 * Connects once before Payload does, so a wrong DATABASE_URI stops startup with one line that
 * names the problem (never the password) instead of the driver's stack trace.
 */
export async function checkPostgresConnection(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS })
  try {
    await client.connect()
  } catch (error) {
    throw new ConfigurationError(describeConnectionFailure(error as Error & { code?: string }, url), { cause: error })
  } finally {
    await client.end().catch(() => undefined)
  }
}

export function describeConnectionFailure(error: Error & { code?: string }, url: string): string {
  const parsed = safeUrl(url)
  const where = parsed ? `${parsed.hostname}:${parsed.port || 5432}` : 'the server in DATABASE_URI'
  const database = parsed ? decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(none named)' : '(unknown)'
  const user = parsed ? decodeURIComponent(parsed.username) || '(none named)' : '(unknown)'
  switch (error.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `PostgreSQL at ${where} cannot be reached (${error.code}): is the server running, and are the host and port in DATABASE_URI right? (${redactUri(url)})`
    case '28P01':
      return `PostgreSQL at ${where} refused the password for user "${user}": check the credentials in DATABASE_URI (${redactUri(url)})`
    case '28000':
      return `PostgreSQL at ${where} does not let user "${user}" connect to "${database}" (${error.message}) (${redactUri(url)})`
    case '3D000':
      return `The database "${database}" does not exist on PostgreSQL at ${where}: create it (createdb ${database}) or fix DATABASE_URI (${redactUri(url)})`
    default:
      if (/timeout/i.test(error.message)) return `PostgreSQL at ${where} did not answer within ${CONNECT_TIMEOUT_MS / 1000} s (${redactUri(url)})`
      return `Cannot connect to PostgreSQL at ${where}: ${error.message} (${redactUri(url)})`
  }
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

/**
 * Runs `work` holding a PostgreSQL advisory lock, so that of several processes starting at the
 * same moment one applies the migrations and the others wait, then find nothing left to do.
 */
export async function withMigrationLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  // Any fixed number: it names the lock. 0x4b4150 is "KAP".
  const LOCK = 0x4b4150
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK])
    return await work()
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK]).catch(() => undefined)
    await client.end().catch(() => undefined)
  }
}
