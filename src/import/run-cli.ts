import { getPayload, type Payload, ValidationError } from 'payload'

import { ImportFormatError } from './article-model'
import { UsageError } from './cli-arguments'

/**
 * Runs a command against the configured database and turns failures into a message and an exit
 * code a person can act on: 2 for a wrong command line, 1 for bad content or a failed save.
 */
export async function runCli(label: string, task: (payload: Payload) => Promise<string>): Promise<never> {
  let payload: Payload | undefined
  let code = 0
  try {
    const { default: config } = await import('../../payload.config')
    payload = await getPayload({ config })
    console.log(await task(payload))
  } catch (error) {
    code = error instanceof UsageError ? 2 : 1
    console.error(`${label} failed: ${describeFailure(error)}`)
  } finally {
    await payload?.destroy()
  }
  process.exit(code)
}

export function describeFailure(error: unknown): string {
  if (error instanceof ImportFormatError || error instanceof UsageError) return error.message
  if (error instanceof ValidationError) {
    const fields = (error.data?.errors ?? []).map((detail: { path: string; message: string }) => `  ${detail.path}: ${detail.message}`)
    return [error.message, ...fields].join('\n')
  }
  if ((error as NodeJS.ErrnoException)?.code === 'ENOENT') return `no such file: ${(error as NodeJS.ErrnoException).path}`
  return (error as Error)?.message ?? String(error)
}
