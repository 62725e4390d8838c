import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The plugin ships TypeScript source: Next compiles it with the app.
  transpilePackages: ['kap-content-cms'],
  // Only for this fixture: the plugin is linked from the repository three levels up, which the
  // bundler must be allowed to read. A project with the plugin installed from a tarball needs neither.
  turbopack: { root: path.resolve(dirname, '../../..') },
  outputFileTracingRoot: path.resolve(dirname, '../../..'),
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
