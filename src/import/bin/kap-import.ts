// `npx payload kap:import <file> [--publish] …` in a project that uses the plugin: Payload's CLI
// loads that project's config and calls `script` with it (the plugin registers it in `bin`).
import type { SanitizedConfig } from 'payload'

import { runImportCommand } from '../import-command'

export const script = (config: SanitizedConfig) => runImportCommand(process.argv.slice(process.argv.indexOf('kap:import') + 1), async () => config, 'npx payload kap:import')
