// npm run seed: the bundled sample article (published) and, with ADMIN_EMAIL/ADMIN_PASSWORD, an admin.
import { loadProjectConfig, runCli } from '../cli/run-cli'
import { seed } from './seed'

void runCli('Seed', loadProjectConfig, async (payload) => {
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
