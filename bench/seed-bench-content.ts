// Seeds the benchmark database up to BENCH_ARTICLES published articles shaped like the bundled seed
// article (about 5 KB of body text, one embedded benefit list, one FAQ group, one call to action, a
// hero image), adding to what an earlier run seeded so a run over several sizes seeds once.
//
// The first article and its embeds are saved through Payload's Local API, every hook included; the
// rest are copies of those stored documents (new titles, slugs and embed ids, a version each)
// written through the database adapter, in transactions of a few hundred (one commit per batch, not
// per row), which is what lets 50,000 seed in minutes rather than hours.
import crypto from 'node:crypto'
import fs from 'node:fs'

import { type CollectionSlug, createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { inBulkTransaction } from '../src/db/bulk-transaction'
import { nextEventLoopTurn } from '../src/db/event-loop-turn'
import { PLACEHOLDER_IMAGE } from '../src/import/seed-content'
import { loadProjectConfig, runCli } from '../src/cli/run-cli'
import { block, heading, lexicalDocument, paragraph, quote } from '../src/richtext/lexical-nodes'
import { benchSlug } from './bench-content'

const ARTICLES = Number(process.env.BENCH_ARTICLES || 500)
const REVIEW = { reviewerName: 'Dr. Maya Chen', reviewerCredentials: 'MD, psychiatrist', reviewedAt: '2026-10-01T00:00:00.000Z' }
const SENTENCE =
  'Ketamine-assisted psychotherapy pairs a carefully dosed medicine session with preparation and integration, so that what surfaces during the session can be understood and carried into daily life. '

function articleBody(listId: number | string, faqIds: (number | string)[], ctaId: number | string) {
  const body = [heading('h2', 'The psychedelic connection')]
  for (let section = 0; section < 6; section++) {
    body.push(heading('h2', `Part ${section + 1}: what to expect`), paragraph(SENTENCE.repeat(3)), paragraph(SENTENCE.repeat(1)))
    if (section === 1) body.push(block('benefitList', { benefitList: listId }))
    if (section === 3) body.push(quote('Integration is where insight becomes change.'), block('faqGroup', { heading: 'Common questions', faqs: faqIds }))
  }
  body.push(block('callToAction', { callToAction: ctaId }))
  return lexicalDocument(body)
}

async function seedArticle(payload: Payload, n: number, imageId: number | string): Promise<void> {
  const published = { _status: 'published' } as const
  const list = await payload.create({
    collection: 'benefit-lists',
    data: {
      ...published,
      title: `Benefits (article ${n})`,
      leadIn: 'Clients often describe ketamine sessions as:',
      items: [
        { label: 'Emotional release', description: 'Long-held grief, fear, or anger may rise to the surface and find space to move through.' },
        { label: 'Expanded perspective', description: 'Old stories about the self can loosen, making room for new ones.' },
        { label: 'Connection', description: 'Many describe a felt sense of connection to others and to something larger.' },
        { label: 'Calm', description: 'A quieting of the inner critic that can last beyond the session.' },
      ],
    } as never,
    overrideAccess: true,
  })
  const faqs = []
  for (const question of ['Is ketamine therapy safe?', 'How many sessions will I need?', 'What happens during a session?']) {
    faqs.push(
      await payload.create({
        collection: 'faqs',
        data: { ...published, question: `${question} (${n})`, answer: lexicalDocument([paragraph(SENTENCE)]) } as never,
        overrideAccess: true,
      }),
    )
  }
  const cta = await payload.create({
    collection: 'calls-to-action',
    data: {
      ...published,
      heading: 'Curious whether KAP is right for you?',
      body: 'Schedule a free 20-minute consultation with our team.',
      buttonLabel: 'Schedule a consultation',
      link: { type: 'external', url: 'https://clinic.example/consultation' },
    } as never,
    overrideAccess: true,
  })
  await payload.create({
    collection: 'articles',
    data: {
      ...published,
      title: `Ketamine therapy and the psychedelic connection, part ${n}`,
      slug: benchSlug(n),
      excerpt: 'How ketamine-assisted psychotherapy opens a window for emotional release and lasting change.',
      heroImage: imageId,
      body: articleBody(
        list.id,
        faqs.map((faq) => faq.id),
        cta.id,
      ),
      clinicalReview: REVIEW,
      author: { name: 'Jordan Rivera', credentials: 'LMFT' },
      topics: ['ketamine', 'integration'],
    } as never,
    overrideAccess: true,
  })
}

type Stored = Record<string, unknown> & { id: number | string }

/** The stored documents of the first article and its embeds: what every copy is made from. */
async function template(payload: Payload) {
  const find = async (collection: CollectionSlug, where: Record<string, unknown>) =>
    (await payload.db.find({ collection, where: where as never, limit: 0, pagination: false, sort: 'id' })).docs as Stored[]
  const [article] = await find('articles', { slug: { equals: benchSlug(1) } })
  const [list] = await find('benefit-lists', { title: { equals: 'Benefits (article 1)' } })
  const faqs = await find('faqs', { question: { like: '(1)' } })
  const [cta] = await find('calls-to-action', {})
  return { article, list, faqs: faqs.filter((faq) => String(faq.question).endsWith('(1)')), cta }
}

/** A stored document as data for a new one: no id, new ids for its array rows (they are rows with their own keys). */
function copyOf(doc: Stored, changes: Record<string, unknown>): Record<string, unknown> {
  const fresh = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(fresh)
    if (!value || typeof value !== 'object' || 'root' in value) return value
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'id' ? crypto.randomBytes(12).toString('hex') : fresh(inner)]))
  }
  const { id: _id, ...fields } = doc
  return { ...(fresh(fields) as Record<string, unknown>), ...changes }
}

/** Writes a published document and its version through the adapter, as a publish through Payload would leave them. */
async function insertPublished(payload: Payload, collection: CollectionSlug, data: Record<string, unknown>, req: Partial<PayloadRequest>): Promise<number | string> {
  const created = (await payload.db.create({ collection, data, req })) as Stored
  const at = String(data.updatedAt)
  await payload.db.createVersion({
    collectionSlug: collection,
    parent: created.id,
    versionData: { ...data, id: created.id } as never,
    autosave: false,
    createdAt: at,
    updatedAt: at,
    req,
  })
  return created.id
}

async function copyArticle(payload: Payload, n: number, from: Awaited<ReturnType<typeof template>>, req: Partial<PayloadRequest>): Promise<void> {
  const now = new Date().toISOString()
  const stamped = { createdAt: now, updatedAt: now }
  const listId = await insertPublished(payload, 'benefit-lists', copyOf(from.list, { ...stamped, title: `Benefits (article ${n})` }), req)
  const faqIds = []
  for (const faq of from.faqs) faqIds.push(await insertPublished(payload, 'faqs', copyOf(faq, { ...stamped, question: String(faq.question).replace('(1)', `(${n})`) }), req))
  const ctaId = await insertPublished(payload, 'calls-to-action', copyOf(from.cta, stamped), req)
  await insertPublished(
    payload,
    'articles',
    copyOf(from.article, {
      ...stamped,
      title: `Ketamine therapy and the psychedelic connection, part ${n}`,
      slug: benchSlug(n),
      body: articleBody(listId, faqIds, ctaId),
      publishedDate: now,
    }),
    req,
  )
}

const COPIES_PER_TRANSACTION = 200

void runCli('Benchmark seed', loadProjectConfig, async (payload) => {
  const started = Date.now()
  // A benchmark database: SQLite need not wait for the disk after each row while it is filled (this
  // connection only; the server that reads it afterwards runs as configured).
  if (payload.db.name === 'sqlite') await (payload.db as unknown as { client: { execute: (sql: string) => Promise<unknown> } }).client.execute('PRAGMA synchronous = OFF')
  const existing = (await payload.db.count({ collection: 'articles', where: {} })).totalDocs
  if (existing === 0) {
    const image = await payload.create({
      collection: 'media',
      data: { alt: 'Green moss waterfall cascading down' } as never,
      file: { data: fs.readFileSync(PLACEHOLDER_IMAGE), mimetype: 'image/jpeg', name: 'waterfall.jpg', size: fs.statSync(PLACEHOLDER_IMAGE).size },
      overrideAccess: true,
    })
    await seedArticle(payload, 1, image.id)
  }
  const from = await template(payload)
  for (let batch = Math.max(existing, 1) + 1; batch <= ARTICLES; batch += COPIES_PER_TRANSACTION) {
    const last = Math.min(batch + COPIES_PER_TRANSACTION - 1, ARTICLES)
    const req = await createLocalReq({}, payload)
    await inBulkTransaction(payload, req, async () => {
      for (let n = batch; n <= last; n++) await copyArticle(payload, n, from, req)
    })
    await nextEventLoopTurn()
    if (Math.floor(last / 5000) > Math.floor((batch - 1) / 5000)) process.stderr.write(`[bench] seeded ${last} articles\n`)
  }
  const seeded = Math.max(ARTICLES - existing, 0)
  return `Seeded ${seeded} published articles (${ARTICLES} in all) in ${((Date.now() - started) / 1000).toFixed(0)} s.`
})
