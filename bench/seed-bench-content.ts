// Seeds the benchmark database: ARTICLES published articles shaped like the bundled seed article
// (about 5 KB of body text, one embedded benefit list, one FAQ group, one call to action, a hero image).
import fs from 'node:fs'

import type { Payload } from 'payload'

import { PLACEHOLDER_IMAGE } from '../src/import/seed-content'
import { loadProjectConfig, runCli } from '../src/cli/run-cli'
import { block, heading, lexicalDocument, paragraph, quote } from '../src/richtext/lexical-nodes'
import { benchSlug } from './bench-content'

const ARTICLES = Number(process.env.BENCH_ARTICLES || 500)
const REVIEW = { reviewerName: 'Dr. Maya Chen', reviewerCredentials: 'MD, psychiatrist', reviewedAt: '2026-10-01T00:00:00.000Z' }
const SENTENCE =
  'Ketamine-assisted psychotherapy pairs a carefully dosed medicine session with preparation and integration, so that what surfaces during the session can be understood and carried into daily life. '

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
  const body = [heading('h2', 'The psychedelic connection')]
  for (let section = 0; section < 6; section++) {
    body.push(heading('h2', `Part ${section + 1}: what to expect`), paragraph(SENTENCE.repeat(3)), paragraph(SENTENCE.repeat(1)))
    if (section === 1) body.push(block('benefitList', { benefitList: list.id }))
    if (section === 3) body.push(quote('Integration is where insight becomes change.'), block('faqGroup', { heading: 'Common questions', faqs: faqs.map((faq) => faq.id) }))
  }
  body.push(block('callToAction', { callToAction: cta.id }))
  await payload.create({
    collection: 'articles',
    data: {
      ...published,
      title: `Ketamine therapy and the psychedelic connection, part ${n}`,
      slug: benchSlug(n),
      excerpt: 'How ketamine-assisted psychotherapy opens a window for emotional release and lasting change.',
      heroImage: imageId,
      body: lexicalDocument(body),
      clinicalReview: REVIEW,
      author: { name: 'Jordan Rivera', credentials: 'LMFT' },
      topics: ['ketamine', 'integration'],
    } as never,
    overrideAccess: true,
  })
}

void runCli('Benchmark seed', loadProjectConfig, async (payload) => {
  const image = await payload.create({
    collection: 'media',
    data: { alt: 'Green moss waterfall cascading down' } as never,
    file: { data: fs.readFileSync(PLACEHOLDER_IMAGE), mimetype: 'image/jpeg', name: 'waterfall.jpg', size: fs.statSync(PLACEHOLDER_IMAGE).size },
    overrideAccess: true,
  })
  for (let n = 1; n <= ARTICLES; n++) await seedArticle(payload, n, image.id)
  return `Seeded ${ARTICLES} published articles.`
})
