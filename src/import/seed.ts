import type { Payload } from 'payload'

import { kapContentSettings } from '../model/settings'
import { importArticleFile } from './import-file'
import type { ImportResult } from './load-article'
import { defaultCallToActionUrl, PLACEHOLDER_IMAGE, SEED_ARTICLE } from './seed-content'

export type SeedResult = { admin: 'created' | 'exists' | 'skipped'; article: ImportResult }

/**
 * A first run's content: the bundled article, published, and an admin account when ADMIN_EMAIL and
 * ADMIN_PASSWORD are set. Safe to run again: nothing is duplicated.
 */
export async function seed(payload: Payload, env: NodeJS.ProcessEnv = process.env): Promise<SeedResult> {
  const admin = await ensureAdmin(payload, env.ADMIN_EMAIL, env.ADMIN_PASSWORD)
  const { siteUrl } = kapContentSettings(payload)
  const article = await importArticleFile(payload, SEED_ARTICLE, {
    publish: true,
    callToActionUrl: defaultCallToActionUrl(env, siteUrl),
    placeholderImage: PLACEHOLDER_IMAGE,
    // Sample content: published so a new install shows a complete article, flagged in the log.
    clinicalReviewWaiver: 'bundled sample article from npm run seed; have it reviewed or unpublish it before going live',
  })
  return { admin, article }
}

async function ensureAdmin(payload: Payload, email?: string, password?: string): Promise<SeedResult['admin']> {
  if (!email || !password) return 'skipped'
  const users = kapContentSettings(payload).usersCollection as 'users'
  const existing = await payload.find({ collection: users, where: { email: { equals: email.toLowerCase() } }, limit: 1, overrideAccess: true })
  if (existing.docs.length) return 'exists'
  await payload.create({ collection: users, data: { email, password, roles: ['admin'], name: 'Administrator' } as never, overrideAccess: true })
  return 'created'
}
