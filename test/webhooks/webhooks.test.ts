import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { verifyWebhook } from '../../src/webhooks/signature'
import { createArticle } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'
import { waitFor } from '../../tools/wait-for'

/** A real local receiver whose answers the test chooses: a status, or hanging until released. */
type Received = { body: string; signature: string | undefined; at: number }
function startReceiver() {
  const received: Received[] = []
  const plan: (number | 'hang')[] = []
  const hanging: http.ServerResponse[] = []
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ body, signature: req.headers['x-kap-signature'] as string | undefined, at: Date.now() })
      const answer = plan.shift() ?? 200
      if (answer === 'hang') return void hanging.push(res)
      res.writeHead(answer).end()
    })
  })
  return {
    received,
    plan,
    release: () => hanging.splice(0).forEach((res) => res.writeHead(200).end()),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

let cms: TestCms
let admin: Awaited<ReturnType<typeof signIn>>
let editor: Awaited<ReturnType<typeof signIn>>
let receiver: ReturnType<typeof startReceiver>
let secret: string
const events = () => receiver.received.map((request) => JSON.parse(request.body).event)

beforeAll(async () => {
  Object.assign(process.env, { WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_BASE_MS: '200', WEBHOOK_TIMEOUT_MS: '2000' })
  cms = await startTestCms()
  admin = await signIn(cms, { email: 'admin@clinic.test', password: 'admin-password-long', roles: ['admin'] })
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
  receiver = startReceiver()
  const url = await receiver.listen()
  const created = await cms.api('/api/webhooks', { method: 'POST', ...json({ name: 'Clinic site', url }, admin.headers) })
  expect(created.status).toBe(201)
  secret = (await created.json()).doc.secret
})
afterAll(async () => {
  receiver.release()
  await cms.stop()
  await receiver.close()
  for (const name of ['WEBHOOK_POLL_MS', 'WEBHOOK_RETRY_BASE_MS', 'WEBHOOK_TIMEOUT_MS']) delete process.env[name]
})

describe('webhooks', () => {
  let articleId: string | number

  test('only admins manage webhooks', async () => {
    expect((await cms.api('/api/webhooks', { headers: editor.headers })).status).toBe(403)
    expect((await cms.api('/api/webhooks')).status).toBe(403)
    const badUrl = await cms.api('/api/webhooks', { method: 'POST', ...json({ name: 'x', url: 'javascript:alert(1)' }, admin.headers) })
    expect(badUrl.status).toBe(400)
  })

  test('publishing sends a signed event; a failed delivery is retried until it succeeds, and recorded', async () => {
    receiver.plan.push(500)
    const draft = await createArticle(cms.payload, { title: 'Webhook article', slug: 'webhook-article', status: 'draft' })
    articleId = draft.id
    expect(receiver.received).toHaveLength(0)
    const publish = await cms.api(`/api/articles/${articleId}`, { method: 'PATCH', ...json({ _status: 'published' }, admin.headers) })
    expect(publish.status).toBe(200)

    await waitFor('two deliveries at the receiver', () => receiver.received.length >= 2, { timeoutMs: 15_000 })
    const [failed, succeeded] = receiver.received
    expect(JSON.parse(succeeded.body)).toMatchObject({ event: 'published', collection: 'articles', document: { id: articleId, slug: 'webhook-article' } })
    expect(succeeded.body).toBe(failed.body)
    expect(verifyWebhook(succeeded.body, succeeded.signature, secret)).toBe(true)
    expect(verifyWebhook(succeeded.body.replace('published', 'deleted'), succeeded.signature, secret)).toBe(false)
    expect(verifyWebhook(succeeded.body, succeeded.signature, 'another-secret')).toBe(false)

    await cms.deliverWebhooks()
    const record = (await (await cms.api('/api/webhook-deliveries?limit=1', { headers: admin.headers })).json()).docs[0]
    expect(record).toMatchObject({ event: 'published', status: 'delivered', attempts: 2, lastStatusCode: 200 })
  })

  test('delivery records are visible to admins and nobody can edit or delete them', async () => {
    const list = await (await cms.api('/api/webhook-deliveries', { headers: admin.headers })).json()
    const id = list.docs[0].id
    expect((await cms.api(`/api/webhook-deliveries/${id}`, { method: 'PATCH', ...json({ status: 'pending' }, admin.headers) })).status).toBe(403)
    expect((await cms.api(`/api/webhook-deliveries/${id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(403)
    expect((await cms.api('/api/webhook-deliveries', { headers: editor.headers })).status).toBe(403)
  })

  test('a draft saved beside the published article sends nothing; publishing it sends "updated"', async () => {
    const before = receiver.received.length
    await cms.api(`/api/articles/${articleId}?draft=true`, { method: 'PATCH', ...json({ title: 'Webhook article, draft', _status: 'draft' }, admin.headers) })
    await cms.deliverWebhooks()
    expect(receiver.received.length).toBe(before)
    await cms.api(`/api/articles/${articleId}`, { method: 'PATCH', ...json({ _status: 'published' }, admin.headers) })
    await waitFor('one more delivery', () => receiver.received.length > before, { timeoutMs: 15_000 })
    expect(events().slice(before)).toEqual(['updated'])
  })

  test('unpublishing and deleting send their events', async () => {
    const before = receiver.received.length
    await cms.api(`/api/articles/${articleId}`, { method: 'PATCH', ...json({ _status: 'draft' }, admin.headers) })
    await waitFor('one more delivery', () => receiver.received.length > before, { timeoutMs: 15_000 })
    await cms.api(`/api/articles/${articleId}`, { method: 'PATCH', ...json({ _status: 'published' }, admin.headers) })
    await waitFor('the first retry', () => receiver.received.length > before + 1, { timeoutMs: 15_000 })
    await cms.api(`/api/articles/${articleId}`, { method: 'DELETE', headers: admin.headers })
    await waitFor('the second retry', () => receiver.received.length > before + 2, { timeoutMs: 15_000 })
    expect(events().slice(before)).toEqual(['unpublished', 'published', 'deleted'])
  })

  test('a slow endpoint never slows an editor’s save', async () => {
    receiver.plan.push('hang')
    const before = receiver.received.length
    const list = await cms.api('/api/benefit-lists', { method: 'POST', ...json({ title: 'Slow one', items: [{ label: 'Calm' }], _status: 'published' }, admin.headers) })
    expect(list.status).toBe(201)
    await waitFor('the delivery after the change', () => receiver.received[before], { timeoutMs: 15_000 })
    // While that delivery hangs unanswered, another save completes: it does not wait for webhooks.
    const save = await cms.api('/api/benefit-lists', { method: 'POST', ...json({ title: 'Fast one', items: [{ label: 'Calm' }], _status: 'published' }, admin.headers) })
    expect(save.status).toBe(201)
    const inFlight = await cms.payload.find({ collection: 'webhook-deliveries', where: { documentId: { equals: String((await list.json()).doc.id) } }, overrideAccess: true })
    expect(inFlight.docs[0]).toMatchObject({ status: 'pending', attempts: 0 })
    receiver.release()
  })
})
