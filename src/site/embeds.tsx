import type { ReactNode } from 'react'

import { safeHref } from './safe-href'

/** Views of the shared documents an article embeds. Unpublished (unresolved) ones render nothing. */
const resolved = (value: unknown): value is Record<string, any> => typeof value === 'object' && value !== null

export function BenefitListView({ list }: { list: unknown }) {
  if (!resolved(list) || !Array.isArray(list.items)) return null
  const withDescriptions = list.displayStyle !== 'bullets'
  return (
    <section className="benefit-list" aria-label={list.leadIn ?? undefined}>
      {list.leadIn ? <p className="lead-in">{list.leadIn}</p> : null}
      <ul>
        {list.items.map((item: any, index: number) => (
          <li key={item.id ?? index}>
            {withDescriptions && item.description ? (
              <>
                <strong>{item.label}:</strong> {item.description}
              </>
            ) : (
              item.label
            )}
            {item.citation?.source ? <Citation source={item.citation.source} url={item.citation.url} /> : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

function Citation({ source, url }: { source: string; url?: string }) {
  const href = safeHref(url)
  return <cite className="citation"> ({href ? <a href={href}>{source}</a> : source})</cite>
}

/**
 * A group of FAQs. An answer is rich text, which may itself embed blocks: the caller renders it
 * (`renderAnswer`), so this module and the rich-text renderer do not import each other.
 */
export function FaqGroupView({ heading, faqs, renderAnswer }: { heading?: string; faqs: unknown; renderAnswer: (answer: unknown) => ReactNode }) {
  const items = Array.isArray(faqs) ? faqs.filter(resolved) : []
  if (items.length === 0) return null
  return (
    <section className="faqs">
      <h2>{heading || 'Frequently asked questions'}</h2>
      {items.map((faq) => (
        <div key={faq.id} className="faq">
          <h3>{faq.question}</h3>
          {renderAnswer(faq.answer)}
        </div>
      ))}
    </section>
  )
}

export function CallToActionView({ cta }: { cta: unknown }) {
  if (!resolved(cta)) return null
  const link = cta.link ?? {}
  const href = link.type === 'internal' ? (resolved(link.article) && link.article.slug ? `/articles/${encodeURIComponent(link.article.slug)}` : undefined) : safeHref(link.url)
  return (
    <aside className={`call-to-action ${cta.style ?? 'primary'}`} aria-labelledby={`cta-${cta.id}`}>
      <h2 id={`cta-${cta.id}`}>{cta.heading}</h2>
      {cta.body ? <p>{cta.body}</p> : null}
      {href ? (
        <a className="button" href={href}>
          {cta.buttonLabel}
        </a>
      ) : null}
    </aside>
  )
}
