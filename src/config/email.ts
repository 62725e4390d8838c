import { ConfigurationError } from './configuration-error'

/** How the CMS sends email (the daily review digest, password resets): an SMTP server, or none. */
export type EmailSettings = {
  host: string
  port: number
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean
  user?: string
  password?: string
  fromAddress: string
  fromName: string
}

/**
 * SMTP_HOST turns email on; SMTP_PORT (587), SMTP_SECURE (true on port 465), SMTP_USER and
 * SMTP_PASSWORD describe the server; EMAIL_FROM (required with SMTP_HOST) and EMAIL_FROM_NAME the
 * sender. Unset SMTP_HOST: no email (Payload then only logs what it would send).
 */
export function emailSettings(env: NodeJS.ProcessEnv): EmailSettings | undefined {
  const host = env.SMTP_HOST?.trim()
  if (!host) return undefined
  const port = Number(env.SMTP_PORT || 587)
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ConfigurationError(`SMTP_PORT must be a port number; got "${env.SMTP_PORT}".`)
  const fromAddress = env.EMAIL_FROM?.trim()
  if (!fromAddress || !/^[^@\s]+@[^@\s]+$/.test(fromAddress)) {
    throw new ConfigurationError('EMAIL_FROM must be the address email is sent from (e.g. cms@clinic.example) when SMTP_HOST is set.')
  }
  if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) throw new ConfigurationError('SMTP_USER and SMTP_PASSWORD go together: set both or neither.')
  const secure = env.SMTP_SECURE ? env.SMTP_SECURE === 'true' : port === 465
  return { host, port, secure, user: env.SMTP_USER || undefined, password: env.SMTP_PASSWORD || undefined, fromAddress, fromName: env.EMAIL_FROM_NAME?.trim() || 'KAP content' }
}

/** For the startup log: where email goes, without credentials. */
export function describeEmail(settings: EmailSettings | undefined): string {
  return settings ? `email through ${settings.host}:${settings.port} from ${settings.fromAddress}` : 'no email server (SMTP_HOST unset): review digests are not sent'
}
