// Where the CMS starts: Payload, the admin UI (Next) and the HTTP server, in one process.
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import next from 'next'
import { getPayload, type Payload } from 'payload'

import { projectRoot } from './config/project-root'
import { createApp } from './server/create-app'
import { gracefulShutdown } from './server/graceful-shutdown'
import { kapContentSettings } from './model/settings'
import { deliverWebhooksNow } from './plugin/background-work'

export type StartOptions = {
  port?: number
  /** Serve the admin UI through Next (needs `npm run build` in production). */
  admin?: boolean
  /** Exit the process on SIGTERM/SIGINT once shut down. */
  handleSignals?: boolean
}

export type RunningServer = { payload: Payload; url: string; stop: () => Promise<void>; deliverWebhooks: () => Promise<void> }

export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const { default: config } = await import('../payload.config')
  const payload = await getPayload({ config, cron: true })
  payload.logger.info(`Database: ${payload.config.custom.databaseDescription}`)
  payload.logger.info(`Uploads: ${payload.config.custom.mediaStorageDescription}`)
  payload.logger.info(`Email: ${payload.config.custom.emailDescription}`)
  payload.logger.info(`Processes: ${kapContentSettings(payload).coordinator.description}`)

  let adminHandler
  if (options.admin !== false) {
    const dev = process.env.NODE_ENV !== 'production'
    const nextApp = next({ dev, dir: projectRoot() })
    await nextApp.prepare()
    const handle = nextApp.getRequestHandler()
    adminHandler = (req: Parameters<typeof handle>[0], res: Parameters<typeof handle>[1]) => handle(req, res)
  }

  let shuttingDown = false
  const app = createApp({ payload, adminHandler, isShuttingDown: () => shuttingDown })
  const server = app.listen(options.port ?? Number(process.env.PORT || 3000))
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject))
  const { port } = server.address() as AddressInfo
  const url = `http://localhost:${port}`
  payload.logger.info(`KAP content CMS ready: admin ${url}/admin, REST ${url}/api, GraphQL ${url}/api/graphql`)

  let stopping: Promise<void> | undefined
  const stop = () => {
    shuttingDown = true
    stopping ??= gracefulShutdown({
      server,
      // Stops Payload's crons and the plugin's background work (webhooks, audit retention), then the database.
      close: () => payload.destroy(),
      log: (message) => payload.logger.warn(message),
    })
    return stopping
  }

  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        payload.logger.info(`${signal} received: finishing requests in flight, then closing the database`)
        stop().then(() => {
          payload.logger.info('shut down cleanly')
          process.exit(0)
        })
      })
    }
  }
  return { payload, url, stop, deliverWebhooks: () => deliverWebhooksNow(payload) }
}

const isEntryPoint = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
if (isEntryPoint) {
  startServer({ handleSignals: true, admin: process.env.ADMIN_UI !== 'false' }).catch((error) => {
    // Configuration mistakes carry their own explanation; anything else needs its stack.
    console.error(error?.name === 'ConfigurationError' ? `Cannot start: ${error.message}` : error)
    process.exit(1)
  })
}
