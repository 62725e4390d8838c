import axe from 'axe-core'
import { JSDOM } from 'jsdom'

import { seed } from '../../src/import/seed'
import { createArticle, REVIEW } from '../helpers/content-fixtures'
import { startTestCms, type TestCms } from '../helpers/start-cms'

const SEED_SLUG = 'ketamine-therapy-and-the-psychedelic-connection-unlocking-healing-and-growth'

let cms: TestCms
let html: string
let document: Document

beforeAll(async () => {
  cms = await startTestCms()
  await seed(cms.payload, {} as NodeJS.ProcessEnv)
  // The seed is unreviewed; record a review so the page shows one.
  const seeded = await cms.payload.find({ collection: 'articles', where: { slug: { equals: SEED_SLUG } }, overrideAccess: true })
  await cms.payload.update({
    collection: 'articles',
    id: seeded.docs[0].id,
    data: { clinicalReview: { ...REVIEW, citations: [{ source: 'Krystal JH et al., Neuron, 2019', url: 'https://doi.org/10.1016/j.neuron.2019.01.022' }] } } as never,
    overrideAccess: true,
  })
  await createArticle(cms.payload, { title: 'Unpublished thoughts', slug: 'unpublished-thoughts', status: 'draft' })
  const response = await cms.api(`/articles/${SEED_SLUG}`)
  expect(response.status).toBe(200)
  html = await response.text()
  document = new JSDOM(html).window.document
})
afterAll(async () => {
  await cms.stop()
})

const texts = (selector: string) => Array.from(document.querySelectorAll(selector)).map((node) => node.textContent?.trim())

describe('the rendered seed article', () => {
  test('has one h1, and headings that never skip a level', () => {
    expect(texts('h1')).toEqual(['Ketamine Therapy and the Psychedelic Connection: Unlocking Healing and Growth'])
    const levels = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((node) => Number(node.tagName[1]))
    levels.forEach((level, index) => index > 0 && expect(level).toBeLessThanOrEqual(levels[index - 1] + 1))
    expect(texts('main h2')).toEqual(expect.arrayContaining(['Ketamine as a Unique Psychedelic', 'Moving Toward Wholeness', 'Take the next step', 'Sources']))
  })

  test('shows every benefit list as a real list, labels and descriptions together', () => {
    const lists = document.querySelectorAll('.benefit-list ul')
    expect(lists).toHaveLength(4)
    expect(lists[1].querySelectorAll('li')).toHaveLength(4)
    expect(lists[1].querySelector('li')?.textContent).toBe('Emotional release: Long-held grief, fear, or anger may rise to the surface and find space to move through.')
    expect(texts('.lead-in')).toContain('Clients often describe ketamine sessions as:')
  })

  test('has landmarks, alt text, the call to action, the review and the disclaimer', () => {
    expect(document.querySelectorAll('header, main, footer, nav')).not.toHaveLength(0)
    expect(document.querySelector('main img')?.getAttribute('alt')).toBe('green moss waterfall cascading down')
    expect(document.querySelector('.call-to-action a')?.textContent).toBe('Schedule a consultation')
    expect(document.querySelector('.review')?.textContent).toBe('Clinically reviewed by Dr. Maya Chen, MD, psychiatrist on October 1, 2026.')
    expect(document.querySelector('.disclaimer')?.textContent).toMatch(/not medical advice/)
    expect(document.documentElement.getAttribute('lang')).toBe('en')
    expect(html).toMatch(/:focus-visible[^}]*outline/)
  })

  test('needs no JavaScript to read', () => {
    expect(document.querySelectorAll('script:not([type="application/ld+json"])')).toHaveLength(0)
  })

  test('has no serious or critical accessibility violations (axe-core)', async () => {
    const dom = new JSDOM(html, { runScripts: 'outside-only', pretendToBeVisual: true })
    dom.window.eval(axe.source)
    const results = await (dom.window as unknown as { axe: typeof axe }).axe.run(dom.window.document, {
      // Contrast needs real layout and colours, which jsdom does not compute.
      rules: { 'color-contrast': { enabled: false } },
    })
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([])
    expect(results.passes.length).toBeGreaterThan(10)
  })
})

describe('the article index and missing pages', () => {
  test('lists published articles only', async () => {
    const index = new JSDOM(await (await cms.api('/articles')).text()).window.document
    const titles = Array.from(index.querySelectorAll('main li h2')).map((node) => node.textContent)
    expect(titles).toContain('Ketamine Therapy and the Psychedelic Connection: Unlocking Healing and Growth')
    expect(titles).not.toContain('Unpublished thoughts')
    expect(titles).not.toContain('Beyond the Therapy Room: KAP for the Therapist’s Own Healing')
  })

  test('an unknown or unpublished slug is an HTML 404', async () => {
    for (const slug of ['no-such-article', 'unpublished-thoughts']) {
      const response = await cms.api(`/articles/${slug}`)
      expect(response.status).toBe(404)
      expect(await response.text()).toContain('Article not found')
    }
  })
})
