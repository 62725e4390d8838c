import { withPayload } from '@payloadcms/next/withPayload'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Express (src/server.ts) owns the HTTP layer; Next only renders the admin UI.
  poweredByHeader: false,
  turbopack: { root },
  // `npm run typecheck` (part of `npm test`) checks the whole project, tests included.
  typescript: { ignoreBuildErrors: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
