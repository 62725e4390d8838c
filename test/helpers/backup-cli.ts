import { spawn } from 'node:child_process'
import path from 'node:path'

import { TEST_SECRET } from './start-cms'

/** Runs `npm run export|restore` as its built command, in its own process, against `database` and `dataDir`. */
export function runBackupCli(args: string[], { database, dataDir, env = {} }: { database: string; dataDir: string; env?: Record<string, string> }) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const variables = { PATH: process.env.PATH, HOME: process.env.HOME, PAYLOAD_SECRET: TEST_SECRET, DATABASE_URI: database, DATA_DIR: dataDir, LOG_LEVEL: 'error', ...env }
    const child = spawn(process.execPath, ['--conditions=development', path.resolve('dist/backup/backup-cli.js'), ...args], {
      env: variables as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output }))
  })
}
