import path from 'node:path'

import { projectRoot } from '../config/project-root'

const seedDir = path.join(projectRoot(), 'src/import/seed')

/** The files the product ships for a first run: a real KAP article and the image used for image lines. */
export const SEED_ARTICLE = path.join(seedDir, 'ketamine-therapy-and-the-psychedelic-connection.txt')
export const PLACEHOLDER_IMAGE = path.join(seedDir, 'placeholder.jpg')

/** Where imported calls to action point unless told otherwise. */
export function defaultCallToActionUrl(env: NodeJS.ProcessEnv, siteUrl: string): string {
  return env.CONTACT_URL || `${siteUrl}/contact`
}
