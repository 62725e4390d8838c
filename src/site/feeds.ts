/** The sitemap and the RSS feed of published articles, as XML. Links point at the public site. */
export type SitemapEntry = { slug: string; updatedAt?: string | null }
export type FeedItem = { title: string; slug: string; excerpt?: string | null; publishedDate?: string | null }

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] as string)

const articleUrl = (siteUrl: string, slug: string) => `${siteUrl}/articles/${encodeURIComponent(slug)}`

/** The sitemap index: one sitemap file per page of articles, served at /sitemaps/articles-<n>.xml. */
export function sitemapIndexXml(pages: number, siteUrl: string): string {
  const files = Array.from({ length: pages }, (_, n) => `  <sitemap><loc>${escapeXml(`${siteUrl}/sitemaps/articles-${n + 1}.xml`)}</loc></sitemap>`)
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${files.join('\n')}\n</sitemapindex>\n`
}

export function sitemapXml(articles: SitemapEntry[], siteUrl: string): string {
  const urls = articles.map(
    (article) => `  <url><loc>${escapeXml(articleUrl(siteUrl, article.slug))}</loc>${article.updatedAt ? `<lastmod>${article.updatedAt}</lastmod>` : ''}</url>`,
  )
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
}

export function rssXml(articles: FeedItem[], siteUrl: string): string {
  const items = articles.map((article) => {
    const link = escapeXml(articleUrl(siteUrl, article.slug))
    return [
      '    <item>',
      `      <title>${escapeXml(article.title)}</title>`,
      `      <link>${link}</link>`,
      `      <guid isPermaLink="true">${link}</guid>`,
      article.publishedDate ? `      <pubDate>${new Date(article.publishedDate).toUTCString()}</pubDate>` : '',
      article.excerpt ? `      <description>${escapeXml(article.excerpt)}</description>` : '',
      '    </item>',
    ]
      .filter(Boolean)
      .join('\n')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0">',
    '  <channel>',
    '    <title>Articles</title>',
    `    <link>${escapeXml(`${siteUrl}/articles`)}</link>`,
    '    <description>Published articles</description>',
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n')
}
