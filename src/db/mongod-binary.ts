import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * Finds a mongod binary already on this machine, without downloading one: where none can be had,
 * a download attempt only delays startup before failing, so the embedded default falls back to SQLite.
 */
export function findLocalMongodBinary(env: NodeJS.ProcessEnv): string | undefined {
  const explicit = env.MONGOMS_SYSTEM_BINARY
  if (explicit) return fs.existsSync(explicit) ? explicit : undefined

  for (const dir of (env.PATH || '').split(path.delimiter)) {
    if (!dir) continue
    const candidate = path.join(dir, 'mongod')
    if (isExecutable(candidate)) return candidate
  }

  // mongodb-memory-server keeps the binaries it downloaded in these caches.
  const caches = [
    env.MONGOMS_DOWNLOAD_DIR,
    path.join(process.cwd(), 'node_modules', '.cache', 'mongodb-memory-server'),
    path.join(os.homedir(), '.cache', 'mongodb-binaries'),
  ].filter((dir): dir is string => Boolean(dir))
  for (const dir of caches) {
    if (!fs.existsSync(dir)) continue
    const found = fs
      .readdirSync(dir)
      .filter((name) => name.startsWith('mongod'))
      .map((name) => path.join(dir, name))
      .find(isExecutable)
    if (found) return found
  }
  return undefined
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK)
    return fs.statSync(file).isFile()
  } catch {
    return false
  }
}
