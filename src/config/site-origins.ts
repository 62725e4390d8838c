import { ConfigurationError } from './configuration-error'

/**
 * The websites allowed to call the API from a browser (CORS) and to send signed-in requests (CSRF):
 * CORS_ORIGINS, a comma-separated list of origins such as https://clinic.example.
 */
export function siteOrigins(env: NodeJS.ProcessEnv): string[] {
  return (env.CORS_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
    .map((origin) => {
      let url: URL
      try {
        url = new URL(origin)
      } catch {
        throw new ConfigurationError(`CORS_ORIGINS has "${origin}", which is not an origin like https://clinic.example.`)
      }
      if (url.origin !== origin.replace(/\/+$/, '')) {
        throw new ConfigurationError(`CORS_ORIGINS has "${origin}": give only scheme, host and port, like ${url.origin}.`)
      }
      return url.origin
    })
}

/**
 * Origins whose cookie-authenticated requests Payload trusts: the sites, plus the CMS itself (its
 * admin UI), which must then be named by SERVER_URL. Empty when CORS_ORIGINS is unset (Payload's
 * default: SameSite cookies only).
 */
export function trustedOrigins(env: NodeJS.ProcessEnv): string[] {
  const sites = siteOrigins(env)
  if (sites.length === 0) return []
  if (!env.SERVER_URL) {
    throw new ConfigurationError(
      "CORS_ORIGINS is set, so signed-in requests are only trusted from listed origins: set SERVER_URL to this CMS's public address (e.g. https://cms.clinic.example) so its admin UI is one of them.",
    )
  }
  return [...sites, new URL(env.SERVER_URL).origin]
}
