import type { Config } from 'payload'

/**
 * Production logs are JSON lines (one object per event, with its context) for a log collector;
 * development keeps Payload's readable default unless LOG_LEVEL asks for something else.
 */
export function loggerConfig(env: NodeJS.ProcessEnv): Config['logger'] {
  const level = env.LOG_LEVEL
  if (env.NODE_ENV === 'production') return { options: { level: level || 'info' } }
  if (level) return { options: { level } }
  return undefined
}
