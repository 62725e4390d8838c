import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

import { type ServerProcess, startServerProcess, waitUntilReady } from '../../tools/server-process'

/**
 * What clinic staff do in the admin UI, in a real browser (Debian's Chromium) against a production
 * build on a fresh database. The journeys run in order, each building on the last.
 */
const SHOTS = path.resolve('test-results/e2e')
const OWNER = { email: 'owner@clinic.test', password: 'owner-password-long' }
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

let server: ServerProcess
let base: string
let browser: Browser
let context: BrowserContext
let page: Page
let dataDir: string
const consoleErrors: string[] = []
const state: { listId?: string; ctaId?: string; articleId?: string; slug: string } = { slug: 'e2e-integration-after-ketamine' }

/** Runs one journey; on failure keeps a screenshot and the page's console errors beside it. */
async function journey(name: string, steps: () => Promise<void>): Promise<void> {
  try {
    await steps()
  } catch (error) {
    await page.screenshot({ path: path.join(SHOTS, `${name}-FAILED.png`), fullPage: true }).catch(() => undefined)
    fs.writeFileSync(path.join(SHOTS, `${name}-FAILED-console.txt`), consoleErrors.join('\n'))
    // The server's own log beside them: a failure in CI is diagnosable from the artifacts alone.
    fs.writeFileSync(path.join(SHOTS, `${name}-FAILED-server.log`), server?.output() ?? '')
    throw error
  }
}

const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
const api = (pathname: string, init?: RequestInit) => fetch(base + pathname, init)

async function login(target: Page, email: string, password: string) {
  await target.goto(`${base}/admin/login`)
  await target.fill('input[name="email"]', email)
  await target.fill('input[name="password"]', password)
  await target.click('button[type="submit"]')
}

beforeAll(async () => {
  fs.rmSync(SHOTS, { recursive: true, force: true })
  fs.mkdirSync(SHOTS, { recursive: true })
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-e2e-'))
  server = await startServerProcess({
    PAYLOAD_SECRET: 'e2e-secret-that-is-at-least-32-characters',
    DATABASE_URI: `file:${path.join(dataDir, 'kap.db')}`,
    DATA_DIR: dataDir,
  })
  base = (await waitUntilReady(server)).replace('127.0.0.1', 'localhost')
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_FLAGS })
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  page = await context.newPage()
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()))
  page.on('response', async (response) => {
    if (response.status() >= 400 && response.url().startsWith(base)) {
      consoleErrors.push(`${response.status()} ${response.request().method()} ${response.url()}: ${(await response.text().catch(() => '')).slice(0, 500)}`)
    }
  })
})

afterAll(async () => {
  await browser?.close()
  server?.child.kill('SIGTERM')
  await server?.exited
  fs.rmSync(dataDir, { recursive: true, force: true })
})

test('the first user creates their account and becomes admin', () =>
  journey('01-first-user', async () => {
    await page.goto(`${base}/admin`)
    await page.waitForURL(/create-first-user/)
    await page.fill('input[name="email"]', OWNER.email)
    await page.fill('input[name="password"]', OWNER.password)
    await page.fill('input[name="confirm-password"]', OWNER.password)
    await page.click('button[type="submit"]')
    await page.waitForURL(new RegExp(`${base}/admin/?$`))
    await page.getByText('Benefit lists').first().waitFor()
    await shot('01-dashboard')
    const me = await (await api('/api/users/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) })).json()
    expect(me.user.roles).toEqual(['admin'])
  }))

test('an editor creates a benefit list with three items, one with a description, and publishes it', () =>
  journey('02-benefit-list', async () => {
    await page.goto(`${base}/admin/collections/benefit-lists/create`)
    await page.fill('input[name="title"]', 'E2E: what sessions can open')
    await page.fill('input[name="leadIn"]', 'Clients often describe:')
    for (let index = 0; index < 3; index++) {
      await page.getByRole('button', { name: 'Add Item' }).click()
      await page.locator(`input[name="items.${index}.label"]`).waitFor()
    }
    await page.fill('input[name="items.0.label"]', 'Emotional release')
    await page.fill('textarea[name="items.0.description"]', 'Long-held grief may rise to the surface.')
    await page.fill('input[name="items.1.label"]', 'Perspective shifts')
    await page.fill('input[name="items.2.label"]', 'Self-compassion')
    await page.getByRole('button', { name: 'Publish changes' }).click()
    await page.waitForURL(/\/benefit-lists\/\d+/)
    state.listId = page.url().match(/benefit-lists\/(\d+)/)?.[1]
    await shot('02-benefit-list')
    const list = await (await api(`/api/benefit-lists/${state.listId}`)).json()
    expect(list.items.map((item: { label: string }) => item.label)).toEqual(['Emotional release', 'Perspective shifts', 'Self-compassion'])
    expect(list.items[0].description).toBe('Long-held grief may rise to the surface.')
  }))

async function adminToken(): Promise<string> {
  const response = await api('/api/users/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(OWNER) })
  return (await response.json()).token
}

/** Inserts an embed block through the editor's slash menu and picks the document it shows. */
async function insertEmbed(menuLabel: string, fieldLabel: string, documentTitle: string) {
  const editor = page.locator('.rich-text-lexical [contenteditable="true"]').first()
  await editor.press('Control+End')
  await editor.press('Enter')
  // The menu filters as one types; a space would close it.
  await page.keyboard.type(`/${menuLabel.split(' ')[0].toLowerCase()}`)
  await page.locator('.slash-menu-popup').getByText(menuLabel, { exact: true }).first().click()
  const field = page.locator('.rich-text-lexical .field-type.relationship').filter({ hasText: fieldLabel })
  await field.locator('.rs__control').click()
  await page.locator('.rs__option').filter({ hasText: documentTitle }).first().click()
  await field.locator('.rs__single-value, .relationship--single-value').filter({ hasText: documentTitle }).first().waitFor()
}

test('an editor writes an article embedding the list and a call to action, and saves a draft the public cannot see', () =>
  journey('03-article-draft', async () => {
    const token = await adminToken()
    const cta = await api('/api/calls-to-action', {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `JWT ${token}` },
      body: JSON.stringify({
        heading: 'Ready to talk?',
        buttonLabel: 'Schedule a consultation',
        link: { type: 'external', url: 'https://clinic.example/contact' },
        _status: 'published',
      }),
    })
    state.ctaId = String((await cta.json()).doc.id)

    await page.goto(`${base}/admin/collections/articles/create`)
    await page.fill('input[name="title"]', 'E2E Integration After Ketamine')
    await page.locator('.tabs-field__tab-button', { hasText: 'Clinical review' }).click()
    await page.fill('input[name="clinicalReview.reviewerName"]', 'Dr. Maya Chen')
    await page.locator('#field-clinicalReview__reviewedAt input').fill('10/01/2026')
    await page.keyboard.press('Escape')
    await page.locator('.tabs-field__tab-button', { hasText: 'Content' }).click()
    const editor = page.locator('.rich-text-lexical [contenteditable="true"]').first()
    await editor.click()
    await page.keyboard.type('E2E-DRAFT-TEXT: integration turns insight into lasting change.')
    await insertEmbed('Benefit list', 'Benefit List', 'E2E: what sessions can open')
    await insertEmbed('Call to action', 'Call To Action', 'Ready to talk?')
    // The editor hands block fields to the form shortly after a change, as it would for a person.
    await page.waitForTimeout(1500)
    await page.getByRole('button', { name: 'Save Draft' }).click()
    await page.waitForURL(/\/articles\/\d+/)
    state.articleId = page.url().match(/articles\/(\d+)/)?.[1]
    await shot('03-article-editor')

    expect((await api(`/api/articles/slug/${state.slug}`)).status).toBe(404)
    expect((await api(`/api/articles/${state.articleId}?draft=true`)).status).toBe(404)
  }))

test('the editor previews the draft and sees it; the same link without its token shows no draft', () =>
  journey('04-preview', async () => {
    const [preview] = await Promise.all([context.waitForEvent('page'), page.locator('.preview-btn').first().click()])
    await preview.waitForLoadState()
    expect(await preview.locator('main').textContent()).toContain('E2E-DRAFT-TEXT')
    expect(await preview.locator('.benefit-list li').allTextContents()).toEqual([
      'Emotional release: Long-held grief may rise to the surface.',
      'Perspective shifts',
      'Self-compassion',
    ])
    expect(await preview.locator('.call-to-action a').textContent()).toBe('Schedule a consultation')
    await preview.screenshot({ path: path.join(SHOTS, '04-preview.png'), fullPage: true })
    const withoutToken = await api(new URL(preview.url()).pathname)
    expect(await withoutToken.text()).not.toContain('E2E-DRAFT-TEXT')
    await preview.close()
  }))

test('the editor publishes; the public API and the article page show it', () =>
  journey('05-publish', async () => {
    await page.getByRole('button', { name: 'Publish changes' }).click()
    await page.getByText('Status:').locator('..').getByText('Published').first().waitFor()
    const article = await (await api(`/api/articles/slug/${state.slug}`)).json()
    expect(article.title).toBe('E2E Integration After Ketamine')
    const html = await (await api(`/articles/${state.slug}`)).text()
    expect(html).toContain('E2E-DRAFT-TEXT')
    const published = await context.newPage()
    await published.goto(`${base}/articles/${state.slug}`)
    await published.screenshot({ path: path.join(SHOTS, '05-published-article.png'), fullPage: true })
    await published.close()
  }))

test('an edit saved as a draft stays private until the next publish', () =>
  journey('06-edit-draft', async () => {
    await page.fill('input[name="title"]', 'E2E Integration After Ketamine, Revised')
    // Published documents autosave edits as a draft while the editor types.
    await page.getByText('Status:').locator('..').getByText('Changed').first().waitFor()
    await page
      .getByText(/Last saved/)
      .first()
      .waitFor()
    expect((await (await api(`/api/articles/slug/${state.slug}`)).json()).title).toBe('E2E Integration After Ketamine')
    await page.getByRole('button', { name: 'Publish changes' }).click()
    await page.getByText('Status:').locator('..').getByText('Published').first().waitFor()
    expect((await (await api(`/api/articles/slug/${state.slug}`)).json()).title).toBe('E2E Integration After Ketamine, Revised')
    await shot('06-article-republished')
  }))

test('the editor restores an earlier version', () =>
  journey('07-restore', async () => {
    await page.goto(`${base}/admin/collections/articles/${state.articleId}/versions`)
    // The oldest published version carries the original title.
    const rows = page.locator('.versions table tbody tr, .table tbody tr')
    await rows.first().waitFor()
    await rows.last().locator('a').first().click()
    await page.locator('.restore-version, .restore-button').first().waitFor()
    await shot('07-version')
    await page.locator('.restore-version button, .restore-button button, button:has-text("Restore")').first().click()
    await page
      .getByRole('button', { name: /confirm|restore/i })
      .last()
      .click()
    await page.waitForURL(new RegExp(`/articles/${state.articleId}$`))
    const draft = await (await api(`/api/articles/${state.articleId}?draft=true`, { headers: { Authorization: `JWT ${await adminToken()}` } })).json()
    expect(draft.title).toBe('E2E Integration After Ketamine')
  }))

test('a wrong password shows an error, and the lockout holds after repeated failures', () =>
  journey('08-login-lockout', async () => {
    const token = await adminToken()
    await api('/api/users', {
      method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `JWT ${token}` },
      body: JSON.stringify({ email: 'editor@clinic.test', password: 'editor-password-long', roles: ['editor'] }),
    })
    const anonymous = await browser.newContext()
    const visitor = await anonymous.newPage()
    await login(visitor, 'editor@clinic.test', 'not-the-password')
    // One answer for a wrong password, an unknown account and a locked one (src/auth/sign-in-guard.ts).
    await visitor
      .getByText(/The email or password is incorrect, or the account is locked/)
      .first()
      .waitFor()
    await visitor.screenshot({ path: path.join(SHOTS, '08-wrong-password.png') })
    for (let attempt = 1; attempt < 5; attempt++) {
      await visitor.fill('input[name="password"]', `wrong-${attempt}`)
      await visitor.click('button[type="submit"]')
      await visitor.waitForTimeout(500)
    }
    await visitor.fill('input[name="password"]', 'editor-password-long')
    await visitor.click('button[type="submit"]')
    // The right password is refused while the account is locked, with the same answer.
    await visitor.waitForTimeout(500)
    await visitor
      .getByText(/The email or password is incorrect, or the account is locked/)
      .first()
      .waitFor()
    expect(visitor.url()).toContain('/admin/login')
    const locked = await api('/api/users/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'editor@clinic.test', password: 'editor-password-long' }),
    })
    expect(locked.status).toBe(401)
    await anonymous.close()
  }))
