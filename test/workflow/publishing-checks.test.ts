/** The checks before publishing, as pure rules: each warning from the article and what it links to and shows. */
import { heading, internalLink, lexicalDocument, paragraph, paragraphOf, text, upload } from '../../src/richtext/lexical-nodes'
import { type CheckLookups, publishingChecks, referencesForChecks } from '../../src/workflow/publishing-checks'
import { reviewFingerprint } from '../../src/workflow/review-sign-off'

const none: CheckLookups = { articleStates: new Map(), images: new Map() }
const fine = { title: 'Integration', excerpt: 'How insight becomes change.', body: lexicalDocument([heading('h2', 'Why'), paragraph('Because.')]) }

test('a well-formed article has no warnings', () => {
  expect(publishingChecks(fine, none)).toEqual([])
})

test('a heading that skips a level is named with the level to use', () => {
  const body = lexicalDocument([heading('h2', 'Before'), heading('h4', 'What to bring')])
  expect(publishingChecks({ ...fine, body }, none)).toEqual([
    'The heading "What to bring" is an h4 after an h2: use an h3, so screen readers and search engines follow the outline.',
  ])
  expect(publishingChecks({ ...fine, body: lexicalDocument([heading('h3', 'First')]) }, none)[0]).toMatch(/is an h3 after an h1: use an h2/)
})

test('links: vague text, and articles that are not published or were deleted', () => {
  const body = lexicalDocument([
    paragraphOf([text('Read '), internalLink('articles', 7, 'click here')]),
    paragraphOf([internalLink('articles', 8, 'our aftercare guide')]),
    paragraphOf([internalLink('articles', 9, 'a deleted page')]),
    paragraphOf([internalLink('articles', 10, 'the integration guide')]),
  ])
  const lookups: CheckLookups = {
    articleStates: new Map([
      ['7', 'published'],
      ['8', 'draft'],
      ['10', 'published'],
    ]),
    images: new Map(),
  }
  expect(referencesForChecks({ body }).articles).toEqual([7, 8, 9, 10])
  expect(publishingChecks({ ...fine, body }, lookups)).toEqual([
    'A link reads "click here": say where it leads (for example "our integration guide").',
    'The link "our aftercare guide" leads to an article that is not published: visitors would find nothing there.',
    'The link "a deleted page" leads to an article that was deleted.',
  ])
})

test('images whose alt text is the file name, or missing', () => {
  const body = lexicalDocument([upload('media', 3)])
  const lookups: CheckLookups = {
    articleStates: new Map(),
    images: new Map([
      ['3', { alt: 'IMG_2041', filename: 'IMG_2041.jpg' }],
      ['4', { alt: '', filename: 'room.jpg' }],
    ]),
  }
  expect(publishingChecks({ ...fine, body, heroImage: 4 }, lookups)).toEqual([
    'An image in the text has the file name as its alt text ("IMG_2041"): describe what it shows.',
    'The hero image has no alt text.',
  ])
  expect(publishingChecks({ ...fine, body, heroImage: { id: 4 } }, { ...lookups, images: new Map([['3', { alt: 'A calm treatment room', filename: 'IMG_2041.jpg' }]]) })).toEqual(
    [],
  )
})

test('summaries: no excerpt, or an excerpt too long for search results without an SEO description', () => {
  expect(publishingChecks({ ...fine, excerpt: '' }, none)).toEqual(['There is no excerpt: listings and search results will have no summary.'])
  const long = 'x'.repeat(200)
  expect(publishingChecks({ ...fine, excerpt: long }, none)[0]).toMatch(/show about 160 characters; the excerpt, used there without an SEO description, has 200/)
  expect(publishingChecks({ ...fine, excerpt: long, seo: { description: 'Short and clear.' } }, none)).toEqual([])
})

test('a review older than the text is flagged; the same text in another key order or populated is not', () => {
  const reviewed = { ...fine, clinicalReview: { reviewedFingerprint: reviewFingerprint(fine) } }
  expect(publishingChecks(reviewed, none)).toEqual([])
  const reordered = JSON.parse(JSON.stringify(fine.body), (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
  )
  expect(publishingChecks({ ...reviewed, body: reordered }, none)).toEqual([])
  expect(publishingChecks({ ...reviewed, excerpt: 'Changed.' }, none)).toEqual(['The text changed after the clinical review was signed off: ask the reviewer to look again.'])
})
