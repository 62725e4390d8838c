import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { verifyWebhook } from '../../src/webhooks/signature'
import { findPostgresBinaries, type PostgresServer, startPostgresServer } from '../../tools/postgres-server'
import { PLACEHOLDER_IMAGE } from '../../src/import/seed-content'
import { findRedisServer, type RedisServer, startRedisServer } from '../../tools/redis-server'
import { type S3Server, startS3Server } from '../../tools/s3-server'
import { type ServerProcess, startServerProcess, waitUntilReady } from '../../tools/server-process'
import { waitFor } from '../../tools/wait-for'

/**
 * Three server processes on one PostgreSQL database, coordinating through Redis, as behind a load
 * balancer: editors write through the first, readers read through the others. Real services
 * (Debian's postgresql and redis-server, started here); where they are missing, the suite's first
 * and last lines say these checks did not run (test/helpers/global-setup.ts). No shared directory:
 * each process has its own DATA_DIR and images go to a bucket (s3rver, tools/s3-server.ts).
 */
const available = Boolean(findPostgresBinaries() && findRedisServer())
const describeCluster = available ? describe : describe.skip

const SECRET = 'cluster-secret-that-is-at-least-32-characters'
const ADMIN = { email: 'admin@cluster.test', password: 'admin-password-long' }
const EDITOR = { email: 'editor@cluster.test', password: 'editor-password-long' }
const LOGIN_LIMIT = 25
const REVIEW = { reviewerName: 'Dr. Maya Chen', reviewedAt: '2026-10-01T00:00:00.000Z' }

/** Whether process `pid` holds the TCP connection whose local port is `port` (Linux: /proc/net/tcp and the process's fds). */
function ownsConnection(pid: number, port: number): boolean {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0')
  const inodes = ['/proc/net/tcp', '/proc/net/tcp6']
    .filter((file) => fs.existsSync(file))
    .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').slice(1))
    .map((line) => line.trim().split(/\s+/))
    .filter((columns) => columns[1]?.endsWith(`:${hexPort}`))
    .map((columns) => `socket:[${columns[9]}]`)
  const fdDir = `/proc/${pid}/fd`
  return fs.readdirSync(fdDir).some((fd) => {
    try {
      return inodes.includes(fs.readlinkSync(path.join(fdDir, fd)))
    } catch {
      return false
    }
  })
}

describeCluster('several processes on one database behave as one', () => {
  let postgres: PostgresServer
  let redis: RedisServer
  let s3: S3Server
  let databaseUri: string
  let dataDir: string
  let processes: ServerProcess[]
  let urls: string[]
  let admin: Record<string, string>
  let signInAttempts = 0
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = []
  let receiver: http.Server
  let receiverUrl: string

  const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({ headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const api = (which: number, pathname: string, init?: RequestInit) => fetch(urls[which] + pathname, init)
  const signIn = async (which: number, user: { email: string; password: string }) => {
    signInAttempts++
    return api(which, '/api/users/login', { method: 'POST', ...json(user) })
  }
  const sql = async (query: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: databaseUri })
    await client.connect()
    try {
      return (await client.query(query, values)).rows
    } finally {
      await client.end()
    }
  }
  const body = (text: string) => ({
    root: {
      type: 'root',
      version: 1,
      direction: null,
      format: '',
      indent: 0,
      children: [
        {
          type: 'paragraph',
          version: 1,
          direction: null,
          format: '',
          indent: 0,
          textFormat: 0,
          children: [{ type: 'text', version: 1, text, detail: 0, format: 0, mode: 'normal', style: '' }],
        },
      ],
    },
  })

  beforeAll(async () => {
    ;[postgres, redis, s3] = await Promise.all([startPostgresServer(), startRedisServer(), startS3Server(['cluster-images'])])
    databaseUri = await postgres.createDatabase('kap_cluster')
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-cluster-'))
    receiver = http.createServer(async (req, res) => {
      let text = ''
      for await (const chunk of req) text += chunk
      received.push({ headers: req.headers, body: text })
      res.writeHead(204).end()
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hooks`
    const env = {
      ADMIN_UI: 'false',
      PAYLOAD_SECRET: SECRET,
      DATABASE_URI: databaseUri,
      REDIS_URL: redis.url,
      ...s3.env('cluster-images'),
      JOBS_AUTORUN: 'true',
      JOBS_CRON: '* * * * * *',
      JOBS_LEASE_SECONDS: '5',
      WEBHOOK_POLL_MS: '100',
      // A claimed attempt is held for timeout + margin: 3 s, so a dead sender's claim lapses within the test.
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_CLAIM_MARGIN_MS: '1000',
      LOGIN_ATTEMPTS_PER_IP: String(LOGIN_LIMIT),
      ANONYMOUS_READS_PER_MINUTE: '5000',
    }
    // All three start at the same moment: one applies the migrations, the others wait for it.
    processes = await Promise.all([0, 1, 2].map((which) => startServerProcess({ ...env, DATA_DIR: path.join(dataDir, `process-${which}`) })))
    urls = await Promise.all(processes.map((server) => waitUntilReady(server)))

    const registered = await api(0, '/api/users/first-register', { method: 'POST', ...json(ADMIN) })
    expect(registered.status).toBe(200)
    admin = { Authorization: `JWT ${(await registered.json()).token}` }
    expect((await api(0, '/api/users', { method: 'POST', ...json({ ...EDITOR, roles: ['editor'] }, admin) })).status).toBe(201)
  }, 180_000)

  afterAll(async () => {
    for (const server of processes ?? []) server.child.kill('SIGTERM')
    await Promise.all((processes ?? []).map((server) => server.exited))
    await new Promise((resolve) => receiver?.close(resolve))
    await Promise.all([postgres?.stop(), redis?.stop(), s3?.stop()])
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }, 60_000)

  test('each process says it coordinates through Redis; the migrations ran once though all three started together', async () => {
    for (const server of processes) expect(server.output()).toMatch(/Processes: Redis at redis:\/\/127\.0\.0\.1:\d+: the processes on this database share/)
    const applied = await sql(`SELECT name, count(*)::int AS times FROM payload_migrations WHERE name <> 'dev' GROUP BY name`)
    expect(applied.length).toBeGreaterThan(0)
    for (const row of applied) expect(row.times).toBe(1)
    const migratingLines = processes.flatMap((server) =>
      server
        .output()
        .split('\n')
        .filter((line) => /"msg":"Migrating: /.test(line)),
    )
    expect(migratingLines).toHaveLength(applied.length)
  })

  test('a publish through one process is read through the others within a second, and never stale after', async () => {
    const created = await api(0, '/api/articles', {
      method: 'POST',
      ...json({ title: 'Integration, version 0', slug: 'cluster-article', body: body('first'), clinicalReview: REVIEW, _status: 'published' }, admin),
    })
    expect(created.status).toBe(201)
    const { doc } = await created.json()
    const titleVia = async (which: number) => (await (await api(which, '/api/articles/slug/cluster-article')).json()).title as string
    const propagation: number[] = []
    for (let version = 1; version <= 5; version++) {
      // The readers' caches hold the current answer.
      for (const which of [1, 2]) {
        await waitFor(`process ${which} to serve the page from its cache`, async () => (await api(which, '/api/articles/slug/cluster-article')).headers.get('x-cache') === 'HIT')
      }
      const title = `Integration, version ${version}`
      const saved = await api(0, `/api/articles/${doc.id}`, { method: 'PATCH', ...json({ title, _status: 'published' }, admin) })
      expect(saved.status).toBe(200)
      const acknowledged = Date.now()
      await Promise.all([1, 2].map((which) => waitFor(`process ${which} to serve "${title}"`, async () => (await titleVia(which)) === title, { timeoutMs: 5000, intervalMs: 10 })))
      propagation.push(Date.now() - acknowledged)
      // After the window: every read, through every process, is the new one.
      for (let read = 0; read < 10; read++) for (const which of [0, 1, 2]) expect(await titleVia(which)).toBe(title)
    }
    console.log(`cluster: a publish reached the other processes' reads in ${propagation.join(', ')} ms (max ${Math.max(...propagation)} ms)`)
    expect(Math.max(...propagation)).toBeLessThanOrEqual(1000)
  }, 60_000)

  test('every webhook delivery is sent once, whichever process picks it up', async () => {
    const hook = await api(0, '/api/webhooks', { method: 'POST', ...json({ name: 'Clinic site', url: receiverUrl }, admin) })
    expect(hook.status).toBe(201)
    const { secret } = (await hook.json()).doc
    const ids: (string | number)[] = []
    for (let n = 0; n < 12; n++) {
      const created = await api(n % 3, '/api/benefit-lists', { method: 'POST', ...json({ title: `List ${n}`, items: [{ label: 'Calm' }], _status: 'published' }, admin) })
      expect(created.status).toBe(201)
      ids.push((await created.json()).doc.id)
    }
    await waitFor(
      'every delivery to be recorded as delivered',
      async () => (await sql(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'delivered'`))[0].n === 12,
      { timeoutMs: 20_000, intervalMs: 100 },
    )
    const deliveryIds = received.map((request) => request.headers['x-kap-delivery'])
    expect(new Set(deliveryIds).size).toBe(12)
    expect(deliveryIds).toHaveLength(12)
    const documents = received.map((request) => JSON.parse(request.body).document.id)
    expect(documents.sort()).toEqual([...ids].sort())
    for (const request of received) expect(verifyWebhook(request.body, request.headers['x-kap-signature'] as string, secret)).toBe(true)
  }, 60_000)

  test('twenty publications scheduled for the same moment are each published once, with one version each', async () => {
    const ids: number[] = []
    for (let n = 0; n < 20; n++) {
      const draft = await api(n % 3, '/api/articles?draft=true', {
        method: 'POST',
        ...json({ title: `Scheduled ${n}`, slug: `scheduled-${n}`, body: body('later'), clinicalReview: REVIEW, _status: 'draft' }, admin),
      })
      expect(draft.status).toBe(201)
      ids.push((await draft.json()).doc.id)
    }
    const [adminUser] = await sql(`SELECT id FROM users WHERE email = $1`, [ADMIN.email])
    const due = new Date(Date.now() + 3000).toISOString()
    // What the admin's "Schedule publish" writes: one job per document, all due at the same moment.
    for (const id of ids) {
      await sql(
        `INSERT INTO payload_jobs (input, task_slug, queue, wait_until, total_tried, processing, has_error, created_at, updated_at) VALUES ($1, 'schedulePublish', 'default', $2, 0, false, false, now(), now())`,
        [JSON.stringify({ type: 'publish', doc: { relationTo: 'articles', value: id }, user: { relationTo: 'users', value: adminUser.id } }), due],
      )
    }
    await waitFor(
      'all twenty to be published',
      async () => (await sql(`SELECT count(*)::int AS n FROM articles WHERE id = ANY($1) AND _status = 'published'`, [ids]))[0].n === 20,
      { timeoutMs: 30_000, intervalMs: 200 },
    )
    const versions = await sql(`SELECT parent_id, count(*)::int AS n FROM _articles_v WHERE parent_id = ANY($1) AND version__status = 'published' GROUP BY parent_id`, [ids])
    expect(versions).toHaveLength(20)
    for (const row of versions) expect(row.n).toBe(1)
    // Every job completed without error and was removed (deleteJobOnComplete); a second run of any would have made a second version.
    await waitFor('every job to complete', async () => (await sql(`SELECT count(*)::int AS n FROM payload_jobs WHERE task_slug = 'schedulePublish'`))[0].n === 0, {
      timeoutMs: 20_000,
      intervalMs: 100,
    })
    const again = await sql(`SELECT parent_id, count(*)::int AS n FROM _articles_v WHERE parent_id = ANY($1) AND version__status = 'published' GROUP BY parent_id`, [ids])
    expect(again.map((row) => row.n)).toEqual(Array(20).fill(1))
    const runners = processes.filter((server) => /Running \d+ jobs/.test(server.output()))
    expect(runners).toHaveLength(1) // one process holds the job runner's lease
  }, 60_000)

  test('when the process running jobs stops, a survivor takes over the runner’s lease and runs what falls due', async () => {
    const runner = processes.findIndex((server) => /Running \d+ jobs/.test(server.output()))
    expect(runner).toBeGreaterThanOrEqual(0)
    processes[runner].child.kill('SIGTERM')
    expect(await processes[runner].exited).toBe(0)
    const survivor = [0, 1, 2].find((which) => which !== runner)!
    const draft = await api(survivor, '/api/articles?draft=true', {
      method: 'POST',
      ...json({ title: 'After the runner stopped', slug: 'after-runner', body: body('later'), clinicalReview: REVIEW, _status: 'draft' }, admin),
    })
    const { doc } = await draft.json()
    const [adminUser] = await sql(`SELECT id FROM users WHERE email = $1`, [ADMIN.email])
    await sql(
      `INSERT INTO payload_jobs (input, task_slug, queue, wait_until, total_tried, processing, has_error, created_at, updated_at) VALUES ($1, 'schedulePublish', 'default', now(), 0, false, false, now(), now())`,
      [JSON.stringify({ type: 'publish', doc: { relationTo: 'articles', value: doc.id }, user: { relationTo: 'users', value: adminUser.id } })],
    )
    // The stopped runner's lease (JOBS_LEASE_SECONDS=5) runs out; then a survivor holds it and runs the job.
    await waitFor('a survivor to publish it', async () => (await api(survivor, `/api/articles/${doc.id}`)).status === 200, { timeoutMs: 20_000, intervalMs: 250 })
    urls.splice(runner, 1, urls[survivor]) // later tests talk to the processes still running
  }, 60_000)

  test('an image uploaded through one process is served by the others, from the bucket', async () => {
    const editor = { Authorization: `JWT ${(await (await signIn(0, EDITOR)).json()).token}` }
    const bytes = fs.readFileSync(PLACEHOLDER_IMAGE)
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'shared.jpg')
    form.append('_payload', JSON.stringify({ alt: 'An image every process serves' }))
    const uploaded = await api(0, '/api/media', { method: 'POST', headers: editor, body: form })
    expect(uploaded.status).toBe(201)
    const { doc } = await uploaded.json()
    for (const which of [1, 2]) {
      const served = await api(which, `/api/media/file/${doc.filename}`, { headers: editor })
      expect(served.status).toBe(200)
      expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true)
      expect((await api(which, `/api/media/file/${doc.sizes.card.filename}`, { headers: editor })).status).toBe(200)
    }
    for (const which of [0, 1, 2]) expect(fs.existsSync(path.join(dataDir, `process-${which}`, 'media', doc.filename))).toBe(false)
    for (const server of processes) expect(server.output()).toMatch(/Uploads: images in bucket cluster-images at http:\/\/127\.0\.0\.1:\d+/)
  })

  test('a login lockout made through one process holds in the others', async () => {
    for (let attempt = 0; attempt < 5; attempt++) expect((await signIn(attempt % 2, { email: EDITOR.email, password: 'not-the-password' })).status).toBe(401)
    const locked = await signIn(2, EDITOR)
    expect(locked.status).toBe(401)
  })

  test('the anonymous read limit and the sign-in limit are counted once across the processes', async () => {
    const remaining = async (which: number) => Number(/remaining=(\d+)/.exec((await api(which, '/api/faqs')).headers.get('ratelimit') ?? '')?.[1])
    const first = await remaining(0)
    expect(await remaining(1)).toBe(first - 1)
    expect(await remaining(2)).toBe(first - 2)

    // Sign-ins from this address, through any process, count against one limit: the first 429 comes
    // within LOGIN_LIMIT attempts in all (counted per process, it would take about three times as many).
    let status = 0
    while (status !== 429 && signInAttempts <= 3 * LOGIN_LIMIT)
      status = (await signIn(signInAttempts % 3, { email: `nobody-${signInAttempts}@cluster.test`, password: 'wrong-password' })).status
    expect(status).toBe(429)
    expect(signInAttempts).toBeLessThanOrEqual(LOGIN_LIMIT + 1)
    for (const which of [0, 1, 2]) expect((await signIn(which, ADMIN)).status).toBe(429)
  }, 60_000)

  test('a delivery whose sender dies mid-request is sent by a survivor once the claim lapses', async () => {
    // An endpoint that never answers the first request it gets, and answers the rest.
    const arrivals: { port: number; delivery: string; at: number }[] = []
    const stalling = http.createServer((req, res) => {
      arrivals.push({ port: req.socket.remotePort!, delivery: String(req.headers['x-kap-delivery']), at: Date.now() })
      req.resume()
      if (arrivals.length > 1) res.writeHead(204).end()
    })
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve))
    try {
      const live = processes.filter((server) => server.child.exitCode === null && server.child.signalCode === null)
      expect(live.length).toBeGreaterThanOrEqual(2)
      const url = `http://127.0.0.1:${(stalling.address() as { port: number }).port}/hooks`
      const hook = await fetch(live[0].url + '/api/webhooks', { method: 'POST', ...json({ name: 'Stalling site', url }, admin) })
      expect(hook.status).toBe(201)
      const created = await fetch(live[0].url + '/api/faqs', { method: 'POST', ...json({ question: 'Will it arrive?', answer: body('Yes.'), _status: 'published' }, admin) })
      expect(created.status).toBe(201)
      await waitFor('the first attempt to reach the endpoint', () => arrivals.length === 1, { timeoutMs: 10_000, intervalMs: 50 })

      // The process holding that connection is the sender: kill it mid-request, as a crash would.
      const sender = live.find((server) => ownsConnection(server.child.pid!, arrivals[0].port))
      expect(sender).toBeDefined()
      sender!.child.kill('SIGKILL')
      await sender!.exited
      const killedAt = Date.now()

      await waitFor('a survivor to send it again', () => arrivals.length >= 2, { timeoutMs: 20_000, intervalMs: 100 })
      expect(arrivals[1].delivery).toBe(arrivals[0].delivery)
      expect(arrivals.length).toBe(2)
      // Not at once: only when the dead sender’s claim (WEBHOOK_TIMEOUT_MS + WEBHOOK_CLAIM_MARGIN_MS = 3 s from its claim) lapsed.
      expect(arrivals[1].at - arrivals[0].at).toBeGreaterThanOrEqual(2000)
      expect(arrivals[1].at).toBeGreaterThanOrEqual(killedAt)
      await waitFor(
        'the delivery to be recorded as delivered',
        async () => (await sql(`SELECT status FROM webhook_deliveries WHERE id = $1`, [Number(arrivals[0].delivery)]))[0]?.status === 'delivered',
        { timeoutMs: 10_000, intervalMs: 100 },
      )
    } finally {
      stalling.closeAllConnections()
      await new Promise((resolve) => stalling.close(resolve))
    }
  }, 60_000)

  test('no process logged an error', () => {
    for (const server of processes)
      expect(
        server
          .output()
          .split('\n')
          .filter((line) => /"level":(50|60)/.test(line) && !/"status":(401|403|429)/.test(line)),
      ).toEqual([])
  })
})
