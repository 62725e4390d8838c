import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { lexicalDocument, paragraph } from '../src/richtext/lexical-nodes'
import { startBalancer } from '../tools/nginx-balancer'
import { startPostgresServer } from '../tools/postgres-server'
import { startRedisServer } from '../tools/redis-server'
import { freePort, type ServerProcess, startServerProcess, waitUntilReady } from '../tools/server-process'

/**
 * The soak: anonymous readers and signed-in editors work against the server process at the same
 * time; half-way through the server gets SIGTERM, and is started again on the same database as soon
 * as it has exited. Afterwards every write the server acknowledged is looked for, with its content.
 */
export type SoakOptions = {
  seconds: number
  readers: number
  editors: number
  /** Extra environment for the server (ADMIN_UI=false where there is no Next build). */
  serverEnv?: Record<string, string>
  /**
   * 1 (default): one process on SQLite, as today. More: that many processes on one PostgreSQL
   * database, coordinating through Redis, behind nginx round-robin; the first gets the SIGTERM.
   */
  processes?: number
  log?: (message: string) => void
}

export type SoakReport = {
  seconds: number
  /** What ran: one process on SQLite, or several on PostgreSQL and Redis behind nginx. */
  setup: string
  reads: { total: number; ok: number; unexpected: number; unavailableWhileShuttingDown: number; refusedWhileRestarting: number; byStatus: Record<string, number> }
  writes: { attempted: number; acknowledged: number; notAcknowledged: number; refused: number; lost: number; wrongFinalState: number }
  serverErrors: { status: number; path: string; at: number; body: string }[]
  shutdown: { exitCode: number | null; stopMs: number; restartMs: number }
  consistency: { documents: number; problems: string[] }
  /** The server's error-level log lines (both runs), to act on anything unexpected. */
  serverLogErrors: string[]
}

const SECRET = 'soak-secret-soak-secret-soak-secret-0123'
const REVIEW = { reviewerName: 'Dr. Soak Reviewer', reviewerCredentials: 'MD', reviewedAt: '2026-10-01T00:00:00.000Z' }
/** Each article takes at most this many saves, so no acknowledged save is pruned by the version limit (50). */
const SAVES_PER_ARTICLE = 8
/** Saves to the one benefit list every editor shares: concurrent saves of one document. */
const SHARED_SAVES_PER_EDITOR = 5

type Write = { collection: string; id: string | number; field: string; value: string; publish: boolean; acknowledged: boolean; sentAt: number; answeredAt?: number }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined)
  const count = options.processes ?? 1
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-soak-'))
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()))
  const services: { stop: () => Promise<void> }[] = []
  const shared: Record<string, string> = {
    DATA_DIR: dataDir,
    DATABASE_URI: `file:${path.join(dataDir, 'soak.db')}`,
    PAYLOAD_SECRET: SECRET,
    // All the load comes from one address: per-address limits would measure themselves.
    ANONYMOUS_READS_PER_MINUTE: '0',
    LOGIN_ATTEMPTS_PER_IP: '1000',
  }
  let origin = `http://127.0.0.1:${ports[0]}`
  if (count > 1) {
    const [postgres, redis] = await Promise.all([startPostgresServer(), startRedisServer()])
    services.push(postgres, redis)
    Object.assign(shared, { DATABASE_URI: await postgres.createDatabase('kap_soak'), REDIS_URL: redis.url })
  }
  const envFor = (index: number) => ({ ...shared, PORT: String(ports[index]), ...options.serverEnv })
  const servers: ServerProcess[] = await Promise.all(ports.map((_, index) => startServerProcess(envFor(index))))
  let server = servers[0]
  const report: SoakReport = {
    seconds: options.seconds,
    setup: count > 1 ? `${count} processes on PostgreSQL and Redis behind nginx (round robin)` : 'one process on SQLite',
    reads: { total: 0, ok: 0, unexpected: 0, unavailableWhileShuttingDown: 0, refusedWhileRestarting: 0, byStatus: {} },
    writes: { attempted: 0, acknowledged: 0, notAcknowledged: 0, refused: 0, lost: 0, wrongFinalState: 0 },
    serverErrors: [],
    shutdown: { exitCode: null, stopMs: 0, restartMs: 0 },
    consistency: { documents: 0, problems: [] },
    serverLogErrors: [],
  }
  const collectErrors = (process: ServerProcess) =>
    report.serverLogErrors.push(
      ...process
        .output()
        .split('\n')
        .filter((line) => /"level":(50|60)/.test(line))
        .slice(0, 20),
    )
  try {
    await Promise.all(servers.map((each) => waitUntilReady(each)))
    if (count > 1) {
      const balancer = await startBalancer(ports)
      services.unshift(balancer)
      origin = balancer.url
    }
    const admin = await setUp(origin, options.editors)
    const published = await seedContent(origin, admin.headers)
    log(`soak: ${report.setup} on ${origin}, ${options.readers} readers and ${options.editors} editors for ${options.seconds} s; SIGTERM at ${options.seconds / 2} s`)

    const writes: Write[] = []
    const started = Date.now()
    const deadline = started + options.seconds * 1000
    let restarting = false
    const readers = Array.from({ length: options.readers }, (_, index) => readLoop(origin, published, deadline, () => restarting, report, index))
    const editors = admin.editors.map((editor, index) => editLoop(origin, editor, published.sharedListId, deadline, () => restarting, writes, published.slugs, index, report))

    // Half-way: SIGTERM, wait for the exit, start again on the same database and port.
    await sleep((options.seconds * 1000) / 2)
    restarting = true
    const stopAt = Date.now()
    server.child.kill('SIGTERM')
    report.shutdown.exitCode = await server.exited
    collectErrors(server)
    report.shutdown.stopMs = Date.now() - stopAt
    log(`soak: server stopped after SIGTERM in ${report.shutdown.stopMs} ms (exit code ${report.shutdown.exitCode}); starting it again`)
    server = servers[0] = await startServerProcess(envFor(0))
    await waitUntilReady(server)
    report.shutdown.restartMs = Date.now() - stopAt
    restarting = false
    log(`soak: serving again ${report.shutdown.restartMs} ms after SIGTERM`)

    await Promise.all([...readers, ...editors])
    report.writes.attempted = writes.length
    report.writes.acknowledged = writes.filter((write) => write.acknowledged).length
    report.writes.notAcknowledged = writes.filter((write) => !write.acknowledged).length
    await verify(origin, admin.headers, writes, report)
    return report
  } finally {
    for (const each of servers) each.child.kill('SIGTERM')
    await Promise.all(servers.map((each) => each.exited))
    servers.forEach(collectErrors)
    for (const service of services) await service.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

type Editor = { headers: Record<string, string> }

async function request(origin: string, pathname: string, init: RequestInit = {}): Promise<Response> {
  return fetch(origin + pathname, { ...init, signal: AbortSignal.timeout(20_000) })
}

async function jsonOrThrow(response: Response, what: string): Promise<Record<string, unknown>> {
  const body = (await response.json()) as Record<string, unknown>
  if (!response.ok) throw new Error(`${what}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
  return body
}

const withJson = (headers: Record<string, string>, body: unknown, method = 'POST'): RequestInit => ({
  method,
  headers: { ...headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

async function signIn(origin: string, email: string, password: string): Promise<Editor> {
  const body = await jsonOrThrow(await request(origin, '/api/users/login', withJson({}, { email, password })), `sign-in of ${email}`)
  return { headers: { Authorization: `JWT ${body.token}` } }
}

async function setUp(origin: string, editors: number): Promise<{ headers: Record<string, string>; editors: Editor[] }> {
  const password = 'soak-password-1234'
  await jsonOrThrow(await request(origin, '/api/users/first-register', withJson({}, { email: 'admin@soak.test', password })), 'first user')
  const admin = await signIn(origin, 'admin@soak.test', password)
  const accounts: Editor[] = []
  for (let index = 0; index < editors; index += 1) {
    const email = `editor${index}@soak.test`
    await jsonOrThrow(await request(origin, '/api/users', withJson(admin.headers, { email, password, roles: ['editor'] })), `editor ${email}`)
    accounts.push(await signIn(origin, email, password))
  }
  return { headers: admin.headers, editors: accounts }
}

function articleBody(text: string) {
  return lexicalDocument([paragraph(text), paragraph('Ketamine-assisted therapy pairs a medicine session with preparation and integration.')])
}

async function seedContent(origin: string, headers: Record<string, string>): Promise<{ slugs: string[]; sharedListId: string | number }> {
  const list = await jsonOrThrow(
    await request(
      origin,
      '/api/benefit-lists',
      withJson(headers, { title: 'What sessions can bring', leadIn: 'seed', items: [{ label: 'Emotional release' }], _status: 'published' }),
    ),
    'benefit list',
  )
  const sharedListId = (list.doc as { id: string | number }).id
  const slugs: string[] = []
  for (let index = 0; index < 10; index += 1) {
    const created = await jsonOrThrow(
      await request(
        origin,
        '/api/articles',
        withJson(headers, {
          title: `Seeded article ${index}`,
          excerpt: 'seed',
          body: articleBody(`Seeded article ${index}.`),
          clinicalReview: REVIEW,
          _status: 'published',
        }),
      ),
      'seeded article',
    )
    slugs.push((created.doc as { slug: string }).slug)
  }
  return { slugs, sharedListId }
}

/** Anonymous reads of what a site asks for; any 5xx outside the restart is unexpected. */
async function readLoop(
  origin: string,
  content: { slugs: string[]; sharedListId: string | number },
  deadline: number,
  restarting: () => boolean,
  report: SoakReport,
  seed: number,
) {
  let turn = seed
  while (Date.now() < deadline) {
    turn += 1
    const slug = content.slugs[turn % content.slugs.length]
    const paths = [`/api/articles/slug/${slug}`, '/api/articles/cards?limit=12', `/api/benefit-lists/${content.sharedListId}`, `/articles/${slug}`, '/api/articles?limit=5&depth=1']
    const pathname = paths[turn % paths.length]
    const duringRestart = restarting()
    report.reads.total += 1
    try {
      const response = await request(origin, pathname)
      const body = await response.text()
      const key = String(response.status)
      report.reads.byStatus[key] = (report.reads.byStatus[key] ?? 0) + 1
      if (response.status === 200) report.reads.ok += 1
      else if (response.status >= 500) {
        if (response.status === 503 && (duringRestart || restarting())) report.reads.unavailableWhileShuttingDown += 1
        else {
          report.reads.unexpected += 1
          report.serverErrors.push({ status: response.status, path: pathname, at: Date.now(), body: body.slice(0, 300) })
        }
      } else report.reads.unexpected += 1
    } catch (error) {
      if (duringRestart || restarting()) {
        report.reads.refusedWhileRestarting += 1
        await sleep(200)
      } else {
        report.reads.unexpected += 1
        report.serverErrors.push({ status: 0, path: pathname, at: Date.now(), body: (error as Error).message })
      }
    }
  }
}

/**
 * One editor's day: create an article as a draft, save drafts, publish, start the next article;
 * now and then save the benefit list every editor shares. Every write carries a unique value, and
 * is remembered with whether the server acknowledged it.
 */
async function editLoop(
  origin: string,
  editor: Editor,
  sharedListId: string | number,
  deadline: number,
  restarting: () => boolean,
  writes: Write[],
  publishedSlugs: string[],
  index: number,
  report: SoakReport,
) {
  let article: { id: string | number; slug: string } | undefined
  let saves = 0
  let sharedSaves = 0
  let counter = 0
  while (Date.now() < deadline) {
    counter += 1
    const value = `soak-e${index}-${counter}-${Date.now()}`
    let write: Write
    let send: () => Promise<Response>
    if (!article) {
      write = { collection: 'articles', id: '', field: 'excerpt', value, publish: false, acknowledged: false, sentAt: Date.now() }
      send = () =>
        request(
          origin,
          '/api/articles?draft=true',
          withJson(editor.headers, { title: `Editor ${index} article ${counter}`, excerpt: value, body: articleBody(value), clinicalReview: REVIEW, _status: 'draft' }),
        )
    } else if (sharedSaves < SHARED_SAVES_PER_EDITOR && counter % 4 === 0) {
      sharedSaves += 1
      write = { collection: 'benefit-lists', id: sharedListId, field: 'leadIn', value, publish: true, acknowledged: false, sentAt: Date.now() }
      send = () => request(origin, `/api/benefit-lists/${sharedListId}`, withJson(editor.headers, { leadIn: value, _status: 'published' }, 'PATCH'))
    } else {
      saves += 1
      const publish = saves % 3 === 0 || saves >= SAVES_PER_ARTICLE
      const target = article
      write = { collection: 'articles', id: target.id, field: 'excerpt', value, publish, acknowledged: false, sentAt: Date.now() }
      send = () =>
        request(
          origin,
          `/api/articles/${target.id}${publish ? '' : '?draft=true'}`,
          withJson(editor.headers, { excerpt: value, _status: publish ? 'published' : 'draft' }, 'PATCH'),
        )
    }
    writes.push(write)
    const duringRestart = restarting()
    try {
      const response = await send()
      const body = (await response.json().catch(() => ({}))) as { doc?: { id: string | number; slug: string } }
      if (response.ok) {
        write.acknowledged = true
        write.answeredAt = Date.now()
        if (!article && body.doc) {
          article = { id: body.doc.id, slug: body.doc.slug }
          write.id = body.doc.id
          saves = 1
        } else if (write.collection === 'articles' && saves >= SAVES_PER_ARTICLE) {
          publishedSlugs.push(article!.slug)
          article = undefined
        }
      } else if (!(duringRestart || restarting()) || response.status !== 503) {
        // A refused write outside the restart is a defect; so is anything but 503 while shutting down.
        report.writes.refused += 1
        report.serverErrors.push({ status: response.status, path: `${write.collection} write by editor ${index}`, at: Date.now(), body: JSON.stringify(body).slice(0, 300) })
      }
    } catch (error) {
      // No answer: while restarting the connection was refused or cut, so the write is not owed.
      if (!(duringRestart || restarting())) {
        report.writes.refused += 1
        report.serverErrors.push({ status: 0, path: `${write.collection} write by editor ${index}`, at: Date.now(), body: (error as Error).message })
      }
      await sleep(200)
    }
  }
}

/** Every acknowledged write is in the document's versions, and each document ends in its last write. */
async function verify(origin: string, headers: Record<string, string>, writes: Write[], report: SoakReport) {
  for (const write of writes.filter((candidate) => candidate.acknowledged)) {
    const query = `where[parent][equals]=${write.id}&where[version.${write.field}][equals]=${encodeURIComponent(write.value)}&limit=1&depth=0`
    const found = await jsonOrThrow(await request(origin, `/api/${write.collection}/versions?${query}`, { headers }), 'versions')
    if ((found.totalDocs as number) < 1) {
      report.writes.lost += 1
      report.consistency.problems.push(`lost: ${write.collection} ${write.id} ${write.field}=${write.value}`)
    }
  }

  const byDocument = new Map<string, Write[]>()
  for (const write of writes) {
    if (!write.id) continue
    const key = `${write.collection}/${write.id}`
    byDocument.set(key, [...(byDocument.get(key) ?? []), write])
  }
  for (const [key, documentWrites] of byDocument) {
    const [collection, id] = key.split('/')
    const lastAcknowledged = documentWrites.filter((write) => write.acknowledged).at(-1)
    if (!lastAcknowledged) continue
    // What the document may show: any write not certainly followed by another (concurrent saves of
    // one document finish in either order; one that got no answer may have landed).
    const allowed = new Set(latestCandidates(documentWrites).map((write) => write.value))
    const field = lastAcknowledged.field
    const current = await jsonOrThrow(await request(origin, `/api/${collection}/${id}?draft=true&depth=0`, { headers }), 'document')
    report.consistency.documents += 1
    if (!allowed.has(current[field] as string)) {
      report.writes.wrongFinalState += 1
      report.consistency.problems.push(`${key}: shows ${field}=${String(current[field])}, expected ${lastAcknowledged.value}`)
    }
    // The newest version is the document as the admin UI and drafts read it.
    const newest = await jsonOrThrow(
      await request(origin, `/api/${collection}/versions?where[parent][equals]=${id}&sort=-updatedAt&limit=1&depth=0`, { headers }),
      'newest version',
    )
    const newestValue = ((newest.docs as { version: Record<string, unknown> }[])[0]?.version ?? {})[field]
    if (newestValue !== current[field]) report.consistency.problems.push(`${key}: newest version has ${field}=${String(newestValue)}, the document ${String(current[field])}`)
    // The public sees the last published write.
    const lastPublished = documentWrites.filter((write) => write.publish && write.acknowledged).at(-1)
    if (lastPublished && collection === 'articles') {
      const publicAnswer = await request(origin, `/api/articles/${id}?depth=0`)
      const publicDoc = (await publicAnswer.json()) as Record<string, unknown>
      const allowedPublished = new Set(latestCandidates(documentWrites.filter((write) => write.publish)).map((write) => write.value))
      if (!allowedPublished.has(publicDoc.excerpt as string)) {
        report.consistency.problems.push(`${key}: the public sees excerpt=${String(publicDoc.excerpt)}, expected ${lastPublished.value}`)
      }
    }
  }
  const ready = await request(origin, '/readyz')
  if (ready.status !== 200) report.consistency.problems.push(`/readyz answered ${ready.status} after the soak`)
}

/** Writes that no acknowledged write was sent after: one of them is the document's final state. */
function latestCandidates(writes: Write[]): Write[] {
  // A write without an answer may have landed any time until its request timed out.
  const settledBy = (write: Write) => write.answeredAt ?? write.sentAt + 20_000
  return writes.filter((write) => !writes.some((later) => later.acknowledged && later.sentAt > settledBy(write)))
}

export function formatSoakReport(report: SoakReport): string {
  const { reads, writes, shutdown, consistency } = report
  return [
    `Soak: ${report.seconds} s, ${report.setup}; SIGTERM to one process half-way and its restart on the same database`,
    `  reads:  ${reads.total} requests, ${reads.ok} ok, ${reads.unexpected} unexpected (5xx or errors outside the restart), ${reads.unavailableWhileShuttingDown} 503 while shutting down, ${reads.refusedWhileRestarting} refused while restarting`,
    `          by status: ${Object.entries(reads.byStatus)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ')}`,
    `  writes: ${writes.attempted} attempted, ${writes.acknowledged} acknowledged, ${writes.notAcknowledged} not acknowledged (${writes.refused} refused or unanswered outside the restart), ${writes.lost} acknowledged but lost, ${writes.wrongFinalState} documents not ending in their last write`,
    `  server: stopped ${shutdown.stopMs} ms after SIGTERM with exit code ${shutdown.exitCode}; serving again after ${shutdown.restartMs} ms`,
    `  checked ${consistency.documents} documents: ${consistency.problems.length ? consistency.problems.slice(0, 20).join('; ') : 'consistent'}`,
    ...report.serverErrors.slice(0, 10).map((error) => `  ${error.status || 'no answer'} ${error.path}: ${error.body}`),
    ...report.serverLogErrors.slice(0, 10).map((line) => `  server log: ${line.slice(0, 400)}`),
  ].join('\n')
}

/** Zero lost writes, no 5xx outside the restart, and a consistent database. */
export function soakPassed(report: SoakReport): boolean {
  return (
    report.writes.lost === 0 &&
    report.writes.wrongFinalState === 0 &&
    report.writes.refused === 0 &&
    report.reads.unexpected === 0 &&
    report.consistency.problems.length === 0 &&
    report.shutdown.exitCode === 0
  )
}
