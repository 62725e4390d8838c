import path from 'node:path'

/** Where the embedded database, the development secret and uploads live unless configured otherwise. */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.DATA_DIR || path.join(process.cwd(), '.data'))
}
