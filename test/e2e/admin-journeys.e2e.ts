import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

import { type ServerProcess, startServerProcess, waitUntilReady } from '../../tools/server-process'
import { waitFor } from '../../tools/wait-for'

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
const state: { listId?: string; ctaId?: string; articleId?: string; submittedId?: string; slug: string } = { slug: 'e2e-integration-after-ketamine' }

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

/** A signed-in browser of its own, for a second member of staff working beside the owner. */
async function staffPage(email: string, password: string, roles: string[]): Promise<{ page: Page; close: () => Promise<void> }> {
  await api('/api/users', {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: `JWT ${await adminToken()}` },
    body: JSON.stringify({ email, password, roles }),
  })
  const own = await browser.newContext({ viewport: { width: 1400, height: 1000 } })
  const staff = await own.newPage()
  await login(staff, email, password)
  await staff.waitForURL(new RegExp(`${base}/admin/?$`))
  return { page: staff, close: () => own.close() }
}

/** Picks an option of a select field in the document form (Payload's react-select). */
async function choose(target: Page, fieldId: string, option: string) {
  await target.locator(`#${fieldId} .rs__control`).click()
  await target.locator('.rs__option').filter({ hasText: option }).first().click()
}

const WRITER = { email: 'writer@clinic.test', password: 'writer-password-long' }
let writer: { page: Page; close: () => Promise<void> }

test('a contributor writes a draft and submits it for approval', () =>
  journey('09-submit', async () => {
    writer = await staffPage(WRITER.email, WRITER.password, ['contributor'])
    const w = writer.page
    await w.goto(`${base}/admin/collections/articles/create`)
    await w.fill('input[name="title"]', 'E2E Music in Sessions')
    await w.locator('.rich-text-lexical [contenteditable="true"]').first().click()
    await w.keyboard.type('Music gives the session a shape.')
    await choose(w, 'field-approval__state', 'Waiting for approval')
    await w.getByRole('button', { name: 'Save Draft' }).click()
    await w.waitForURL(/\/articles\/\d+/)
    state.submittedId = w.url().match(/articles\/(\d+)/)?.[1]
    await w.screenshot({ path: path.join(SHOTS, '09-submitted.png'), fullPage: true })
    const draft = await (await api(`/api/articles/${state.submittedId}?draft=true`, { headers: { Authorization: `JWT ${await adminToken()}` } })).json()
    expect(draft.approval.state).toBe('submitted')
    expect(draft.approval.submittedBy.email).toBe(WRITER.email)
  }))

test('an editor sends it back with a comment the contributor sees, and the contributor submits again', () =>
  journey('10-send-back', async () => {
    // An existing draft autosaves as staff edit it: the comment first, then the decision.
    await page.goto(`${base}/admin/collections/articles/${state.submittedId}`)
    await page.fill('textarea[name="approval.comment"]', 'Add a sentence on choosing music with the client.')
    await choose(page, 'field-approval__state', 'Sent back for changes')
    await waitFor('the draft to be sent back', async () => (await submittedDraft()).approval?.state === 'changesRequested', { timeoutMs: 20_000, intervalMs: 250 })
    await shot('10-sent-back-by-the-editor')
    const w = writer.page
    await w.reload()
    const comment = w.locator('textarea[name="approval.comment"]')
    await comment.waitFor()
    expect(await comment.inputValue()).toBe('Add a sentence on choosing music with the client.')
    await w.screenshot({ path: path.join(SHOTS, '10-sent-back-as-the-contributor-sees-it.png'), fullPage: true })
    await choose(w, 'field-approval__state', 'Waiting for approval')
    const resubmitted = await waitFor(
      'the contributor to submit again',
      async () => {
        const draft = await submittedDraft()
        return draft.approval?.state === 'submitted' ? draft : undefined
      },
      { timeoutMs: 20_000, intervalMs: 250 },
    )
    expect(resubmitted.approval.comment).toBe('Add a sentence on choosing music with the client.')
  }))

/** The submitted article's newest draft, as staff read it. */
async function submittedDraft() {
  return (await api(`/api/articles/${state.submittedId}?draft=true`, { headers: { Authorization: `JWT ${await adminToken()}` } })).json()
}

test('the warnings before publishing show in the document', () =>
  journey('11-checks', async () => {
    await page.goto(`${base}/admin/collections/articles/${state.submittedId}`)
    const checks = page.locator('textarea[name="publishingChecks"]')
    await checks.waitFor()
    expect(await checks.inputValue()).toContain('There is no excerpt')
    await shot('11-checks-in-the-document')
  }))

test('the dashboard shows what needs review, what waits for approval, what is scheduled and what changed', () =>
  journey('12-dashboard', async () => {
    const token = await adminToken()
    // The published article's next review falls due in ten days.
    const due = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000).toISOString()
    await api(`/api/articles/${state.articleId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', Authorization: `JWT ${token}` },
      body: JSON.stringify({ clinicalReview: { nextReviewDue: due }, _status: 'published' }),
    })
    // A benefit list scheduled for tomorrow through the admin's own "Schedule Publish".
    await page.goto(`${base}/admin/collections/benefit-lists/${state.listId}`)
    await page.fill('input[name="title"]', 'E2E: what sessions can open (winter edition)')
    // Published documents autosave edits as a draft while the editor types.
    await page.getByText('Status:').locator('..').getByText('Changed').first().waitFor()
    await page
      .getByText(/Last saved/)
      .first()
      .waitFor()
    await page.locator('#action-save').locator('xpath=..').locator('.popup-button').click()
    await page.locator('#schedule-publish').click()
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000)
    // A benefit list has no date field of its own: the one date picker is the drawer's.
    const time = page.locator('.react-datepicker__input-container input').last()
    await time.click()
    await time.fill(`${tomorrow.getMonth() + 1}/${tomorrow.getDate()}/${tomorrow.getFullYear()} 9:00 AM`)
    await page.getByRole('heading', { name: 'Upcoming Events' }).click()
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page
      .getByText(/scheduled successfully/i)
      .first()
      .waitFor()

    await page.goto(`${base}/admin`)
    const list = (name: string) => page.locator(`[data-dashboard-list="${name}"]`)
    await list('needs-review').getByText('E2E Integration After Ketamine').waitFor()
    await list('waiting-for-approval').getByText('E2E Music in Sessions').waitFor()
    await list('scheduled').getByText('E2E: what sessions can open (winter edition)').waitFor()
    await list('recently-changed').getByRole('link').first().waitFor()
    expect(await list('recently-changed').getByRole('link').count()).toBeGreaterThan(3)
    await list('checks').getByText('E2E Music in Sessions').waitFor()
    await shot('12-dashboard')
    // The article list shows what staff sort their work by.
    await page.goto(`${base}/admin/collections/articles`)
    const headers = page.locator('table thead th')
    await headers.first().waitFor()
    const columns = await headers.allTextContents()
    for (const column of ['Status', 'Approval', 'Next review due', 'Last Modified By']) expect(columns.join('|')).toContain(column)
    // Who saved each article, by name or address (the admin loads them 250 at a time: within API_MAX_LIMIT).
    await page.locator('table tbody').getByText(OWNER.email).first().waitFor()
    await shot('12-article-list')
    await page.goto(`${base}/admin`)
    // Articles lead the navigation.
    const nav = await page.locator('nav a[href*="/admin/collections/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')))
    expect(nav[0]).toBe('/admin/collections/articles')
    await writer.close()
  }))

test('the editor approves the submitted draft: enters the outside clinical review and publishes it', () =>
  journey('13-approve', async () => {
    await page.goto(`${base}/admin/collections/articles/${state.submittedId}`)
    await page.locator('.tabs-field__tab-button', { hasText: 'Clinical review' }).click()
    await page.fill('input[name="clinicalReview.reviewerName"]', 'Dr. Lee Park (outside reviewer)')
    await page.locator('#field-clinicalReview__reviewedAt input').fill('11/20/2026')
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Publish changes' }).click()
    await page.getByText('Status:').locator('..').getByText('Published').first().waitFor()
    const published = await submittedDraft()
    expect(published._status).toBe('published')
    expect(published.approval).toMatchObject({ state: 'writing', decidedBy: expect.objectContaining({ email: OWNER.email }) })
    expect(published.clinicalReview).toMatchObject({ signedOffAs: 'outside', signedOffBy: expect.objectContaining({ email: OWNER.email }) })
    await page.locator('.tabs-field__tab-button', { hasText: 'Clinical review' }).click()
    await shot('13-approved-with-its-sign-off')
    expect((await api('/api/articles/slug/e2e-music-in-sessions')).status).toBe(200)
  }))

test('an editor changes a published slug; the old address redirects on the API and on the site', () =>
  journey('14-redirect', async () => {
    const oldSlug = state.slug
    const newSlug = 'e2e-integration-after-ketamine-therapy'
    await page.goto(`${base}/admin/collections/articles/${state.articleId}`)
    await page.fill('input[name="slug"]', newSlug)
    await page.getByRole('button', { name: 'Publish changes' }).click()
    await page.getByText('Status:').locator('..').getByText('Published').first().waitFor()
    const moved = await waitFor('the old slug to redirect', async () => {
      const response = await api(`/api/articles/slug/${oldSlug}`, { redirect: 'manual' })
      return response.status === 301 ? response : undefined
    })
    expect(moved.headers.get('location')).toBe(`/api/articles/slug/${newSlug}`)
    const site = await api(`/articles/${oldSlug}`, { redirect: 'manual' })
    expect(site.status).toBe(301)
    expect(site.headers.get('location')).toBe(`/articles/${newSlug}`)
    const visitor = await context.newPage()
    await visitor.goto(`${base}/articles/${oldSlug}`)
    expect(visitor.url()).toBe(`${base}/articles/${newSlug}`)
    await visitor.screenshot({ path: path.join(SHOTS, '14-old-address-lands-on-the-new-one.png'), fullPage: true })
    await visitor.close()
    await page.goto(`${base}/admin/collections/redirects`)
    await page.getByText(oldSlug).first().waitFor()
    await shot('14-redirects-in-the-admin')
  }))
