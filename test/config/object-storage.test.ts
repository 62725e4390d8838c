import { describeObjectStorage, objectStorageSettings as fromEnv } from '../../src/config/object-storage'

const objectStorageSettings = (env: Record<string, string>) => fromEnv(env as NodeJS.ProcessEnv)

const bucket = { S3_BUCKET: 'clinic-images' }

test('without S3_BUCKET images stay on disk', () => {
  expect(objectStorageSettings({})).toBeUndefined()
  expect(describeObjectStorage(undefined, '/srv/kap/media')).toBe('images in /srv/kap/media')
})

test('Amazon S3: the region, and the SDK’s own credentials when no key pair is given', () => {
  const settings = objectStorageSettings({ ...bucket, S3_REGION: 'eu-west-2' })
  expect(settings).toEqual({ bucket: 'clinic-images', region: 'eu-west-2', forcePathStyle: false })
  expect(describeObjectStorage(settings, '/unused')).toBe('images in bucket clinic-images at Amazon S3 (eu-west-2)')
})

test('an S3-compatible store: path-style addresses by default, a key pair, a prefix; the description carries no secret', () => {
  const settings = objectStorageSettings({
    ...bucket,
    S3_ENDPOINT: 'http://minio:9000/',
    S3_ACCESS_KEY_ID: 'kap',
    S3_SECRET_ACCESS_KEY: 'a-secret-key',
    S3_PREFIX: '/clinic-a/images/',
  })
  expect(settings).toEqual({
    bucket: 'clinic-images',
    region: 'us-east-1',
    endpoint: 'http://minio:9000',
    forcePathStyle: true,
    credentials: { accessKeyId: 'kap', secretAccessKey: 'a-secret-key' },
    prefix: 'clinic-a/images',
  })
  expect(describeObjectStorage(settings, '/unused')).toBe('images in bucket clinic-images/clinic-a/images at http://minio:9000 (us-east-1)')
  expect(describeObjectStorage(settings, '/unused')).not.toContain('a-secret-key')
  expect(objectStorageSettings({ ...bucket, S3_ENDPOINT: 'https://r2.example', S3_FORCE_PATH_STYLE: 'false' })?.forcePathStyle).toBe(false)
})

test.each([
  [{ S3_ENDPOINT: 'http://minio:9000' }, /S3_ENDPOINT is set but S3_BUCKET is not/],
  [{ S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 'b' }, /S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY are set but S3_BUCKET is not/],
  [{ S3_BUCKET: 'Clinic_Images' }, /S3_BUCKET "Clinic_Images" is not a bucket name/],
  [{ ...bucket, S3_ENDPOINT: 'minio:9000' }, /S3_ENDPOINT must be an http:\/\/ or https:\/\/ address/],
  [{ ...bucket, S3_ENDPOINT: 'not a url' }, /S3_ENDPOINT "not a url" is not a URL/],
  [{ ...bucket, S3_ENDPOINT: 'http://user:pass@minio:9000' }, /S3_ENDPOINT must not carry credentials/],
  [{ ...bucket, S3_FORCE_PATH_STYLE: 'yes' }, /S3_FORCE_PATH_STYLE must be true or false, not "yes"/],
  [{ ...bucket, S3_ACCESS_KEY_ID: 'kap' }, /S3_ACCESS_KEY_ID is set without S3_SECRET_ACCESS_KEY/],
  [{ ...bucket, S3_SECRET_ACCESS_KEY: 'secret' }, /S3_SECRET_ACCESS_KEY is set without S3_ACCESS_KEY_ID/],
  [{ ...bucket, S3_PREFIX: 'clinic/../other' }, /S3_PREFIX "clinic\/..\/other" is not a folder name/],
  [{ ...bucket, S3_PREFIX: '/' }, /S3_PREFIX "\/" is not a folder name/],
])('%j stops startup with the variable to fix', (env, message) => {
  expect(() => objectStorageSettings(env)).toThrow(message)
  try {
    objectStorageSettings(env)
  } catch (error) {
    expect((error as Error).name).toBe('ConfigurationError')
    expect((error as Error).message).not.toContain('secret')
  }
})
