import fs from 'node:fs'

import { articleJsonLd } from '../../src/structured-data/article-json-ld'
import { block, lexicalDocument, paragraph } from '../../src/richtext/lexical-nodes'

const article = {
  title: 'Ketamine and Integration',
  slug: 'ketamine-and-integration',
  excerpt: 'Why integration matters.',
  publishedDate: '2026-10-02T09:00:00.000Z',
  updatedAt: '2026-10-03T09:00:00.000Z',
  topics: ['integration', 'depression'],
  author: { name: 'Sam Rivera', credentials: 'LMFT' },
  heroImage: { url: '/api/media/file/hero.jpg', sizes: { social: { url: '/api/media/file/hero-1200x630.jpg' } } },
  clinicalReview: {
    reviewerName: 'Dr. Maya Chen',
    reviewerCredentials: 'MD, psychiatrist',
    reviewedAt: '2026-10-01T00:00:00.000Z',
    citations: [{ source: 'Krystal JH et al., Neuron, 2019', url: 'https://doi.org/10.1016/j.neuron.2019.01.022' }],
  },
  body: lexicalDocument([
    paragraph('Body text.'),
    block('faqGroup', {
      faqs: [
        { question: 'Is ketamine safe?', answer: lexicalDocument([paragraph('Under medical supervision, for most people.')]) },
        42, // an unpublished FAQ: an unresolved id
      ],
    }),
  ]),
}

const [page, posting, faq] = articleJsonLd(article, { siteUrl: 'https://clinic.example', cmsUrl: 'https://cms.clinic.example' })

describe('schema.org JSON-LD for an article', () => {
  test('a MedicalWebPage with its clinical review, about, audience', () => {
    expect(page).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'MedicalWebPage',
      url: 'https://clinic.example/articles/ketamine-and-integration',
      lastReviewed: '2026-10-01',
      reviewedBy: { '@type': 'Person', name: 'Dr. Maya Chen', jobTitle: 'MD, psychiatrist' },
      audience: { '@type': 'PeopleAudience' },
      medicalAudience: { '@type': 'MedicalAudience', audienceType: 'Patient' },
    })
    expect(page.about).toEqual(
      expect.arrayContaining([
        { '@type': 'MedicalTherapy', name: 'Ketamine-assisted psychotherapy' },
        { '@type': 'Thing', name: 'integration' },
      ]),
    )
  })

  test('a BlogPosting with author, dates, image on the CMS and citations', () => {
    expect(posting).toMatchObject({
      '@type': 'BlogPosting',
      headline: 'Ketamine and Integration',
      datePublished: '2026-10-02T09:00:00.000Z',
      dateModified: '2026-10-03T09:00:00.000Z',
      author: { '@type': 'Person', name: 'Sam Rivera', jobTitle: 'LMFT' },
      image: 'https://cms.clinic.example/api/media/file/hero-1200x630.jpg',
      citation: [{ '@type': 'CreativeWork', name: 'Krystal JH et al., Neuron, 2019', url: 'https://doi.org/10.1016/j.neuron.2019.01.022' }],
    })
  })

  test('an FAQPage for the published FAQs it embeds', () => {
    expect(faq).toMatchObject({
      '@type': 'FAQPage',
      mainEntity: [{ '@type': 'Question', name: 'Is ketamine safe?', acceptedAnswer: { '@type': 'Answer', text: 'Under medical supervision, for most people.' } }],
    })
  })

  test('no FAQPage when the article embeds no FAQs', () => {
    expect(articleJsonLd({ ...article, body: lexicalDocument([paragraph('x')]) }, { siteUrl: '', cmsUrl: '' })).toHaveLength(2)
  })

  test('every type and property used is in schema.org’s vocabulary (as shipped by schema-dts)', () => {
    const vocabulary = fs.readFileSync('node_modules/schema-dts/dist/schema.d.ts', 'utf8')
    const types = new Set<string>()
    const properties = new Set<string>()
    const walk = (value: unknown) => {
      if (Array.isArray(value)) return value.forEach(walk)
      if (!value || typeof value !== 'object') return
      for (const [key, child] of Object.entries(value)) {
        if (key === '@type') types.add(child as string)
        else if (!key.startsWith('@')) properties.add(key)
        walk(child)
      }
    }
    walk([page, posting, faq])
    for (const type of types) expect(vocabulary).toMatch(new RegExp(`export type ${type} = `))
    for (const property of properties) expect(vocabulary).toContain(`"${property}"?: SchemaValue<`)
    expect(types.size).toBeGreaterThanOrEqual(9)
  })
})
