import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { sqliteAdapter } from '@payloadcms/db-sqlite'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { kapContent } from 'kap-content-cms'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Users } from './collections/Users'

const filename = fileURLToPath(import.meta.url)
const dirname = path.dirname(filename)

export default buildConfig({
  admin: {
    user: Users.slug,
    importMap: { baseDir: path.resolve(dirname) },
  },
  collections: [Users],
  editor: lexicalEditor(),
  secret: process.env.PAYLOAD_SECRET || '',
  typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
  // busyTimeout: a command (npx payload kap:import) writing beside the running server waits for its lock instead of failing.
  db: sqliteAdapter({ client: { url: process.env.DATABASE_URI || '' }, busyTimeout: 5000 }),
  sharp,
  plugins: [
    // The one line this project adds; everything else above is Payload's blank template.
    kapContent({
      siteUrl: process.env.SITE_URL,
      previewUrl: process.env.PREVIEW_URL,
      mediaDir: process.env.MEDIA_DIR,
      scheduledPublishingCron: process.env.SCHEDULED_PUBLISHING_CRON,
      webhookDelivery: { pollMs: Number(process.env.WEBHOOK_POLL_MS) || undefined },
    }),
  ],
})
