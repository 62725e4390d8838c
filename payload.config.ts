// Assembles the CMS: database, editor, users and the content model. Everything environment-specific
// is decided in src/ (database selection, the secret) so this file reads as a table of contents.
import path from 'node:path'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { Users } from './collections/Users'
import { auditRetentionDays, webhookDeliveryOptions } from './src/config/background-work'
import { dataDir } from './src/config/data-dir'
import { wholeNumber } from './src/config/env-number'
import { createRedisCoordinator } from './src/coordination/redis-coordinator'
import { loggerConfig } from './src/config/logger'
import { describeObjectStorage, objectStorageSettings } from './src/config/object-storage'
import { describeEmail, emailSettings } from './src/config/email'
import { projectRoot } from './src/config/project-root'
import { requestLimits } from './src/config/request-limits'
import { siteOrigins, trustedOrigins } from './src/config/site-origins'
import { resolvePayloadSecret } from './src/config/payload-secret'
import { createDatabaseAdapter } from './src/db/database-adapter'
import { describeDatabase, selectDatabase } from './src/db/select-database'
import { depthLimit } from './src/graphql/depth-limit'
import { kapContent } from './src/plugin'
import { mediaStorage } from './src/storage/media-storage'

const rootDir = projectRoot()
const database = selectDatabase(process.env, dataDir())
const limits = requestLimits(process.env)
const mediaDir = path.join(dataDir(), 'media')
const objectStorage = objectStorageSettings(process.env)
const email = emailSettings(process.env)

export default buildConfig({
  secret: resolvePayloadSecret(process.env, dataDir()).secret,
  ...(process.env.SERVER_URL ? { serverURL: new URL(process.env.SERVER_URL).origin } : {}),
  db: createDatabaseAdapter(database),
  editor: lexicalEditor(),
  sharp,
  logger: loggerConfig(process.env),
  // SMTP_HOST: the daily review digest (and password resets) go out by email; unset, nothing is sent.
  ...(email
    ? {
        email: nodemailerAdapter({
          defaultFromAddress: email.fromAddress,
          defaultFromName: email.fromName,
          // Checked when the first message goes: an SMTP server down at startup must not stop the CMS.
          skipVerify: true,
          transportOptions: { host: email.host, port: email.port, secure: email.secure, ...(email.user ? { auth: { user: email.user, pass: email.password } } : {}) },
        }),
      }
    : {}),
  admin: {
    user: Users.slug,
    importMap: { baseDir: rootDir },
    meta: { titleSuffix: ' — KAP content' },
    // No Gravatar requests from the admin: nothing leaves for third parties (and the CSP allows none).
    avatar: 'default',
  },
  collections: [Users],
  plugins: [
    kapContent({
      // The plugin reads no environment: this file does, and passes the values in.
      siteUrl: process.env.SITE_URL,
      previewUrl: process.env.PREVIEW_URL,
      mediaDir,
      requireClinicalReview: process.env.REQUIRE_CLINICAL_REVIEW !== 'false',
      signInLimits: {
        windowSeconds: limits.loginWindowSeconds,
        attemptsPerAddress: limits.loginAttemptsPerIp,
        failuresPerAccount: limits.loginAttemptsPerAccount,
      },
      webhookDelivery: webhookDeliveryOptions(process.env),
      auditRetentionDays: auditRetentionDays(process.env),
      // Scheduled publishing runs in the server process: this cron looks for due publications.
      scheduledPublishingCron: process.env.JOBS_CRON,
      // Several processes on one database agree through Redis; without REDIS_URL this one assumes it is alone.
      coordinator: process.env.REDIS_URL ? createRedisCoordinator(process.env.REDIS_URL) : undefined,
      jobRunnerLeaseSeconds: wholeNumber(process.env, 'JOBS_LEASE_SECONDS', 90, 1),
      reviewDigestHourUtc: wholeNumber(process.env, 'REVIEW_DIGEST_HOUR_UTC', 7),
    }),
    // After the plugin, whose images it stores: in the bucket named by S3_BUCKET, or in mediaDir.
    mediaStorage(objectStorage),
  ],
  jobs: {
    // JOBS_AUTORUN=false: this process runs no jobs (another one does).
    shouldAutoRun: () => process.env.JOBS_AUTORUN !== 'false',
  },
  // Browsers on these sites may call the API; signed-in requests must come from them (CSRF).
  cors: siteOrigins(process.env),
  csrf: trustedOrigins(process.env),
  graphQL: {
    disablePlaygroundInProduction: true,
    maxComplexity: limits.graphQLMaxComplexity,
    validationRules: () => [depthLimit(limits.graphQLMaxDepth)],
  },
  // Population depth and upload size; the HTTP layer refuses larger asks with a 4xx first.
  maxDepth: limits.maxDepth,
  upload: { limits: { fileSize: limits.uploadMaxBytes } },
  typescript: {
    outputFile: path.resolve(rootDir, 'payload-types.ts'),
  },
  custom: {
    databaseDescription: describeDatabase(database),
    mediaStorageDescription: describeObjectStorage(objectStorage, mediaDir),
    emailDescription: describeEmail(email),
  },
  telemetry: false,
})
