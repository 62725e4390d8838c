import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { startServerProcess as startProcess, waitUntilReady } from '../../tools/server-process'
import { waitFor } from '../../tools/wait-for'
import { TEST_SECRET } from '../helpers/start-cms'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-process-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('the server process', () => {
  test('refuses to start in production without a secret, and says why', async () => {
    const server = await startProcess({ ADMIN_UI: 'false', DATA_DIR: dir })
    expect(await server.exited).toBe(1)
    expect(server.output()).toMatch(/Cannot start: PAYLOAD_SECRET is required in production/)
    expect(server.output()).not.toMatch(/\n\s+at /)
  })

  test('refuses an unknown DATABASE_URI scheme, naming the accepted ones', async () => {
    const server = await startProcess({ ADMIN_UI: 'false', PAYLOAD_SECRET: TEST_SECRET, DATABASE_URI: 'mysql://localhost/kap' })
    expect(await server.exited).toBe(1)
    expect(server.output()).toMatch(/Cannot start: DATABASE_URI has an unsupported scheme.*Accepted: mongodb:\/\/, mongodb\+srv:\/\/, postgres:\/\/, postgresql:\/\/, file:/)
  })

  test('on SIGTERM stops accepting, finishes the request in flight, closes the database and exits 0', async () => {
    const server = await startProcess({ ADMIN_UI: 'false', PAYLOAD_SECRET: TEST_SECRET, DATABASE_URI: `file:${path.join(dir, 'kap.db')}`, DATA_DIR: dir })
    await waitUntilReady(server)
    const { port } = server

    // Production serves no GraphQL playground.
    expect((await fetch(`http://127.0.0.1:${port}/api/graphql-playground`)).status).toBe(404)

    // A request whose body is still arriving when the signal comes.
    const body = JSON.stringify({ email: 'nobody@clinic.test', password: 'not-the-password' })
    const socket = net.connect(port, '127.0.0.1')
    await new Promise((resolve) => socket.once('connect', resolve))
    let response = ''
    socket.on('data', (chunk) => (response += chunk))
    socket.write(`POST /api/users/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`)
    socket.write(body.slice(0, 10))
    // Pacing, not a wait for a result: the request's first bytes reach the server before the signal.
    await new Promise((resolve) => setTimeout(resolve, 200))

    server.child.kill('SIGTERM')

    // New connections are refused while the request in flight is still open.
    const refused = () =>
      new Promise<boolean>((resolve) => {
        const probe = net.connect(port, '127.0.0.1')
        probe.once('connect', () => (probe.destroy(), resolve(false)))
        probe.once('error', () => resolve(true))
      })
    expect(await waitFor('new connections to be refused after SIGTERM', refused, { timeoutMs: 5000 })).toBe(true)

    // The rest of the body, and a second request on the same keep-alive connection: that one is
    // not started any more but answered 503, and the connection is closed so shutdown need not wait.
    socket.write(body.slice(10) + 'GET /api/articles HTTP/1.1\r\nHost: localhost\r\n\r\n')
    const code = await server.exited
    expect(response).toMatch(/^HTTP\/1\.1 401/)
    expect(response).toMatch(/email or password/i)
    const second = response.slice(response.indexOf('HTTP/1.1', 1))
    expect(second).toMatch(/^HTTP\/1\.1 503/)
    expect(second).toMatch(/\r\nRetry-After: 5\r\n/i)
    expect(second).toMatch(/\r\nConnection: close\r\n/i)
    expect(second).toMatch(/The server is restarting/)
    expect(code).toBe(0)
    expect(server.output()).toMatch(/SIGTERM received/)
    expect(server.output()).toMatch(/shut down cleanly/)
  })
})
