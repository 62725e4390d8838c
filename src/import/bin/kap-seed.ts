// `npx payload kap:seed` in a project that uses the plugin: the sample article, and an admin with
// ADMIN_EMAIL/ADMIN_PASSWORD. Payload's CLI loads that project's config and calls `script` with it.
import type { SanitizedConfig } from 'payload'

import { runSeedCommand } from '../seed-command'

export const script = (config: SanitizedConfig) => runSeedCommand(async () => config)
