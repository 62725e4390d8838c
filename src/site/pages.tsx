import type { ReactNode } from 'react'

import { BenefitListView, CallToActionView, FaqGroupView } from './embeds'
import { Figure, RichText } from './rich-text'
import { SITE_CSS } from './site-css'

/** The reference site's pages: server-rendered, readable without JavaScript. */

type Layout = { title: string; description?: string; children: ReactNode; preview?: { expiresAt: string; liveScript: string }; jsonLd?: unknown }

/** JSON inside <script> must not be able to close the element. */
const scriptSafeJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c')

export function Page({ title, description, children, preview, jsonLd }: Layout) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        {preview ? <meta name="robots" content="noindex, nofollow" /> : null}
        <style>{SITE_CSS}</style>
        {jsonLd ? <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(jsonLd) }} /> : null}
      </head>
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header>
          <nav aria-label="Site">
            <a href="/articles">Articles</a>
          </nav>
        </header>
        {preview ? (
          <div className="preview-banner" role="status">
            Preview of unpublished changes. This link stops working at {new Date(preview.expiresAt).toUTCString()}.
          </div>
        ) : null}
        <main id="content">{children}</main>
        <footer>
          <p>Content managed with the KAP content CMS.</p>
        </footer>
        {preview ? <script src={preview.liveScript} defer /> : null}
      </body>
    </html>
  )
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' })
const formatDate = (value?: string | null) => (value ? dateFormat.format(new Date(value)) : undefined)

export function ArticleView({ article }: { article: any }) {
  const review = article.clinicalReview ?? {}
  const reviewed = formatDate(review.reviewedAt)
  const published = formatDate(article.publishedDate)
  return (
    <article>
      <header className="article-header">
        <h1>{article.title}</h1>
        <p className="meta">
          {article.author?.name ? <>By {[article.author.name, article.author.credentials].filter(Boolean).join(', ')}. </> : null}
          {published ? (
            <>
              Published <time dateTime={article.publishedDate}>{published}</time>.
            </>
          ) : null}
        </p>
        {review.reviewerName && reviewed ? (
          <p className="review">
            Clinically reviewed by {[review.reviewerName, review.reviewerCredentials].filter(Boolean).join(', ')} on <time dateTime={review.reviewedAt}>{reviewed}</time>.
          </p>
        ) : null}
        {article.excerpt ? <p className="excerpt">{article.excerpt}</p> : null}
      </header>
      <Figure media={article.heroImage} />
      <RichText content={article.body} />
      {Array.isArray(review.citations) && review.citations.length ? (
        <section aria-labelledby="sources">
          <h2 id="sources">Sources</h2>
          <ol>
            {review.citations.map((citation: any, index: number) => (
              <li key={citation.id ?? index}>{citation.url ? <a href={citation.url}>{citation.source}</a> : citation.source}</li>
            ))}
          </ol>
        </section>
      ) : null}
      {article.disclaimer ? (
        <aside className="disclaimer" aria-label="Medical disclaimer">
          <p>{article.disclaimer}</p>
        </aside>
      ) : null}
      <ArticleNavigation article={article} />
    </article>
  )
}

function ArticleNavigation({ article }: { article: any }) {
  const links = [
    ['Previous', article.previousArticle],
    ['Next', article.nextArticle],
  ].filter(([, target]) => typeof target === 'object' && target?.slug) as [string, any][]
  if (!links.length) return null
  return (
    <nav aria-label="More articles" className="article-nav">
      <ul>
        {links.map(([label, target]) => (
          <li key={label}>
            {label}: <a href={`/articles/${encodeURIComponent(target.slug)}`}>{target.title}</a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

export function ArticleIndex({ articles }: { articles: any[] }) {
  return (
    <>
      <h1>Articles</h1>
      {articles.length === 0 ? <p>No articles have been published yet.</p> : null}
      <ul className="cards">
        {articles.map((article) => (
          <li key={article.id}>
            <h2>
              <a href={`/articles/${encodeURIComponent(article.slug)}`}>{article.title}</a>
            </h2>
            {article.excerpt ? <p>{article.excerpt}</p> : null}
          </li>
        ))}
      </ul>
    </>
  )
}

/** A benefit list, FAQ or call to action previewed on its own. */
export function StandalonePreview({ collection, doc }: { collection: string; doc: any }) {
  const heading = { 'benefit-lists': doc.title, faqs: doc.question, 'calls-to-action': doc.heading }[collection] ?? 'Preview'
  return (
    <>
      <h1>{heading}</h1>
      {collection === 'benefit-lists' ? <BenefitListView list={doc} /> : null}
      {collection === 'faqs' ? <FaqGroupView heading="As shown in an FAQ group" faqs={[doc]} renderAnswer={(answer) => <RichText content={answer as never} />} /> : null}
      {collection === 'calls-to-action' ? <CallToActionView cta={doc} /> : null}
    </>
  )
}

export function Message({ heading, text }: { heading: string; text: string }) {
  return (
    <>
      <h1>{heading}</h1>
      <p>{text}</p>
    </>
  )
}
