import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import { type Browser, chromium, type Page } from 'playwright-core'

import { verifyWebhook } from '../../src/webhooks/signature'
import { freePort } from '../../tools/server-process'
import { waitFor } from '../../tools/wait-for'

/**
 * The plugin in a project that is not ours: test/host-project/clinic-site is laid out as Payload's
 * blank template (Next.js, Payload's (payload) routes, withPayload, its own users and SQLite), with
 * only `kapContent()` added. The test does what the README's "Use the plugin in your own Payload
 * project" says, in order: install (a link, as `npm install <dir>` makes), generate the import map,
 * create and run the migration, `next build`, `next start`. No Express server of ours runs.
 */
const REPO = path.resolve('.')
const SITE_DIR = path.join(REPO, 'test/host-project/clinic-site')
const PAYLOAD_BIN = path.join(REPO, 'node_modules/payload/bin.js')
const NEXT_BIN = path.join(REPO, 'node_modules/next/dist/bin/next')
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const SHOTS = path.resolve('test-results/host-project')
const OWNER = { email: 'owner@clinic.test', password: 'owner-password-long' }
const REVIEW = { reviewerName: 'Dr. Maya Chen', reviewedAt: '2026-10-01T00:00:00.000Z' }

let dataDir: string
let env: Record<string, string>
let cms: string
let next: ChildProcess | undefined
let nextOutput = ''
let site: http.Server
let siteUrl: string
const received: { headers: http.IncomingHttpHeaders; body: string }[] = []
let browser: Browser
let page: Page
let owner: { id: number; headers: Record<string, string> }

/** Runs one of the host's commands to the end; a failure shows its output. */
function run(label: string, args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: SITE_DIR, env: { ...env, ...extraEnv } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${label} exited with ${code}:\n${output}`))))
  })
}
// Payload's CLI on Node 20: Lexical's development entry points (see README, "Node 20 and Lexical").
const payloadCli = (label: string, ...args: string[]) => run(label, [PAYLOAD_BIN, ...args], { NODE_OPTIONS: '--conditions=development' })
// The same against the running site's database, as in production (no development schema push).
const productionCli = (label: string, ...args: string[]) => run(label, [PAYLOAD_BIN, ...args], { NODE_OPTIONS: '--conditions=development', NODE_ENV: 'production' })

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({ headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
const api = (pathname: string, init?: RequestInit) => fetch(cms + pathname, init)

/** The clinic's public site, as far as the CMS sees it: a webhook receiver and a preview page. */
function startClinicSite(): Promise<string> {
  site = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://site')
    if (req.method === 'POST' && url.pathname === '/hooks') {
      let body = ''
      for await (const chunk of req) body += chunk
      received.push({ headers: req.headers, body })
      res.writeHead(204).end()
      return
    }
    const preview = url.pathname.match(/^\/preview\/([\w-]+)\/([\w-]+)$/)
    if (preview) {
      // What a site's preview route does: trade the token for the draft, server to server.
      const answer = await fetch(`${cms}/api/preview/${preview[1]}/${preview[2]}?token=${encodeURIComponent(url.searchParams.get('token') ?? '')}`)
      const body = await answer.json()
      res.writeHead(answer.status, { 'content-type': 'text/html' })
      res.end(answer.ok ? `<h1>${body.doc.title}</h1><p>Draft preview</p>` : `<p class="error">${body.errors[0].message}</p>`)
      return
    }
    res.writeHead(404).end()
  })
  return new Promise((resolve) => site.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(site.address() as { port: number }).port}`)))
}

beforeAll(async () => {
  fs.rmSync(SHOTS, { recursive: true, force: true })
  fs.mkdirSync(SHOTS, { recursive: true })
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-host-'))
  siteUrl = await startClinicSite()
  const port = await freePort()
  cms = `http://127.0.0.1:${port}`
  env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NEXT_TELEMETRY_DISABLED: '1',
    PAYLOAD_SECRET: 'host-project-secret-at-least-32-characters',
    DATABASE_URI: `file:${path.join(dataDir, 'clinic.db')}`,
    MEDIA_DIR: path.join(dataDir, 'media'),
    SITE_URL: siteUrl,
    PREVIEW_URL: siteUrl,
    // Quick enough for a test; the defaults are every minute and every second.
    SCHEDULED_PUBLISHING_CRON: '* * * * * *',
    WEBHOOK_POLL_MS: '200',
  }

  // 1. Install: `npm install <path to this repository>` links the package into node_modules.
  fs.mkdirSync(path.join(SITE_DIR, 'node_modules'), { recursive: true })
  fs.rmSync(path.join(SITE_DIR, 'node_modules/kap-content-cms'), { force: true })
  fs.symlinkSync(REPO, path.join(SITE_DIR, 'node_modules/kap-content-cms'), 'dir')
  // A fresh project: no migrations or build from an earlier run.
  fs.rmSync(path.join(SITE_DIR, 'src/migrations'), { recursive: true, force: true })
  fs.rmSync(path.join(SITE_DIR, '.next'), { recursive: true, force: true })

  // 2-4. The import map, the migration for the plugin's collections, the database.
  await payloadCli('payload generate:importmap', 'generate:importmap')
  await payloadCli('payload migrate:create', 'migrate:create', 'initial')
  await payloadCli('payload migrate', 'migrate')
  // 5. next build, next start.
  await run('next build', [NEXT_BIN, 'build'], { NODE_OPTIONS: '--no-deprecation' })
  next = spawn(process.execPath, [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: SITE_DIR,
    env: { ...env, NODE_ENV: 'production' } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  next.stdout?.on('data', (chunk) => (nextOutput += chunk))
  next.stderr?.on('data', (chunk) => (nextOutput += chunk))
  await waitFor('the host’s REST API to answer', async () => (await api('/api/articles').catch(() => undefined))?.status === 200, { timeoutMs: 60_000, intervalMs: 200 })

  const registered = await api('/api/users/first-register', { method: 'POST', ...json({ ...OWNER, roles: ['admin'] }) })
  expect(registered.status).toBe(200)
  const body = await registered.json()
  owner = { id: body.user.id, headers: { Authorization: `JWT ${body.token}` } }

  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS })
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage()
}, 600_000)

afterAll(async () => {
  await browser?.close()
  next?.kill('SIGTERM')
  await new Promise((resolve) => (next && next.exitCode === null ? next.once('exit', resolve) : resolve(undefined)))
  await new Promise((resolve) => site?.close(resolve))
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
})

afterEach(async () => {
  const state = expect.getState()
  if (state.currentTestName && page)
    await page.screenshot({ path: path.join(SHOTS, `${state.currentTestName.replace(/\W+/g, '-').slice(0, 80)}.png`), fullPage: true }).catch(() => undefined)
})

const loginEntries = async () => {
  const response = await api(`/api/audit-log?where[action][equals]=login&where[userEmail][equals]=${encodeURIComponent(OWNER.email)}&limit=0`, { headers: owner.headers })
  return (await response.json()).totalDocs as number
}

async function createArticle(data: Record<string, unknown>, headers: Record<string, string>, query = '') {
  return api(`/api/articles${query}`, {
    method: 'POST',
    ...json(
      {
        body: {
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
                children: [{ type: 'text', version: 1, text: 'Integration turns insight into change.', detail: 0, format: 0, mode: 'normal', style: '' }],
              },
            ],
          },
        },
        ...data,
      },
      headers,
    ),
  })
}

test('the content model is in the host’s admin, and signing in there is audited', async () => {
  await waitFor('the first-register sign-in in the audit log', async () => (await loginEntries()) >= 1)
  const before = await loginEntries()
  await page.goto(`${cms}/admin/login`)
  await page.fill('input[name="email"]', OWNER.email)
  await page.fill('input[name="password"]', OWNER.password)
  await page.click('button[type="submit"]')
  await page.waitForURL(`${cms}/admin`)
  const nav = page.locator('nav')
  for (const label of ['Articles', 'Benefit lists', 'FAQs', 'Calls to action', 'Images', 'Webhooks', 'Audit log', 'Site keys', 'Users']) {
    await nav.getByText(label, { exact: true }).first().waitFor()
  }
  expect(await waitFor('the admin sign-in in the audit log', async () => (await loginEntries()) === before + 1)).toBe(true)
}, 60_000)

test('anonymous reads see published content only, by REST and GraphQL', async () => {
  const save = (title: string, status: string) =>
    api(`/api/benefit-lists${status === 'draft' ? '?draft=true' : ''}`, { method: 'POST', ...json({ title, items: [{ label: 'Calm' }], _status: status }, owner.headers) })
  const draft = await (await save('Draft list', 'draft')).json()
  expect((await save('Published list', 'published')).status).toBe(201)
  const listed = await (await api('/api/benefit-lists')).json()
  expect(listed.docs.map((doc: { title: string }) => doc.title)).toEqual(['Published list'])
  expect((await api(`/api/benefit-lists/${draft.doc.id}`)).status).toBe(404)
  const graphql = await api('/api/graphql', { method: 'POST', ...json({ query: '{ BenefitLists(draft: true) { docs { title } } }' }) })
  expect((await graphql.json()).data.BenefitLists.docs).toEqual([{ title: 'Published list' }])
})

test('the review gate: no publishing without a clinical review, and not by a contributor', async () => {
  const unreviewed = await createArticle({ title: 'Unreviewed', _status: 'published' }, owner.headers)
  expect(unreviewed.status).toBe(400)
  const paths = (await unreviewed.json()).errors[0].data.errors.map((error: { path: string }) => error.path)
  expect(paths).toEqual(expect.arrayContaining(['clinicalReview.reviewerName', 'clinicalReview.reviewedAt']))

  expect(
    (await api('/api/users', { method: 'POST', ...json({ email: 'writer@clinic.test', password: 'writer-password-long', roles: ['contributor'] }, owner.headers) })).status,
  ).toBe(201)
  const login = await (await api('/api/users/login', { method: 'POST', ...json({ email: 'writer@clinic.test', password: 'writer-password-long' }) })).json()
  const byContributor = await createArticle({ title: 'By a contributor', clinicalReview: REVIEW, _status: 'published' }, { Authorization: `JWT ${login.token}` })
  expect(byContributor.status).toBe(403)
  const stored = await (await api('/api/articles?where[title][equals]=By%20a%20contributor&draft=true', { headers: owner.headers })).json()
  expect(stored.totalDocs).toBe(0)
})

test('a publish sends a signed webhook to the clinic’s site', async () => {
  const created = await api('/api/webhooks', { method: 'POST', ...json({ name: 'Clinic site', url: `${siteUrl}/hooks` }, owner.headers) })
  expect(created.status).toBe(201)
  const { secret } = (await created.json()).doc
  const article = await createArticle({ title: 'Preparing for your first session', clinicalReview: REVIEW, _status: 'published' }, owner.headers)
  expect(article.status).toBe(201)
  const { doc } = await article.json()
  const delivery = await waitFor('the published event at the site', () => received.find((request) => JSON.parse(request.body).document.id === doc.id))
  expect(JSON.parse(delivery.body)).toMatchObject({ event: 'published', collection: 'articles', document: { slug: doc.slug } })
  expect(verifyWebhook(delivery.body, delivery.headers['x-kap-signature'] as string, secret)).toBe(true)
  expect(verifyWebhook(delivery.body, delivery.headers['x-kap-signature'] as string, 'another-secret')).toBe(false)
})

test('a publication scheduled through the host’s config happens in the running host', async () => {
  const draft = await (await createArticle({ title: 'Scheduled for later', clinicalReview: REVIEW, _status: 'draft' }, owner.headers, '?draft=true')).json()
  expect((await api(`/api/articles/${draft.doc.id}`)).status).toBe(404)
  await run('payload run schedule-publication.ts', [PAYLOAD_BIN, 'run', '../schedule-publication.ts', 'articles', String(draft.doc.id), String(owner.id), '2'], {
    NODE_OPTIONS: '--conditions=development',
  })
  const published = await waitFor(
    'the scheduled article to be public',
    async () => {
      const response = await api(`/api/articles/${draft.doc.id}`)
      return response.status === 200 && (await response.json())
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  )
  expect(published._status).toBe('published')
}, 60_000)

test('the admin’s preview button opens the draft on the clinic’s site; a forged token does not', async () => {
  const draft = await (await createArticle({ title: 'Only in draft', clinicalReview: REVIEW, _status: 'draft' }, owner.headers, '?draft=true')).json()
  await page.goto(`${cms}/admin/collections/articles/${draft.doc.id}`)
  const [preview] = await Promise.all([page.context().waitForEvent('page'), page.locator('.preview-btn').first().click()])
  await preview.waitForLoadState()
  expect(preview.url().startsWith(`${siteUrl}/preview/articles/${draft.doc.id}?token=`)).toBe(true)
  expect(await preview.locator('h1').textContent()).toBe('Only in draft')
  const forged = new URL(preview.url())
  forged.searchParams.set('token', `${forged.searchParams.get('token')}x`)
  const refused = await fetch(forged)
  expect(refused.status).toBe(401)
  expect(await refused.text()).not.toContain('Only in draft')
  await preview.close()
}, 60_000)

test('npx payload kap:import brings an article into the host’s database; its page carries JSON-LD', async () => {
  const article = path.join(REPO, 'src/import/seed/ketamine-therapy-and-the-psychedelic-connection.txt')
  const output = await productionCli('payload kap:import', 'kap:import', article, '--publish', '--reviewer', 'Dr. Maya Chen', '--reviewed-on', '2026-10-01')
  const slug = output.match(/Article "([^"]+)" created and published/)?.[1]
  expect(slug).toBeDefined()
  const page = await api(`/api/articles/slug/${slug}`)
  expect(page.status).toBe(200)
  const body = await page.json()
  expect(body.clinicalReview.reviewerName).toBe('Dr. Maya Chen')
  expect(body.jsonLd.map((node: { '@type': string }) => node['@type'])).toEqual(expect.arrayContaining(['MedicalWebPage', 'BlogPosting']))
  // A bad command line is refused before the database is touched, with the host's command in the usage.
  await expect(productionCli('payload kap:import', 'kap:import', '--publish')).rejects.toThrow(/exited with 2[\s\S]*Usage: npx payload kap:import <file.txt \| folder>/)
}, 60_000)

test('no server errors in the host’s log', () => {
  // Payload logs the 4xx answers above (drafts not found, refused saves) as errors in a Next host; a 5xx or a crash is what must not be there.
  expect(nextOutput).not.toMatch(/"status": 5\d\d|Unhandled|uncaught|TypeError|ReferenceError|Error running onInit/i)
  expect(nextOutput).toMatch(/Ready in/)
})
