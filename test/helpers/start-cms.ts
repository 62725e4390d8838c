import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import pg from 'pg'

import { startServer } from '../../src/server'

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long'

export type TestCms = {
  payload: Payload
  url: string
  dataDir: string
  /** fetch against the running server, e.g. api('/api/users'). */
  api: (pathname: string, init?: RequestInit) => Promise<Response>
  stop: () => Promise<void>
  /** Sends due webhook deliveries now instead of at the next poll. */
  deliverWebhooks: () => Promise<void>
}

/**
 * Starts the real server (Express + Payload, without the Next admin UI) on an ephemeral port and a
 * database of its own: a fresh SQLite file, or a fresh database on the suite's MongoDB.
 */
export async function startTestCms(): Promise<TestCms> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-test-'))
  process.env.DATA_DIR = dataDir
  process.env.PAYLOAD_SECRET = TEST_SECRET
  process.env.DATABASE_URI = await testDatabaseUri(dataDir)
  // Quiet by default; LOG_LEVEL=info npm test shows the server's log.
  process.env.LOG_LEVEL ||= 'silent'
  const server = await startServer({ admin: false, port: 0 })
  return {
    payload: server.payload,
    url: server.url,
    dataDir,
    api: (pathname, init) => fetch(server.url + pathname, init),
    deliverWebhooks: server.deliverWebhooks,
    stop: async () => {
      await server.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

async function testDatabaseUri(dataDir: string): Promise<string> {
  if (process.env.KAP_TEST_DATABASE === 'postgres') {
    const name = `kap_test_${crypto.randomBytes(4).toString('hex')}`
    const client = new pg.Client({ connectionString: process.env.KAP_TEST_POSTGRES_URI })
    await client.connect()
    await client.query(`CREATE DATABASE ${name}`).finally(() => client.end())
    const url = new URL(process.env.KAP_TEST_POSTGRES_URI as string)
    url.pathname = `/${name}`
    return url.toString()
  }
  if (process.env.KAP_TEST_DATABASE === 'mongodb') {
    const base = new URL(process.env.KAP_TEST_MONGODB_URI as string)
    base.pathname = `/kap_test_${crypto.randomBytes(4).toString('hex')}`
    return base.toString()
  }
  return `file:${path.join(dataDir, 'test.db')}`
}

/** Creates a user directly and signs in over REST, returning the Authorization header to send. */
export async function signIn(cms: TestCms, user: { email: string; password: string; roles?: string[] }): Promise<{ id: string | number; headers: Record<string, string> }> {
  const existing = await cms.payload.find({
    collection: 'users',
    where: { email: { equals: user.email } },
    overrideAccess: true,
  })
  const doc =
    existing.docs[0] ??
    (await cms.payload.create({
      collection: 'users',
      data: { email: user.email, password: user.password, roles: user.roles ?? ['editor'] } as never,
      overrideAccess: true,
    }))
  const response = await cms.api('/api/users/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  })
  const body = await response.json()
  if (!response.ok) throw new Error(`login failed for ${user.email}: ${JSON.stringify(body)}`)
  return { id: doc.id, headers: { Authorization: `JWT ${body.token}` } }
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
})
