import { readArticlePages } from '../../src/read-model/articles'
import { CONTENT_SLUGS } from '../../src/model/slugs'
import { previewLink } from '../../src/preview/preview-url'
import { createArticle, createBenefitList, saveDraft } from '../helpers/content-fixtures'
import { json, signIn, startTestCms, type TestCms } from '../helpers/start-cms'
import { afterTransactionsSettled } from '../../src/publishing/after-transaction'

let cms: TestCms
let editor: Awaited<ReturnType<typeof signIn>>

beforeAll(async () => {
  cms = await startTestCms()
  editor = await signIn(cms, { email: 'editor@clinic.test', password: 'editor-password-long' })
})
afterAll(() => cms.stop())

async function read(path: string, init?: RequestInit) {
  const response = await cms.api(path, init)
  return { status: response.status, cache: response.headers.get('x-cache'), body: await response.json() }
}

async function publishedFaq(question: string) {
  return cms.payload.create({ collection: 'faqs', data: { question, answer: richText('An answer.'), _status: 'published' } as never, overrideAccess: true })
}

async function publishedCallToAction(heading: string) {
  return cms.payload.create({
    collection: 'calls-to-action',
    data: { heading, buttonLabel: 'Schedule a consultation', link: { type: 'external', url: 'https://clinic.example/book' }, _status: 'published' } as never,
    overrideAccess: true,
  })
}

/**
 * The second read comes from the cache. Right after a save, a read may be served without being
 * stored (it raced the save's second invalidation, which follows the commit): so wait for that first.
 */
async function expectCached(path: string) {
  await afterTransactionsSettled(cms.payload)
  await read(path)
  expect((await read(path)).cache).toBe('HIT')
}

function richText(value: string) {
  return {
    root: {
      type: 'root',
      format: '',
      indent: 0,
      version: 1,
      direction: 'ltr',
      children: [
        {
          type: 'paragraph',
          format: '',
          indent: 0,
          version: 1,
          direction: 'ltr',
          textFormat: 0,
          textStyle: '',
          children: [{ type: 'text', text: value, format: 0, style: '', mode: 'normal', detail: 0, version: 1 }],
        },
      ],
    },
  }
}

function embedded(article: Record<string, any>, blockType: string) {
  return article.body.root.children.find((node: any) => node.type === 'block' && node.fields.blockType === blockType)?.fields
}

describe('the public read cache', () => {
  test('a repeated anonymous read is served from the cache, with the same bytes and ETag', async () => {
    await createArticle(cms.payload, { title: 'Cache me', slug: 'cache-me' })
    // The save's second invalidation follows its commit (see invalidation.ts); let it pass.
    await afterTransactionsSettled(cms.payload)
    const first = await cms.api('/api/articles/slug/cache-me')
    const second = await cms.api('/api/articles/slug/cache-me')
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT'])
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(await second.text()).toBe(await first.text())
  })

  test('the key is the normalized request: parameter order does not matter, values do', async () => {
    expect((await read('/api/articles?limit=5&page=1&depth=0')).cache).toBe('MISS')
    expect((await read('/api/articles?depth=0&page=1&limit=5')).cache).toBe('HIT')
    expect((await read('/api/articles?depth=0&page=1&limit=4')).cache).toBe('MISS')
  })

  test('signed-in reads pass it by, in both directions', async () => {
    await createArticle(cms.payload, { title: 'Seen by an editor first', slug: 'editor-first' })
    const signedIn = await cms.api('/api/articles/slug/editor-first', { headers: editor.headers })
    expect(signedIn.headers.get('x-cache')).toBeNull()
    expect((await read('/api/articles/slug/editor-first')).cache).toBe('MISS')
    const again = await cms.api('/api/articles/slug/editor-first', { headers: editor.headers })
    expect(again.headers.get('x-cache')).toBeNull()
    expect(again.headers.get('cache-control')).toBe('private, no-store')
  })

  test('never serves a draft to an anonymous reader', async () => {
    const article = await createArticle(cms.payload, { title: 'Public title', slug: 'with-a-draft' })
    await saveDraft(cms.payload, 'articles', article.id, { title: 'SECRET DRAFT TITLE' })
    // The editor sees the draft first; anonymous readers after them must not.
    const editorView = await read(`/api/articles/${article.id}?draft=true`, { headers: editor.headers })
    expect(editorView.body.title).toBe('SECRET DRAFT TITLE')
    for (const path of [
      `/api/articles/${article.id}?draft=true`,
      `/api/articles/${article.id}`,
      '/api/articles/slug/with-a-draft',
      '/api/articles/slug/with-a-draft',
      '/api/articles?limit=50',
      '/api/articles/cards',
    ]) {
      const response = await cms.api(path)
      expect(await response.text()).not.toContain('SECRET DRAFT TITLE')
    }
    const draftOnly = await createArticle(cms.payload, { title: 'Never published', slug: 'never-published', status: 'draft' })
    for (let i = 0; i < 2; i++) {
      expect((await read('/api/articles/slug/never-published')).status).toBe(404)
      expect((await read(`/api/articles/${draftOnly.id}`)).status).toBe(404)
    }
  })

  test('never serves a preview answer to an anonymous reader', async () => {
    const article = await createArticle(cms.payload, { title: 'Preview public', slug: 'preview-public' })
    await saveDraft(cms.payload, 'articles', article.id, { title: 'PREVIEW-ONLY DRAFT' })
    const url = previewLink({ previewUrl: '', previewTtlSeconds: 60 }, { collection: 'articles', id: article.id, createdAt: article.createdAt }, cms.payload.secret)
    const token = new URL(url, 'http://x').searchParams.get('token') as string
    const preview = await cms.api(`/api/preview/articles/${article.id}?token=${token}`)
    expect(preview.headers.get('x-cache')).toBeNull()
    expect((await preview.json()).doc.title).toBe('PREVIEW-ONLY DRAFT')
    const anonymous = await cms.api(`/api/preview/articles/${article.id}`)
    expect(anonymous.status).toBe(401)
    expect(await (await cms.api('/api/articles/slug/preview-public')).text()).not.toContain('PREVIEW-ONLY DRAFT')
  })

  test('publishing, changing, unpublishing and deleting show on the very next anonymous read', async () => {
    const article = await createArticle(cms.payload, { title: 'Lifecycle v1', slug: 'lifecycle', status: 'draft' })
    const warm = async () => {
      for (const path of ['/api/articles/cards?limit=50', '/api/articles?limit=50&depth=0']) await expectCached(path)
      await read('/api/articles/slug/lifecycle')
    }
    await warm()
    expect((await read('/api/articles/slug/lifecycle')).status).toBe(404)

    const save = (data: Record<string, unknown>) => cms.api(`/api/articles/${article.id}`, { method: 'PATCH', ...json(data, editor.headers) })
    expect((await save({ _status: 'published' })).status).toBe(200)
    expect((await read('/api/articles/slug/lifecycle')).body.title).toBe('Lifecycle v1')
    expect((await read('/api/articles/cards?limit=50')).body.docs.map((doc: any) => doc.slug)).toContain('lifecycle')
    expect((await read('/api/articles?limit=50&depth=0')).body.docs.map((doc: any) => doc.slug)).toContain('lifecycle')

    await warm()
    await expectCached('/api/articles/slug/lifecycle')
    expect((await save({ title: 'Lifecycle v2', _status: 'published' })).status).toBe(200)
    expect((await read('/api/articles/slug/lifecycle')).body.title).toBe('Lifecycle v2')
    expect((await read('/api/articles/cards?limit=50')).body.docs.find((doc: any) => doc.slug === 'lifecycle').title).toBe('Lifecycle v2')

    await warm()
    expect((await save({ _status: 'draft' })).status).toBe(200)
    expect((await read('/api/articles/slug/lifecycle')).status).toBe(404)
    expect((await read('/api/articles/cards?limit=50')).body.docs.map((doc: any) => doc.slug)).not.toContain('lifecycle')

    expect((await save({ _status: 'published' })).status).toBe(200)
    await warm()
    await expectCached('/api/articles/slug/lifecycle')
    const admin = await signIn(cms, { email: 'admin@clinic.test', password: 'admin-password-long', roles: ['admin'] })
    expect((await cms.api(`/api/articles/${article.id}`, { method: 'DELETE', headers: admin.headers })).status).toBe(200)
    expect((await read('/api/articles/slug/lifecycle')).status).toBe(404)
    expect((await read('/api/articles?limit=50&depth=0')).body.docs.map((doc: any) => doc.slug)).not.toContain('lifecycle')
  })

  test('a cached count goes stale with the collection: /api/articles/count after a publish and an unpublish', async () => {
    const count = async () => (await read('/api/articles/count')).body.totalDocs as number
    const before = await count()
    await expectCached('/api/articles/count')
    const article = await createArticle(cms.payload, { title: 'Counted', slug: 'counted' })
    expect(await count()).toBe(before + 1)
    await expectCached('/api/articles/count')
    await cms.payload.update({ collection: 'articles', id: article.id, data: { _status: 'draft' } as never, overrideAccess: true })
    expect(await count()).toBe(before)
  })

  test('editing an embedded benefit list, FAQ or call to action refreshes every article embedding it', async () => {
    const list = await createBenefitList(cms.payload, { title: 'Shared list', items: [{ label: 'Emotional release', description: 'Grief may surface.' }] })
    const faq = await publishedFaq('Is it safe?')
    const cta = await publishedCallToAction('Book a call')
    const embeds = [
      { blockType: 'benefitList', fields: { benefitList: list.id } },
      { blockType: 'faqGroup', fields: { heading: 'Questions', faqs: [faq.id] } },
      { blockType: 'callToAction', fields: { callToAction: cta.id } },
    ]
    await createArticle(cms.payload, { title: 'Embeds one', slug: 'embeds-one', embeds })
    await createArticle(cms.payload, { title: 'Embeds two', slug: 'embeds-two', embeds })
    const pages = ['/api/articles/slug/embeds-one', '/api/articles/slug/embeds-two']
    const warm = async () => {
      for (const page of pages) await expectCached(page)
    }

    await warm()
    // A draft of the list changes nothing public: the pages stay cached.
    await saveDraft(cms.payload, 'benefit-lists', list.id, { items: [{ label: 'DRAFT ITEM' }] })
    for (const page of pages) expect((await read(page)).cache).toBe('HIT')
    const publishList = await cms.api(`/api/benefit-lists/${list.id}`, {
      method: 'PATCH',
      ...json({ items: [{ label: 'Expanded perspective' }], _status: 'published' }, editor.headers),
    })
    expect(publishList.status).toBe(200)
    for (const page of pages) expect(embedded((await read(page)).body, 'benefitList').benefitList.items.map((item: any) => item.label)).toEqual(['Expanded perspective'])

    await warm()
    expect((await cms.api(`/api/faqs/${faq.id}`, { method: 'PATCH', ...json({ question: 'Is ketamine therapy safe?', _status: 'published' }, editor.headers) })).status).toBe(200)
    for (const page of pages) expect(embedded((await read(page)).body, 'faqGroup').faqs[0].question).toBe('Is ketamine therapy safe?')

    await warm()
    expect(
      (await cms.api(`/api/calls-to-action/${cta.id}`, { method: 'PATCH', ...json({ heading: 'Schedule a consultation', _status: 'published' }, editor.headers) })).status,
    ).toBe(200)
    for (const page of pages) expect(embedded((await read(page)).body, 'callToAction').callToAction.heading).toBe('Schedule a consultation')

    await warm()
    expect((await cms.api(`/api/calls-to-action/${cta.id}`, { method: 'PATCH', ...json({ _status: 'draft' }, editor.headers) })).status).toBe(200)
    for (const page of pages) expect(embedded((await read(page)).body, 'callToAction').callToAction).toBe(cta.id)
  })

  test('an embedded document published later appears in the articles already cached without it', async () => {
    const faq = await cms.payload.create({
      collection: 'faqs',
      data: { question: 'Not yet public?', answer: richText('Soon.'), _status: 'draft' } as never,
      draft: true,
      overrideAccess: true,
    })
    await createArticle(cms.payload, { title: 'Waiting for a FAQ', slug: 'waiting-for-faq', embeds: [{ blockType: 'faqGroup', fields: { faqs: [faq.id] } }] })
    expect(embedded((await read('/api/articles/slug/waiting-for-faq')).body, 'faqGroup').faqs).toEqual([faq.id])
    await expectCached('/api/articles/slug/waiting-for-faq')
    expect((await cms.api(`/api/faqs/${faq.id}`, { method: 'PATCH', ...json({ _status: 'published' }, editor.headers) })).status).toBe(200)
    expect(embedded((await read('/api/articles/slug/waiting-for-faq')).body, 'faqGroup').faqs[0].question).toBe('Not yet public?')
  })

  test('changing an image refreshes the articles showing it', async () => {
    const fs = await import('node:fs')
    const { PLACEHOLDER_IMAGE } = await import('../../src/import/seed-content')
    const image = await cms.payload.create({
      collection: 'media',
      data: { alt: 'Old description' } as never,
      file: { data: fs.readFileSync(PLACEHOLDER_IMAGE), mimetype: 'image/jpeg', name: 'hero.jpg', size: fs.statSync(PLACEHOLDER_IMAGE).size },
      overrideAccess: true,
    })
    const article = await createArticle(cms.payload, { title: 'With an image', slug: 'with-an-image' })
    await cms.payload.update({ collection: 'articles', id: article.id, data: { heroImage: image.id } as never, overrideAccess: true })
    expect((await read('/api/articles/slug/with-an-image')).body.heroImage.alt).toBe('Old description')
    await expectCached('/api/articles/slug/with-an-image')
    expect((await cms.api(`/api/media/${image.id}`, { method: 'PATCH', ...json({ alt: 'Green moss waterfall' }, editor.headers) })).status).toBe(200)
    expect((await read('/api/articles/slug/with-an-image')).body.heroImage.alt).toBe('Green moss waterfall')
  })
})

describe('article reads make a fixed number of database queries, however much they embed', () => {
  async function countQueries(path: string): Promise<number> {
    return countQueriesOf(async () => {
      const response = await cms.api(path)
      expect(response.status).toBe(200)
      expect(response.headers.get('x-cache')).toBe('MISS')
    })
  }

  async function countQueriesOf(work: () => Promise<unknown>): Promise<number> {
    const db = cms.payload.db as unknown as Record<string, (...args: unknown[]) => unknown>
    let calls = 0
    const methods = ['find', 'findOne', 'queryDrafts', 'count'] as const
    const originals = methods.map((name) => db[name])
    // Only the content's queries: the webhook dispatcher and job runner poll their own collections meanwhile.
    const content = new Set<string>(Object.values(CONTENT_SLUGS))
    methods.forEach((name, i) => {
      db[name] = (...args: unknown[]) => {
        if (content.has((args[0] as { collection?: string })?.collection ?? '')) calls++
        return originals[i].apply(db, args)
      }
    })
    try {
      await work()
    } finally {
      methods.forEach((name, i) => (db[name] = originals[i]))
    }
    return calls
  }

  test('one embed of each kind, or many, cost the same', async () => {
    const lists = await Promise.all([1, 2, 3, 4].map((n) => createBenefitList(cms.payload, { title: `List ${n}` })))
    const faqs = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => publishedFaq(`Question ${n}?`)))
    const ctas = await Promise.all([1, 2, 3].map((n) => publishedCallToAction(`Invitation ${n}`)))
    await createArticle(cms.payload, {
      title: 'Few embeds',
      slug: 'few-embeds',
      embeds: [
        { blockType: 'benefitList', fields: { benefitList: lists[0].id } },
        { blockType: 'faqGroup', fields: { faqs: [faqs[0].id] } },
        { blockType: 'callToAction', fields: { callToAction: ctas[0].id } },
      ],
    })
    await createArticle(cms.payload, {
      title: 'Many embeds',
      slug: 'many-embeds',
      embeds: [
        ...lists.map((list) => ({ blockType: 'benefitList', fields: { benefitList: list.id } })),
        { blockType: 'faqGroup', fields: { faqs: faqs.slice(0, 3).map((faq) => faq.id) } },
        { blockType: 'faqGroup', fields: { faqs: faqs.slice(3).map((faq) => faq.id) } },
        ...ctas.map((cta) => ({ blockType: 'callToAction', fields: { callToAction: cta.id } })),
      ],
    })
    const few = await countQueries('/api/articles/slug/few-embeds')
    const many = await countQueries('/api/articles/slug/many-embeds')
    // Related documents are fetched in one query per collection (Payload's batching), not one per embed.
    expect(many).toBeLessThanOrEqual(few)
    expect(few).toBeGreaterThan(0)
    expect(few).toBeLessThanOrEqual(6)
  })

  test('concurrent misses for different article pages share their queries, and each gets its own page', async () => {
    const list = await createBenefitList(cms.payload, { title: 'Shared list' })
    const slugs = Array.from({ length: 8 }, (_, n) => `batched-${n}`)
    for (const [n, slug] of slugs.entries()) {
      await createArticle(cms.payload, { title: `Batched ${n}`, slug, embeds: [{ blockType: 'benefitList', fields: { benefitList: list.id } }] })
    }
    const one = await countQueriesOf(() => readArticlePages(cms.payload, [slugs[0]], { cmsUrl: cms.url }))
    const eight = await countQueriesOf(() => readArticlePages(cms.payload, slugs, { cmsUrl: cms.url }))
    expect(one).toBeGreaterThan(0)
    expect(eight).toBeLessThanOrEqual(one)

    // Over HTTP, all at once: the answers are not mixed up.
    const pages = await Promise.all(slugs.map((slug) => read(`/api/articles/slug/${slug}`)))
    pages.forEach((page, n) => {
      expect(page.status).toBe(200)
      expect(page.body.slug).toBe(slugs[n])
      expect(page.body.title).toBe(`Batched ${n}`)
      expect(page.body.body.root.children.find((node: { type: string }) => node.type === 'block').fields.benefitList.title).toBe('Shared list')
    })
    // A change to one of them is seen on its next read; the others stay right.
    const changed = await cms.payload.find({ collection: 'articles', where: { slug: { equals: slugs[3] } }, overrideAccess: true })
    await cms.api(`/api/articles/${changed.docs[0].id}`, { method: 'PATCH', ...json({ title: 'Batched 3, revised' }, editor.headers) })
    expect((await read(`/api/articles/slug/${slugs[3]}`)).body.title).toBe('Batched 3, revised')
    expect((await read(`/api/articles/slug/${slugs[5]}`)).body.title).toBe('Batched 5')
  })

  test('a page of twelve cards costs the same as a page of one', async () => {
    for (let n = 0; n < 12; n++) await createArticle(cms.payload, { title: `Card ${n}`, slug: `card-${n}` })
    const one = await countQueries('/api/articles/cards?limit=1')
    const twelve = await countQueries('/api/articles/cards?limit=12')
    expect(one).toBeGreaterThan(0)
    expect(twelve).toBeLessThanOrEqual(one)
  })

  test('a card listing carries the card fields only', async () => {
    const { body } = await read('/api/articles/cards?limit=3')
    expect(body.docs).toHaveLength(3)
    for (const card of body.docs) expect(Object.keys(card).sort()).toEqual(expect.arrayContaining(['id', 'slug', 'title']))
    for (const card of body.docs) expect(card.body).toBeUndefined()
    expect((await read('/api/articles/cards?limit=500')).status).toBe(400)
    expect((await read('/api/articles/cards?page=abc')).body.errors[0].message).toMatch(/page/)
  })

  test('a listing followed by its cursor gives the same cards as by page number, newest first, ties by id', async () => {
    // Three of them published at the same instant: the cursor must not skip or repeat one.
    const instant = '2026-03-01T09:00:00.000Z'
    for (let n = 0; n < 3; n++) await createArticle(cms.payload, { title: `Same day ${n}`, slug: `same-day-${n}`, publishedDate: instant })
    const byPage: string[] = []
    for (let page = 1; ; page++) {
      const { body } = await read(`/api/articles/cards?limit=2&page=${page}`)
      byPage.push(...body.docs.map((card: { slug: string }) => card.slug))
      if (!body.hasNextPage) break
    }
    const byCursor: string[] = []
    let cursor: string | null = (await read('/api/articles/cards?limit=2')).body.nextCursor
    byCursor.push(...byPage.slice(0, 2))
    while (cursor) {
      const { status, body } = await read(`/api/articles/cards?limit=2&after=${cursor}`)
      expect(status).toBe(200)
      expect(body.docs.length).toBeLessThanOrEqual(2)
      byCursor.push(...body.docs.map((card: { slug: string }) => card.slug))
      expect(body.totalDocs).toBeUndefined() // nothing counted
      cursor = body.nextCursor
    }
    expect(byCursor).toEqual(byPage)
    expect(new Set(byCursor).size).toBe(byCursor.length)
    expect(byCursor).toEqual(expect.arrayContaining(['same-day-0', 'same-day-1', 'same-day-2']))
  })

  test('a cursor that is not one, or given with a page, is a 400 naming the parameter', async () => {
    for (const bad of ['nonsense', Buffer.from('[1,2]').toString('base64url'), Buffer.from('["2026-01-01T00:00:00Z","x y"]').toString('base64url'), 'a'.repeat(300)]) {
      const { status, body } = await read(`/api/articles/cards?after=${bad}`)
      expect(status).toBe(400)
      expect(body.errors[0].message).toBe("after must be a previous answer's nextCursor")
    }
    const cursor = (await read('/api/articles/cards?limit=1')).body.nextCursor
    const both = await read(`/api/articles/cards?page=2&after=${cursor}`)
    expect(both.status).toBe(400)
    expect(both.body.errors[0].message).toBe('give page or after, not both')
  })
})
