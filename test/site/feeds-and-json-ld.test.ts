import { JSDOM } from 'jsdom'

import { lexicalDocument, paragraph } from '../../src/richtext/lexical-nodes'
import { createArticle } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms

beforeAll(async () => {
  process.env.SITE_URL = 'https://clinic.example'
  cms = await startTestCms()
  const faq = await cms.payload.create({
    collection: 'faqs',
    data: { question: 'Is ketamine safe?', answer: lexicalDocument([paragraph('Under medical supervision.')]), _status: 'published' } as never,
    overrideAccess: true,
  })
  await createArticle(cms.payload, { title: 'Rest & <Recovery>', slug: 'rest-and-recovery', embeds: [{ blockType: 'faqGroup', fields: { faqs: [faq.id] } }] })
  await createArticle(cms.payload, { title: 'Draft only', slug: 'draft-only', status: 'draft' })
})
afterAll(async () => {
  delete process.env.SITE_URL
  await cms.stop()
})

test('/sitemap.xml lists published articles on the public site, with lastmod, never drafts', async () => {
  const response = await cms.api('/sitemap.xml')
  expect(response.headers.get('content-type')).toMatch(/application\/xml/)
  const xml = await response.text()
  const doc = new JSDOM(xml, { contentType: 'application/xml' }).window.document
  const locs = Array.from(doc.getElementsByTagName('loc')).map((node) => node.textContent)
  expect(locs).toEqual(['https://clinic.example/articles/rest-and-recovery'])
  expect(doc.getElementsByTagName('lastmod')[0].textContent).toMatch(/^\d{4}-\d{2}-\d{2}T/)
  expect(xml).not.toContain('draft-only')
})

test('/feed.xml is RSS of published articles, escaped, never drafts', async () => {
  const response = await cms.api('/feed.xml')
  expect(response.headers.get('content-type')).toMatch(/application\/rss\+xml/)
  const doc = new JSDOM(await response.text(), { contentType: 'application/xml' }).window.document
  const titles = Array.from(doc.querySelectorAll('item > title')).map((node) => node.textContent)
  expect(titles).toEqual(['Rest & <Recovery>'])
  expect(doc.querySelector('item > link')?.textContent).toBe('https://clinic.example/articles/rest-and-recovery')
})

test('sites get the JSON-LD with the article; the rendered page embeds it', async () => {
  const article = await (await cms.api('/api/articles/slug/rest-and-recovery')).json()
  expect(article.jsonLd.map((node: { '@type': string }) => node['@type'])).toEqual(['MedicalWebPage', 'BlogPosting', 'FAQPage'])
  expect(article.jsonLd[0].reviewedBy.name).toBe('Dr. Maya Chen')
  const html = await (await cms.api('/articles/rest-and-recovery')).text()
  const script = new JSDOM(html).window.document.querySelector('script[type="application/ld+json"]')
  expect(JSON.parse(script?.textContent ?? '[]')).toEqual(article.jsonLd)
})

test('a title that tries to close the JSON-LD script cannot inject one', async () => {
  await createArticle(cms.payload, { title: 'Safe </script><script>alert(1)</script>', slug: 'script-in-title' })
  const html = await (await cms.api('/articles/script-in-title')).text()
  const document = new JSDOM(html).window.document
  expect(document.querySelectorAll('script:not([type="application/ld+json"])')).toHaveLength(0)
  expect(JSON.parse(document.querySelector('script[type="application/ld+json"]')?.textContent ?? '[]')[1].headline).toBe('Safe </script><script>alert(1)</script>')
})
