import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

export type ServerProcess = { child: ChildProcess; output: () => string; exited: Promise<number | null> }

/** The server as `npm start` runs it: the built bundle (npm run build:server) in its own process. */
export function startServerProcess(env: Record<string, string>): ServerProcess {
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--conditions=production', '--max-old-space-size=384', path.resolve('dist/server.js')], {
    env: { NODE_ENV: 'production', PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', LOG_LEVEL: 'info', JOBS_AUTORUN: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code: number | null) => resolve(code)))
  return { child, output: () => output, exited }
}

/** Waits for the startup line and returns the port the server listens on. */
export async function waitForPort(server: ServerProcess, timeoutMs = 90_000): Promise<number> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const match = server.output().match(/ready: admin http:\/\/localhost:(\d+)/)
    if (match) return Number(match[1])
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the server did not start:\n${server.output()}`)
}
