import { ConfigurationError } from './configuration-error'

/** Where uploaded images go when they are not in DATA_DIR/media: a bucket of S3 or of an S3-compatible store. */
export type ObjectStorageSettings = {
  bucket: string
  region: string
  /** An S3-compatible store's address (MinIO, Ceph, R2…); unset for Amazon S3. */
  endpoint?: string
  /** Bucket in the path (http://host/bucket/key) rather than the host name; what most S3-compatible stores need. */
  forcePathStyle: boolean
  /** Unset: the AWS SDK's own chain (AWS_* variables, an instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string }
  /** A folder inside the bucket, so several sites can share one bucket. */
  prefix?: string
}

const S3_VARIABLES = ['S3_BUCKET', 'S3_REGION', 'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PREFIX'] as const

/**
 * S3_BUCKET turns object storage on; the other S3_* variables describe the store. Unset: images
 * stay in DATA_DIR/media. A half-described store stops startup with the variable to fix, rather
 * than writing images somewhere no other process reads.
 */
export function objectStorageSettings(env: NodeJS.ProcessEnv): ObjectStorageSettings | undefined {
  const value = (name: (typeof S3_VARIABLES)[number]) => env[name]?.trim() || undefined
  const bucket = value('S3_BUCKET')
  if (!bucket) {
    const stray = S3_VARIABLES.filter((name) => value(name))
    if (stray.length)
      throw new ConfigurationError(
        `${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but S3_BUCKET is not: set S3_BUCKET to store images in a bucket, or unset ${stray.join(', ')}.`,
      )
    return undefined
  }
  // Bucket names: 3 to 63 lowercase letters, digits, dots and hyphens (S3's rules, which compatible stores share).
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigurationError(`S3_BUCKET "${bucket}" is not a bucket name: 3 to 63 lowercase letters, digits, dots and hyphens.`)
  }

  const endpoint = value('S3_ENDPOINT')
  if (endpoint) {
    let url: URL
    try {
      url = new URL(endpoint)
    } catch {
      throw new ConfigurationError(`S3_ENDPOINT "${endpoint}" is not a URL; give the store's address, e.g. http://minio:9000.`)
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigurationError(`S3_ENDPOINT must be an http:// or https:// address, not "${url.protocol}".`)
    if (url.username || url.password) throw new ConfigurationError('S3_ENDPOINT must not carry credentials; use S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.')
  }

  const pathStyle = value('S3_FORCE_PATH_STYLE')
  if (pathStyle && pathStyle !== 'true' && pathStyle !== 'false') throw new ConfigurationError(`S3_FORCE_PATH_STYLE must be true or false, not "${pathStyle}".`)

  const accessKeyId = value('S3_ACCESS_KEY_ID')
  const secretAccessKey = value('S3_SECRET_ACCESS_KEY')
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new ConfigurationError(
      `${accessKeyId ? 'S3_ACCESS_KEY_ID is set without S3_SECRET_ACCESS_KEY' : 'S3_SECRET_ACCESS_KEY is set without S3_ACCESS_KEY_ID'}: set both, or neither to use the AWS SDK's own credentials (AWS_* variables or a role).`,
    )
  }

  const prefix = value('S3_PREFIX')?.replace(/^\/+|\/+$/g, '')
  if (prefix !== undefined && (prefix === '' || prefix.split('/').some((part) => part === '' || part === '.' || part === '..'))) {
    throw new ConfigurationError(`S3_PREFIX "${env.S3_PREFIX}" is not a folder name: use names separated by "/", e.g. clinic-a/images.`)
  }

  return {
    bucket,
    region: value('S3_REGION') ?? 'us-east-1',
    ...(endpoint ? { endpoint: endpoint.replace(/\/+$/, '') } : {}),
    // A custom endpoint is nearly always an S3-compatible store that needs path-style addresses.
    forcePathStyle: pathStyle ? pathStyle === 'true' : Boolean(endpoint),
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    ...(prefix ? { prefix } : {}),
  }
}

/** For the startup log: where images go, without credentials. */
export function describeObjectStorage(settings: ObjectStorageSettings | undefined, mediaDir: string): string {
  if (!settings) return `images in ${mediaDir}`
  const where = settings.endpoint ? `${settings.endpoint} (${settings.region})` : `Amazon S3 (${settings.region})`
  return `images in bucket ${settings.bucket}${settings.prefix ? `/${settings.prefix}` : ''} at ${where}`
}
