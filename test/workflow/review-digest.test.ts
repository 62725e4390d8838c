/**
 * The daily review-due digest reaches a real SMTP receiver (smtp-server, in this process, no
 * outside network): once a day however often it is checked, to the reviewers, listing what is due.
 */
import type { AddressInfo } from 'node:net'

import { SMTPServer } from 'smtp-server'

import { composeReviewDigest, emailConfigured, sendReviewDigest } from '../../src/workflow/review-digest'
import { findReviewsDue } from '../../src/workflow/reviews-due'
import { createArticle } from '../helpers/content-fixtures'
import { signIn, startTestCms, type TestCms } from '../helpers/start-cms'

type Mail = { from: string; to: string[]; raw: string }
const received: Mail[] = []
let smtp: SMTPServer
let cms: TestCms
const NOW = new Date('2030-01-15T08:00:00.000Z')

/** A receiver that keeps every message it is given. */
async function startReceiver(port = 0): Promise<SMTPServer> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        // Soft line breaks and escapes of quoted-printable undone, so the text reads as sent.
        const raw = Buffer.concat(chunks)
          .toString('utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)))
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return server
}

/** The digests for one day (the server's own daily check may send today's beside the test's days). */
const mailFor = (day: string) => received.filter((mail) => mail.raw.includes(`as of ${day}`))

beforeAll(async () => {
  smtp = await startReceiver()
  process.env.SMTP_HOST = '127.0.0.1'
  process.env.SMTP_PORT = String((smtp.server.address() as AddressInfo).port)
  process.env.SMTP_SECURE = 'false'
  process.env.EMAIL_FROM = 'cms@clinic.test'
  // The test decides when the digest goes (sendReviewDigest with its own day), not the clock.
  process.env.REVIEW_DIGEST_HOUR_UTC = '23'
  cms = await startTestCms()
  await signIn(cms, { email: 'admin@digest.test', password: 'a-long-admin-password', roles: ['admin'] })
  await signIn(cms, { email: 'editor@digest.test', password: 'a-long-editor-password', roles: ['editor'] })
})
afterAll(async () => {
  await cms.stop()
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
  for (const name of ['SMTP_HOST', 'SMTP_PORT', 'SMTP_SECURE', 'EMAIL_FROM', 'REVIEW_DIGEST_HOUR_UTC']) delete process.env[name]
})

async function articleDue(title: string, slug: string, nextReviewDue: string) {
  const article = await createArticle(cms.payload, { title, slug })
  await cms.payload.update({ collection: 'articles', id: article.id, data: { clinicalReview: { nextReviewDue } } as never, overrideAccess: true })
  return article
}

test('reviews due: overdue first, then those within 30 days; later ones and drafts are left out', async () => {
  await articleDue('Overdue article', 'overdue-article', '2029-12-01T00:00:00.000Z')
  await articleDue('Due soon article', 'due-soon-article', '2030-02-01T00:00:00.000Z')
  await articleDue('Due next year', 'due-next-year', '2030-09-01T00:00:00.000Z')
  const draft = await createArticle(cms.payload, { title: 'Draft due', slug: 'draft-due', status: 'draft' })
  await cms.payload.update({
    collection: 'articles',
    id: draft.id,
    data: { clinicalReview: { nextReviewDue: '2029-12-02T00:00:00.000Z' } } as never,
    draft: true,
    overrideAccess: true,
  })

  const due = await findReviewsDue(cms.payload, { now: NOW })
  expect(due.docs.map((article) => [article.title, article.overdue])).toEqual([
    ['Overdue article', true],
    ['Due soon article', false],
  ])
})

test('without reviewers the editors get the digest, once a day whatever the number of checks', async () => {
  expect(emailConfigured(cms.payload)).toBe(true)
  const outcomes = await Promise.all([1, 2, 3].map(() => sendReviewDigest(cms.payload, { now: NOW, publishRoles: ['admin', 'editor'] })))
  expect(outcomes.filter((outcome) => outcome.sent)).toEqual([{ sent: true, day: '2030-01-15', articles: 2, recipients: 2 }])
  expect(await sendReviewDigest(cms.payload, { now: NOW, publishRoles: ['admin', 'editor'] })).toEqual({ sent: false, reason: 'the digest for 2030-01-15 was already sent' })

  expect(
    mailFor('2030-01-15')
      .map((mail) => mail.to)
      .sort(),
  ).toEqual([['admin@digest.test'], ['editor@digest.test']])
  const mail = mailFor('2030-01-15')[0]
  expect(mail.from).toBe('cms@clinic.test')
  expect(mail.raw).toMatch(/Subject: Clinical reviews due: 2 articles \(1 overdue\)/)
  expect(mail.raw).toContain('OVERDUE 2029-12-01  Overdue article')
  expect(mail.raw).toContain('2030-02-01  Due soon article')
  expect(mail.raw).not.toContain('Due next year')
  const record = await cms.payload.find({ collection: 'review-digests', where: { day: { equals: '2030-01-15' } }, overrideAccess: true })
  expect(record.docs).toEqual([expect.objectContaining({ day: '2030-01-15', articles: 2, recipients: 2, sentAt: expect.any(String) })])
})

test('with a reviewer, the reviewer alone gets the next day’s digest', async () => {
  await signIn(cms, { email: 'reviewer@digest.test', password: 'a-long-reviewer-password', roles: ['reviewer'] })
  const nextDay = new Date('2030-01-16T08:00:00.000Z')
  expect(await sendReviewDigest(cms.payload, { now: nextDay, publishRoles: ['admin', 'editor'] })).toMatchObject({ sent: true, recipients: 1 })
  expect(mailFor('2030-01-16').map((mail) => mail.to)).toEqual([['reviewer@digest.test']])
})

test('a failed send leaves no record for the day, so the next check tries again', async () => {
  const port = Number(process.env.SMTP_PORT)
  await new Promise<void>((resolve) => smtp.close(() => resolve()))
  const day = new Date('2030-01-17T08:00:00.000Z')
  await expect(sendReviewDigest(cms.payload, { now: day, publishRoles: ['admin', 'editor'] })).rejects.toThrow(/ECONNREFUSED/)
  expect((await cms.payload.find({ collection: 'review-digests', where: { day: { equals: '2030-01-17' } }, overrideAccess: true })).totalDocs).toBe(0)
  // A receiver is back on the same port: the retry goes through.
  smtp = await startReceiver(port)
  expect(await sendReviewDigest(cms.payload, { now: day, publishRoles: ['admin', 'editor'] })).toMatchObject({ sent: true, day: '2030-01-17' })
  expect(mailFor('2030-01-17')).toHaveLength(1)
})

test('the digest text escapes titles in its HTML and counts what it leaves out', () => {
  const digest = composeReviewDigest([{ id: 1, title: 'Dosing <and> "risks"', slug: 'x', nextReviewDue: '2026-10-01T00:00:00.000Z', overdue: true, reviewerName: 'Dr. A' }], {
    adminUrl: 'https://cms.clinic.test/admin',
    day: '2030-01-15',
    more: 4,
  })
  expect(digest.subject).toBe('Clinical reviews due: 5 articles (1 overdue)')
  expect(digest.html).toContain('Dosing &lt;and&gt; &quot;risks&quot;')
  expect(digest.text).toContain('…and 4 more: see the dashboard.')
  expect(digest.text).toContain('https://cms.clinic.test/admin/collections/articles/1')
})
