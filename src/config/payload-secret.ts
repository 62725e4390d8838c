import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { ConfigurationError } from './configuration-error'

export const MIN_SECRET_LENGTH = 32

export type SecretResolution = {
  secret: string
  source: 'environment' | 'generated' | 'data-dir' | 'build-placeholder'
}

/**
 * PAYLOAD_SECRET signs logins and preview links. Production must supply a strong one; development
 * gets a generated secret kept under the data directory so logins survive restarts.
 */
export function resolvePayloadSecret(env: NodeJS.ProcessEnv, dir: string): SecretResolution {
  const fromEnv = env.PAYLOAD_SECRET?.trim()
  // `next build` evaluates the config to compile the admin UI but never signs anything with it.
  if (env.NEXT_PHASE === 'phase-production-build') {
    return { secret: fromEnv || 'build-time-placeholder-never-used-to-sign', source: 'build-placeholder' }
  }
  if (env.NODE_ENV === 'production') {
    if (!fromEnv) {
      throw new ConfigurationError(
        `PAYLOAD_SECRET is required in production. Set it to a random string of at least ${MIN_SECRET_LENGTH} characters (for example: openssl rand -hex 32).`,
      )
    }
  }
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_SECRET_LENGTH) {
      throw new ConfigurationError(`PAYLOAD_SECRET is ${fromEnv.length} characters long; it must be at least ${MIN_SECRET_LENGTH}. Generate one with: openssl rand -hex 32`)
    }
    return { secret: fromEnv, source: 'environment' }
  }
  const file = path.join(dir, 'payload-secret')
  if (fs.existsSync(file)) {
    const stored = fs.readFileSync(file, 'utf8').trim()
    if (stored.length >= MIN_SECRET_LENGTH) return { secret: stored, source: 'data-dir' }
  }
  const secret = crypto.randomBytes(32).toString('hex')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(file, secret + '\n', { mode: 0o600 })
  return { secret, source: 'generated' }
}
