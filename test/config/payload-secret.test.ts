import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { resolvePayloadSecret } from '../../src/config/payload-secret'

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-secret-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const env = (values: Record<string, string>) => values as unknown as NodeJS.ProcessEnv
const strong = 'a'.repeat(32)

describe('PAYLOAD_SECRET', () => {
  test('production refuses to start without one, saying how to make one', () => {
    expect(() => resolvePayloadSecret(env({ NODE_ENV: 'production' }), dir)).toThrow(/PAYLOAD_SECRET is required in production.*openssl rand -hex 32/)
  })

  test('a secret shorter than 32 characters is refused with its length', () => {
    expect(() => resolvePayloadSecret(env({ NODE_ENV: 'production', PAYLOAD_SECRET: 'short' }), dir)).toThrow(/PAYLOAD_SECRET is 5 characters long; it must be at least 32/)
    expect(() => resolvePayloadSecret(env({ PAYLOAD_SECRET: 'short' }), dir)).toThrow(/at least 32/)
  })

  test('a strong secret from the environment is used as given', () => {
    expect(resolvePayloadSecret(env({ NODE_ENV: 'production', PAYLOAD_SECRET: strong }), dir)).toEqual({ secret: strong, source: 'environment' })
  })

  test('development generates one, keeps it private under the data directory, and reuses it', () => {
    const first = resolvePayloadSecret(env({ NODE_ENV: 'development' }), dir)
    expect(first.source).toBe('generated')
    expect(first.secret).toHaveLength(64)
    expect(fs.statSync(path.join(dir, 'payload-secret')).mode & 0o777).toBe(0o600)
    expect(resolvePayloadSecret(env({ NODE_ENV: 'development' }), dir)).toEqual({ secret: first.secret, source: 'data-dir' })
  })

  test('building the admin UI needs no secret', () => {
    expect(resolvePayloadSecret(env({ NODE_ENV: 'production', NEXT_PHASE: 'phase-production-build' }), dir).source).toBe('build-placeholder')
  })
})
