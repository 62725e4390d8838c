import type { Payload, SanitizedConfig } from 'payload'

import type { Coordinator } from '../coordination/coordinator'

/** What the plugin tells the rest of the CMS about itself, kept in the config's `custom.kapContent`. */
export type KapContentSettings = {
  /** The public site, for absolute links (JSON-LD, sitemap, feed, the default call-to-action link). */
  siteUrl: string
  /** The site whose /preview pages show drafts; empty for this server's own renderer. */
  previewUrl: string
  /** The collection people sign in with, as the plugin found it in the host's config. */
  usersCollection: string
  /** How this process agrees with the others on the same database (see src/coordination). */
  coordinator: Coordinator
  /** The roles that may publish (and approve, and send drafts back). */
  publishRoles: readonly string[]
}

const KEY = 'kapContent'

export function settingsEntry(settings: KapContentSettings): Record<typeof KEY, KapContentSettings> {
  return { [KEY]: settings }
}

/** The plugin's settings in a running CMS; a config without the plugin is a mistake said plainly. */
export function kapContentSettings(from: Payload | SanitizedConfig): KapContentSettings {
  const config = 'config' in from ? from.config : from
  const settings = (config.custom as Record<string, unknown> | undefined)?.[KEY] as KapContentSettings | undefined
  if (!settings) throw new Error('This Payload config does not use the kapContent() plugin (no custom.kapContent).')
  return settings
}
