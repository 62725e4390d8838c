/** Only web, phone and email links, or paths on this site, reach a rendered page. */
export function safeHref(url: unknown): string | undefined {
  if (typeof url !== 'string' || url.trim() === '') return undefined
  if (url.startsWith('/') && !url.startsWith('//')) return url
  try {
    const parsed = new URL(url)
    return ['http:', 'https:', 'tel:', 'mailto:'].includes(parsed.protocol) ? url : undefined
  } catch {
    return undefined
  }
}
