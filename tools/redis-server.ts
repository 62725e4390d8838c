// A private Redis server (Debian's redis-server) for the cluster test, the benchmark and the soak.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import net from 'node:net'

import { freePort } from './server-process'
import { waitFor } from './wait-for'

export type RedisServer = { url: string; stop: () => Promise<void> }

/** The redis-server binary on PATH, or undefined. */
export function findRedisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim() : undefined
}

/** Starts redis-server on a free port of 127.0.0.1, keeping nothing on disk; ready when it answers PING. */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = findRedisServer()
  if (!binary) throw new Error('No redis-server on this machine: apt-get install -y redis-server.')
  const port = await freePort()
  let output = ''
  const child: ChildProcess = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  await waitFor(`redis-server on port ${port}`, () => ping(port), { timeoutMs: 10_000, intervalMs: 50 }).catch((error) => {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${output}`, { cause: error })
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM')
      await exited
    },
  }
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write('PING\r\n'))
    socket.once('data', (data) => {
      socket.destroy()
      resolve(data.toString().startsWith('+PONG'))
    })
    socket.once('error', () => resolve(false))
  })
}
