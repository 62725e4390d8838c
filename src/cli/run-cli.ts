import { getPayload, type Payload, type SanitizedConfig, ValidationError } from 'payload'

import { ImportFormatError } from '../import/article-model'

/** The project's config, loaded when a command starts, so a mistake in the environment is reported like any failure. */
export const loadProjectConfig = async (): Promise<SanitizedConfig> => (await import('../../payload.config')).default

/**
 * Runs a command against the configured database and turns failures into a message and exit
 * code 1 a person can act on (a configuration mistake, bad content, a refused save, a missing
 * file), in one line where one line says it, never a stack trace.
 */
export async function runCli(label: string, loadConfig: () => Promise<SanitizedConfig>, task: (payload: Payload) => Promise<string>): Promise<never> {
  let payload: Payload | undefined
  let code = 0
  try {
    payload = await getPayload({ config: await loadConfig() })
    console.log(await task(payload))
  } catch (error) {
    code = 1
    console.error(`${label} failed: ${describeFailure(error)}`)
  } finally {
    await payload?.destroy()
  }
  process.exit(code)
}

export function describeFailure(error: unknown): string {
  if (error instanceof ImportFormatError) return error.message
  if ((error as Error)?.name === 'ConfigurationError') return (error as Error).message
  if (error instanceof ValidationError) {
    const fields = (error.data?.errors ?? []).map((detail: { path: string; message: string }) => `  ${detail.path}: ${detail.message}`)
    return [error.message, ...fields].join('\n')
  }
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path}`
  const cause = (error as Error)?.cause as Error | undefined
  // Database drivers put the reason (locked, no such table) in the cause, not the message.
  return [(error as Error)?.message ?? String(error), cause?.message && `  because: ${cause.message}`].filter(Boolean).join('\n')
}
