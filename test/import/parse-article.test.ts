import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { ImportFormatError } from '../../src/import/article-model'
import { parseArticleText } from '../../src/import/parse-article'
import { SEED_ARTICLE } from '../../src/import/seed-content'

const here = path.dirname(fileURLToPath(import.meta.url))
const seed = parseArticleText(fs.readFileSync(SEED_ARTICLE, 'utf8'))

describe('the bundled seed article, parsed', () => {
  test('title, slug and excerpt', () => {
    expect(seed.title).toBe('Ketamine Therapy and the Psychedelic Connection: Unlocking Healing and Growth')
    expect(seed.slug).toBe('ketamine-therapy-and-the-psychedelic-connection-unlocking-healing-and-growth')
    expect(seed.excerpt).toMatch(/^In recent years, ketamine has gained recognition/)
  })

  test('every heading, in order', () => {
    const headings = seed.sections.filter((section) => section.kind === 'heading').map((section) => section.kind === 'heading' && section.text)
    expect(headings).toEqual([
      'Ketamine as a Unique Psychedelic',
      'The Psychedelic Connection',
      'Why Psychotherapy and Integration Are Essential',
      'Benefits of Ketamine Therapy for Clients',
      'A Bridge Between Science and Spirit',
      'Moving Toward Wholeness',
    ])
  })

  test('every list with its lead-in, items, and labels split from descriptions', () => {
    const lists = seed.sections.flatMap((section) => (section.kind === 'list' ? [section] : []))
    expect(lists.map((list) => [list.leadIn, list.style, list.items.length])).toEqual([
      ['Clients often describe ketamine sessions as:', 'bullets', 4],
      ['These states—common across many psychedelic medicines—can create openings for:', 'labelAndDescription', 4],
      ['Integration therapy helps clients:', 'bullets', 4],
      ['Research and clinical experience show it can help with:', 'labelAndDescription', 4],
    ])
    expect(lists[0].items[0]).toEqual({ label: 'Feeling connected to something greater than themselves' })
    expect(lists[1].items.map((item) => item.label)).toEqual(['Emotional release', 'Perspective shifts', 'Spiritual connection', 'Self-compassion'])
    expect(lists[1].items[0].description).toBe('Long-held grief, fear, or anger may rise to the surface and find space to move through.')
    expect(lists[1].items[1].description).toBe('Clients often view their struggles from a new angle, reducing feelings of being “stuck.”')
    expect(lists[3].items.map((item) => item.label)).toEqual(['Treatment-resistant depression', 'Trauma and PTSD', 'Anxiety and rumination', 'Spiritual renewal'])
  })

  test('the sentences before a lead-in stay a paragraph of their own', () => {
    const paragraphs = seed.sections.flatMap((section) => (section.kind === 'paragraph' ? [section.text] : []))
    expect(paragraphs).toContain(
      'What makes ketamine therapy so powerful is the way it allows clients to access non-ordinary states of consciousness while remaining safe and supported.',
    )
    expect(paragraphs).toContain('The benefits of ketamine therapy extend beyond temporary relief.')
    expect(paragraphs).toHaveLength(13)
  })

  test('the image line becomes alt text where the image stood', () => {
    const index = seed.sections.findIndex((section) => section.kind === 'image')
    expect(seed.sections[index]).toMatchObject({ kind: 'image', alt: 'green moss waterfall cascading down' })
    expect(seed.sections[index - 1]).toMatchObject({ kind: 'heading', text: 'Ketamine as a Unique Psychedelic' })
  })

  test('the closing invitation becomes the call to action, not a paragraph', () => {
    expect(seed.callToAction).toMatchObject({ buttonLabel: 'Schedule a consultation' })
    expect(seed.callToAction?.body).toMatch(/^If you’re ready to explore how ketamine assisted psychotherapy/)
    expect(seed.callToAction?.body).toMatch(/whether this path is right for you\.$/)
    const last = seed.sections[seed.sections.length - 1]
    expect(last).toMatchObject({ kind: 'paragraph', text: expect.stringMatching(/^When combined with skilled psychotherapy/) })
  })

  test('the Next link names the following article', () => {
    expect(seed.nextTitle).toBe('Beyond the Therapy Room: KAP for the Therapist’s Own Healing')
    expect(seed.previousTitle).toBeUndefined()
  })
})

describe('a second article in the same form', () => {
  const parsed = parseArticleText(fs.readFileSync(path.join(here, 'fixtures/preparing-for-your-first-session.txt'), 'utf8'))

  test('reads headings, image, lists with and without descriptions and dash bullets', () => {
    expect(parsed.title).toBe('Preparing for Your First Ketamine Session')
    expect(parsed.sections.map((section) => section.kind)).toEqual(['paragraph', 'heading', 'image', 'paragraph', 'list', 'heading', 'paragraph', 'list', 'paragraph'])
    const [intentions, packing] = parsed.sections.flatMap((section) => (section.kind === 'list' ? [section] : []))
    expect(intentions.leadIn).toBeUndefined()
    expect(intentions.items[0]).toEqual({ label: 'Set an intention', description: 'A short phrase you can return to, such as "I want to understand my grief."' })
    expect(packing).toMatchObject({ leadIn: 'What to bring:', style: 'bullets' })
    expect(packing.items.map((item) => item.label)).toEqual(['Comfortable clothing', 'An eye mask, if you like one', 'A playlist, or use ours'])
  })

  test('reads both Previous and Next and a different invitation', () => {
    expect(parsed.previousTitle).toBe('Ketamine Therapy and the Psychedelic Connection: Unlocking Healing and Growth')
    expect(parsed.nextTitle).toBe('Integration Practices Between Sessions')
    expect(parsed.callToAction?.buttonLabel).toBe('Book a free consultation')
  })
})

describe('text that is not an article in this form is refused with the line to look at', () => {
  const refuse = (text: string) => {
    try {
      parseArticleText(text)
    } catch (error) {
      expect(error).toBeInstanceOf(ImportFormatError)
      return (error as ImportFormatError).message
    }
    throw new Error('expected the text to be refused')
  }

  test.each([
    ['an empty file', '\n\n  \n', /the file is empty/],
    ['binary data', 'Title\u0000\u0001\u0002', /not plain text/],
    ['a title and nothing else', 'Just a Title\n', /line 1: the article has a title but no text/],
    ['a bullet where the title should be', '• Not a title\n\nSome text.', /line 1: the first line must be the article title/],
    ['a title beyond limits', `${'Very long title '.repeat(20)}\n\nText.`, /line 1: the title is \d+ characters long; at most 200/],
    ['an empty bullet', 'Title\n\nIntro.\n\n• Good item\n•  \n', /line 6: a list item is empty/],
    ['an overlong bullet without a label', `Title\n\nIntro:\n\n• ${'word '.repeat(60)}\n`, /line 5: a list item is \d+ characters long/],
    ['a Next with no article after it', 'Title\n\nSome text.\n\nNext\n', /line 5: "Next" is not followed by the title/],
    ['headings only', 'Title\n\nA Heading\n\nAnother Heading\n', /no paragraphs or lists/],
  ])('%s', (_name, text, message) => {
    expect(refuse(text)).toMatch(message)
  })
})
