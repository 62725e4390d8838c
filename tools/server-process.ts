// The CMS in a process of its own, as `npm start` runs it: for tests, the benchmark and the soak.
import { type ChildProcess, spawn } from 'node:child_process'
import net from 'node:net'
import path from 'node:path'

import { GiveUp, waitFor } from './wait-for'

export type ServerProcess = { child: ChildProcess; port: number; url: string; output: () => string; exited: Promise<number | null> }

/** A port nothing listens on now (the kernel's choice), for a process to be started on. */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Starts the built bundle (npm run build:server) on `env.PORT`, or on a free port. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = Number(env.PORT) || (await freePort())
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--conditions=production', '--max-old-space-size=384', path.resolve('dist/server.js')], {
    env: { NODE_ENV: 'production', PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', JOBS_AUTORUN: 'false', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code: number | null) => resolve(code)))
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => output, exited }
}

/**
 * Resolves when the server's /readyz answers 200 (its database answers), as a load balancer sees
 * it; fails at once, with the server's output, if the process exits first.
 */
export async function waitUntilReady(server: ServerProcess, timeoutMs = 90_000): Promise<string> {
  let exitCode: number | null | undefined
  void server.exited.then((code) => (exitCode = code))
  try {
    await waitFor(
      `${server.url}/readyz`,
      async () => {
        if (exitCode !== undefined) throw new GiveUp(`the server exited with code ${exitCode} before it was ready`)
        return (await fetch(`${server.url}/readyz`).catch(() => undefined))?.status === 200
      },
      { timeoutMs, intervalMs: 100 },
    )
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${server.output()}`, { cause: error })
  }
  return server.url
}
