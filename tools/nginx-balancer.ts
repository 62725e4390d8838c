// nginx (Debian's nginx-light) as the round-robin load balancer in front of several CMS processes,
// as users would run it: for the soak with --processes.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { freePort } from './server-process'
import { waitFor } from './wait-for'

export type Balancer = { url: string; stop: () => Promise<void> }

export function findNginx(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v nginx || ls /usr/sbin/nginx'], { encoding: 'utf8' })
  return found.status === 0 ? found.stdout.trim().split('\n')[0] : undefined
}

/**
 * Round-robin over `ports` on 127.0.0.1. A request refused or answered 503 by a process that is
 * shutting down (it starts none after SIGTERM) goes to the next one, writes included: a 503 from a
 * draining process means it did not run the request.
 */
export async function startBalancer(ports: number[]): Promise<Balancer> {
  const binary = findNginx()
  if (!binary) throw new Error('No nginx on this machine: apt-get install -y nginx-light.')
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-nginx-'))
  const port = await freePort()
  const config = `
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  client_max_body_size 20m;
  upstream cms {
${ports.map((upstream) => `    server 127.0.0.1:${upstream} max_fails=0;`).join('\n')}
    keepalive 32;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://cms;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_next_upstream error timeout http_503 non_idempotent;
      proxy_next_upstream_tries ${ports.length};
    }
  }
}
`
  fs.writeFileSync(path.join(dir, 'nginx.conf'), config)
  let output = ''
  const child: ChildProcess = spawn(binary, ['-p', dir, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const listening = () =>
    new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)))
      socket.once('error', () => resolve(false))
    })
  await waitFor(`nginx on port ${port}`, listening, { timeoutMs: 10_000, intervalMs: 50 }).catch((error) => {
    child.kill('SIGKILL')
    throw new Error(`${(error as Error).message}\n${output}${fs.existsSync(path.join(dir, 'error.log')) ? fs.readFileSync(path.join(dir, 'error.log'), 'utf8') : ''}`, {
      cause: error,
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGQUIT')
      await exited
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
