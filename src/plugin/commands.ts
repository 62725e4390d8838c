import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { BinScriptConfig } from 'payload'

/**
 * `npx payload kap:import <file>` and `npx payload kap:seed` in any project that uses the plugin:
 * Payload's CLI loads that project's config and runs these scripts by path. Only the CLI imports
 * them (from the plugin's source); in a bundle, where the source is not beside this file, there
 * are none to offer.
 */
export function pluginCommands(): BinScriptConfig[] {
  if (!import.meta.url.startsWith('file:')) return []
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../import/bin')
  const commands = [
    { key: 'kap:import', scriptPath: path.join(dir, 'kap-import.ts') },
    { key: 'kap:seed', scriptPath: path.join(dir, 'kap-seed.ts') },
  ]
  return commands.every((command) => fs.existsSync(command.scriptPath)) ? commands : []
}
