/** The sitemap and the RSS feed of published articles, as XML. Links point at the public site. */
type ArticleSummary = { title: string; slug: string; excerpt?: string | null; publishedDate?: string | null; updatedAt?: string | null }

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] as string)

const articleUrl = (siteUrl: string, slug: string) => `${siteUrl}/articles/${encodeURIComponent(slug)}`

export function sitemapXml(articles: ArticleSummary[], siteUrl: string): string {
  const urls = articles.map((article) => {
    const lastmod = article.updatedAt ?? article.publishedDate
    return `  <url><loc>${escapeXml(articleUrl(siteUrl, article.slug))}</loc>${lastmod ? `<lastmod>${lastmod}</lastmod>` : ''}</url>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`
}

export function rssXml(articles: ArticleSummary[], siteUrl: string): string {
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
