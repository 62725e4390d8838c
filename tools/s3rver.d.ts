// s3rver ships no types; the part the tests use.
declare module 's3rver' {
  type S3rverOptions = {
    address?: string
    port?: number
    silent?: boolean
    directory: string
    resetOnClose?: boolean
    configureBuckets?: { name: string }[]
  }
  /** The winston logger s3rver makes; it closes it when its HTTP server closes. */
  type S3rverLogger = Record<'debug' | 'info' | 'warn' | 'error', (...args: unknown[]) => void> & { exceptions: { unhandle: () => void }; close: () => void }
  export default class S3rver {
    constructor(options: S3rverOptions)
    logger: S3rverLogger
    context: { logger: S3rverLogger }
    run(): Promise<{ address: string; port: number }>
    close(): Promise<void>
  }
}
