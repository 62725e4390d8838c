import type { SanitizedConfig } from 'payload'

import { runCli } from '../cli/run-cli'
import { seed } from './seed'

/** The seed command: the bundled sample article (published) and, with ADMIN_EMAIL/ADMIN_PASSWORD, an admin. */
export function runSeedCommand(loadConfig: () => Promise<SanitizedConfig>): Promise<never> {
  return runCli('Seed', loadConfig, async (payload) => {
    const result = await seed(payload)
    const admin = {
      created: `Created the admin account ${process.env.ADMIN_EMAIL}.`,
      exists: `The admin account ${process.env.ADMIN_EMAIL} already exists.`,
      skipped: 'No admin account created (set ADMIN_EMAIL and ADMIN_PASSWORD, or use the create-first-user screen at /admin).',
    }[result.admin]
    return [
      admin,
      `Sample article ${result.article.outcome === 'filled' ? 'filled in (it was a draft stub linked from another article)' : result.article.outcome}: /api/articles/slug/${result.article.slug}`,
      'Note: the sample article is published without a clinical review. Have it reviewed, or unpublish it, before going live.',
    ].join('\n')
  })
}
