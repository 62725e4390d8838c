import type { Answer, BlogPosting, FAQPage, MedicalWebPage, Person, Question, WithContext } from 'schema-dts'

import { EMBED_BLOCK_SLUGS } from '../model/slugs'
import { lexicalToPlainText } from '../richtext/plain-text'

/**
 * schema.org JSON-LD for a published article, as the API returns it (embeds populated): the page
 * as a MedicalWebPage with its clinical review, the BlogPosting it carries, and an FAQPage for the
 * FAQs it embeds. Typed with schema-dts, so property names and types follow schema.org's vocabulary.
 */
export type ArticleJsonLd = [WithContext<MedicalWebPage>, WithContext<BlogPosting>, ...WithContext<FAQPage>[]]

type Article = Record<string, any>

/** siteUrl: where the site shows the article; cmsUrl: where this CMS serves its images. */
export function articleJsonLd(article: Article, { siteUrl, cmsUrl }: { siteUrl: string; cmsUrl: string }): ArticleJsonLd {
  const url = `${siteUrl}/articles/${encodeURIComponent(article.slug)}`
  const review = article.clinicalReview ?? {}
  const image = mediaUrl(article.seo?.image ?? article.heroImage, cmsUrl)
  const reviewer: Person | undefined = review.reviewerName
    ? { '@type': 'Person', name: review.reviewerName, ...(review.reviewerCredentials ? { jobTitle: review.reviewerCredentials } : {}) }
    : undefined
  const author: Person | undefined = article.author?.name
    ? { '@type': 'Person', name: article.author.name, ...(article.author.credentials ? { jobTitle: article.author.credentials } : {}) }
    : undefined
  const citations = (review.citations ?? []).map((citation: { source: string; url?: string }) => ({
    '@type': 'CreativeWork' as const,
    name: citation.source,
    ...(citation.url ? { url: citation.url } : {}),
  }))

  const page: WithContext<MedicalWebPage> = {
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    '@id': `${url}#webpage`,
    url,
    name: article.seo?.title || article.title,
    ...(article.seo?.description || article.excerpt ? { description: article.seo?.description || article.excerpt } : {}),
    ...(review.reviewedAt ? { lastReviewed: review.reviewedAt.slice(0, 10) } : {}),
    ...(reviewer ? { reviewedBy: reviewer } : {}),
    about: [{ '@type': 'MedicalTherapy', name: 'Ketamine-assisted psychotherapy' }, ...(article.topics ?? []).map((topic: string) => ({ '@type': 'Thing' as const, name: topic }))],
    audience: { '@type': 'PeopleAudience', audienceType: 'Patients and the public' },
    medicalAudience: { '@type': 'MedicalAudience', audienceType: 'Patient' },
    mainEntity: { '@id': `${url}#article` },
    inLanguage: 'en',
  }

  const posting: WithContext<BlogPosting> = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    '@id': `${url}#article`,
    headline: article.title,
    url,
    mainEntityOfPage: { '@id': `${url}#webpage` },
    ...(article.excerpt ? { description: article.excerpt } : {}),
    ...(article.publishedDate ? { datePublished: article.publishedDate } : {}),
    ...(article.updatedAt ? { dateModified: article.updatedAt } : {}),
    ...(author ? { author } : {}),
    ...(image ? { image } : {}),
    ...(citations.length ? { citation: citations } : {}),
    ...(article.topics?.length ? { keywords: article.topics.join(', ') } : {}),
  }

  const questions = embeddedFaqs(article).map((faq): Question => ({
    '@type': 'Question',
    name: faq.question,
    acceptedAnswer: { '@type': 'Answer', text: lexicalToPlainText(faq.answer as Parameters<typeof lexicalToPlainText>[0]) } satisfies Answer,
  }))
  const faqPages: WithContext<FAQPage>[] = questions.length ? [{ '@context': 'https://schema.org', '@type': 'FAQPage', '@id': `${url}#faq`, url, mainEntity: questions }] : []

  return [page, posting, ...faqPages]
}

/** Published FAQs the article's body embeds (unresolved ids, i.e. unpublished ones, are skipped). */
function embeddedFaqs(article: Article): { question: string; answer: unknown }[] {
  const faqs: { question: string; answer: unknown }[] = []
  const walk = (node: Record<string, any>) => {
    if (node.type === 'block' && node.fields?.blockType === EMBED_BLOCK_SLUGS.faqGroup) {
      for (const faq of node.fields.faqs ?? []) if (faq && typeof faq === 'object' && faq.question) faqs.push(faq)
    }
    node.children?.forEach(walk)
  }
  if (article.body?.root) walk(article.body.root)
  return faqs
}

function mediaUrl(media: unknown, cmsUrl: string): string | undefined {
  if (!media || typeof media !== 'object') return undefined
  const url = (media as { sizes?: { social?: { url?: string } }; url?: string }).sizes?.social?.url ?? (media as { url?: string }).url
  if (!url) return undefined
  return url.startsWith('http') ? url : `${cmsUrl}${url}`
}
