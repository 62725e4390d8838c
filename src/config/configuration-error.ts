/** A mistake in the environment or options, reported at startup with what to change. */
export class ConfigurationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ConfigurationError'
  }
}
