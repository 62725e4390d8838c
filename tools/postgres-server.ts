// A private PostgreSQL server (Debian's packaged binaries) for the tests, the benchmark and the
// soak: its own data directory and port, started and stopped by the caller, never the system's cluster.
import { execFile } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

import pg from 'pg'

import { freePort } from './server-process'

const run = promisify(execFile)
const USER = 'kap'

export type PostgresServer = {
  port: number
  /** A connection string for one database on this server. */
  uri: (database: string) => string
  /** Creates an empty database and returns its connection string. */
  createDatabase: (name: string) => Promise<string>
  stop: () => Promise<void>
}

/** Where PostgreSQL's server binaries are (PG_BIN_DIR, else the newest /usr/lib/postgresql/<version>/bin), or undefined. */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PG_BIN_DIR) return fs.existsSync(path.join(env.PG_BIN_DIR, 'initdb')) ? env.PG_BIN_DIR : undefined
  const root = '/usr/lib/postgresql'
  if (!fs.existsSync(root)) return undefined
  const versions = fs
    .readdirSync(root)
    .filter((version) => fs.existsSync(path.join(root, version, 'bin/initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions.length ? path.join(root, versions[0], 'bin') : undefined
}

/**
 * initdb into a temporary directory and start the server on a free port, listening on 127.0.0.1
 * only, with password authentication for the `kap` user. PostgreSQL refuses to run as root, so as
 * root the commands run as the `postgres` system user. `durable: false` (tests) turns off fsync.
 */
export async function startPostgresServer({ durable = false }: { durable?: boolean } = {}): Promise<PostgresServer> {
  const bin = findPostgresBinaries()
  if (!bin) throw new Error('No PostgreSQL server binaries (initdb) on this machine: apt-get install -y postgresql, or set PG_BIN_DIR.')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-pg-'))
  const password = crypto.randomBytes(12).toString('hex')
  fs.writeFileSync(path.join(dir, 'pwfile'), password)
  const asRoot = process.getuid?.() === 0
  if (asRoot) await run('chown', ['-R', 'postgres:postgres', dir])
  const shell = (command: string) => (asRoot ? run('su', ['postgres', '-s', '/bin/sh', '-c', command]) : run('/bin/sh', ['-c', command]))
  const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`
  const port = await freePort()
  const data = path.join(dir, 'data')
  await shell(
    `${quote(path.join(bin, 'initdb'))} -D ${quote(data)} -U ${USER} --pwfile=${quote(path.join(dir, 'pwfile'))} --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --no-instructions > /dev/null`,
  )
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ]
  try {
    await shell(`${quote(path.join(bin, 'pg_ctl'))} -D ${quote(data)} -l ${quote(path.join(dir, 'server.log'))} -w -o ${quote(settings.join(' '))} start > /dev/null`)
  } catch (error) {
    const log = fs.existsSync(path.join(dir, 'server.log')) ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8') : ''
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${log}`, { cause: error })
  }
  const uri = (database: string) => `postgres://${USER}:${password}@127.0.0.1:${port}/${database}`
  return {
    port,
    uri,
    createDatabase: async (name) => {
      const client = new pg.Client({ connectionString: uri('postgres') })
      await client.connect()
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
      } finally {
        await client.end()
      }
      return uri(name)
    },
    stop: async () => {
      await shell(`${quote(path.join(bin, 'pg_ctl'))} -D ${quote(data)} -m fast -w stop > /dev/null`).catch(() => undefined)
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
