const LINK_PROTOCOLS = ['http:', 'https:', 'tel:', 'mailto:']

/**
 * Links that a clinic's page may point at: web pages, phone numbers and email addresses. Anything
 * else (javascript:, data:, relative junk) is refused rather than published.
 */
export function validateLinkUrl(value: unknown, { allowContactLinks = true } = {}): true | string {
  if (value === undefined || value === null || value === '') return true
  const allowed = allowContactLinks ? LINK_PROTOCOLS : ['http:', 'https:']
  const hint = allowContactLinks
    ? 'Use a full web address (https://…), a phone link (tel:+15551234567) or an email link (mailto:hello@clinic.com).'
    : 'Use a full web address starting with https:// or http://.'
  if (typeof value !== 'string' || value.length > 2048) return `This link is not valid. ${hint}`
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${value.slice(0, 80)}" is not a complete link. ${hint}`
  }
  if (!allowed.includes(url.protocol)) return `Links starting with "${url.protocol}" are not allowed. ${hint}`
  if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname.includes('.') && url.hostname !== 'localhost') {
    return `"${value.slice(0, 80)}" has no valid domain. ${hint}`
  }
  if ((url.protocol === 'tel:' || url.protocol === 'mailto:') && url.pathname.trim() === '') {
    return `"${value}" has nothing after "${url.protocol}". ${hint}`
  }
  return true
}
