import { JSDOM } from 'jsdom'

import { lexicalDocument, paragraph } from '../../src/richtext/lexical-nodes'
import { createArticle } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'

let cms: TestCms

beforeAll(async () => {
  process.env.SITE_URL = 'https://clinic.example'
  // Two articles per sitemap file, so a handful of articles make several files.
  process.env.SITEMAP_URLS_PER_FILE = '2'
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
  delete process.env.SITEMAP_URLS_PER_FILE
  await cms.stop()
})

const xmlDocument = async (pathname: string) => {
  const response = await cms.api(pathname)
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toMatch(/application\/xml/)
  return new JSDOM(await response.text(), { contentType: 'application/xml' }).window.document
}
const locsOf = (doc: Document) => Array.from(doc.getElementsByTagName('loc')).map((node) => node.textContent)

describe('the sitemap: an index of files of SITEMAP_URLS_PER_FILE articles', () => {
  test('/sitemap.xml is a sitemap index; its files list published articles on the public site, with lastmod, never drafts', async () => {
    const index = await xmlDocument('/sitemap.xml')
    expect(index.documentElement.nodeName).toBe('sitemapindex')
    expect(locsOf(index)).toEqual(['https://clinic.example/sitemaps/articles-1.xml'])
    const file = await xmlDocument('/sitemaps/articles-1.xml')
    expect(file.documentElement.nodeName).toBe('urlset')
    expect(locsOf(file)).toEqual(['https://clinic.example/articles/rest-and-recovery'])
    expect(file.getElementsByTagName('lastmod')[0].textContent).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(locsOf(file).join(' ')).not.toContain('draft-only')
  })

  test('more articles fill more files, in the order they were created; a publish or unpublish shows at once', async () => {
    const second = await createArticle(cms.payload, { title: 'Second', slug: 'second-article' })
    const third = await createArticle(cms.payload, { title: 'Third', slug: 'third-article' })
    expect(locsOf(await xmlDocument('/sitemap.xml'))).toEqual(['https://clinic.example/sitemaps/articles-1.xml', 'https://clinic.example/sitemaps/articles-2.xml'])
    expect(locsOf(await xmlDocument('/sitemaps/articles-1.xml'))).toEqual(['https://clinic.example/articles/rest-and-recovery', 'https://clinic.example/articles/second-article'])
    expect(locsOf(await xmlDocument('/sitemaps/articles-2.xml'))).toEqual(['https://clinic.example/articles/third-article'])

    await cms.payload.update({ collection: 'articles', id: second.id, data: { _status: 'draft' } as never, overrideAccess: true })
    expect(locsOf(await xmlDocument('/sitemap.xml'))).toEqual(['https://clinic.example/sitemaps/articles-1.xml'])
    expect(locsOf(await xmlDocument('/sitemaps/articles-1.xml'))).toEqual(['https://clinic.example/articles/rest-and-recovery', 'https://clinic.example/articles/third-article'])
    expect((await cms.api('/sitemaps/articles-2.xml')).status).toBe(404)
    await cms.payload.delete({ collection: 'articles', id: third.id, overrideAccess: true })
    expect(locsOf(await xmlDocument('/sitemaps/articles-1.xml'))).toEqual(['https://clinic.example/articles/rest-and-recovery'])
  })

  test('a warm sitemap file comes from the read cache and is answered 304 by its ETag', async () => {
    const first = await cms.api('/api/articles/sitemap/1?pageSize=2')
    expect(first.status).toBe(200)
    const again = await cms.api('/api/articles/sitemap/1?pageSize=2')
    expect(again.headers.get('x-cache')).toBe('HIT')
    const page = await cms.api('/sitemaps/articles-1.xml')
    const tag = page.headers.get('etag')!
    expect((await cms.api('/sitemaps/articles-1.xml', { headers: { 'If-None-Match': tag } })).status).toBe(304)
  })

  test.each([
    ['/api/articles/sitemap?pageSize=0', /pageSize must be a whole number from 1 to 50000/],
    ['/api/articles/sitemap?pageSize=50001', /pageSize must be a whole number from 1 to 50000/],
    ['/api/articles/sitemap/0', /the sitemap page must be a whole number/],
    ['/api/articles/sitemap/one', /the sitemap page must be a whole number/],
  ])('%s is refused with a 400 naming the parameter', async (pathname, message) => {
    const response = await cms.api(pathname)
    expect(response.status).toBe(400)
    expect((await response.json()).errors[0].message).toMatch(message)
  })

  test('a sitemap file past the last, or not a number, is a 404 page', async () => {
    expect((await cms.api('/api/articles/sitemap/9?pageSize=2')).status).toBe(404)
    expect((await cms.api('/sitemaps/articles-9.xml')).status).toBe(404)
    expect((await cms.api('/sitemaps/articles-x.xml')).status).toBe(404)
  })
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
