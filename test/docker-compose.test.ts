import fs from 'node:fs'

import { parse } from 'yaml'

/** No Docker engine runs on our machines, so the stack is checked as the file it is. */
const compose = parse(fs.readFileSync('docker-compose.yml', 'utf8'))
const { mongo, cms } = compose.services

describe('docker-compose.yml', () => {
  test('runs a current MongoDB as a one-node replica set, so transactions work', () => {
    expect(mongo.image).toMatch(/^mongo:(8|9)(\.\d+)*$/)
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']))
    expect(mongo.healthcheck.test.join(' ')).toMatch(/rs\.initiate\(.*host: 'mongo:27017'/)
  })

  test('keeps MongoDB data and uploaded media in named volumes', () => {
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['mongo-data', 'media']))
    expect(mongo.volumes).toContain('mongo-data:/data/db')
    expect(cms.volumes).toContain('media:/app/.data')
  })

  test('starts the CMS only once MongoDB is healthy', () => {
    expect(cms.depends_on).toEqual({ mongo: { condition: 'service_healthy' } })
    expect(mongo.healthcheck).toMatchObject({ interval: expect.any(String), retries: expect.any(Number) })
    expect(cms.healthcheck.test.join(' ')).toContain('/readyz')
  })

  test('wires the CMS to the mongo service and takes the secret from the environment', () => {
    const uri = new URL(cms.environment.DATABASE_URI)
    expect(uri.protocol).toBe('mongodb:')
    expect(uri.hostname).toBe('mongo')
    expect(uri.searchParams.get('replicaSet')).toBe('rs0')
    expect(cms.environment.NODE_ENV).toBe('production')
    expect(cms.environment.PAYLOAD_SECRET).toMatch(/^\$\{PAYLOAD_SECRET:\?.+\}$/)
    expect(cms.build).toBe('.')
  })

  test('the Dockerfile it builds is multi-stage, builds for production and runs as a non-root user', () => {
    const dockerfile = fs.readFileSync('Dockerfile', 'utf8')
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2)
    expect(dockerfile).toMatch(/RUN npm run build/)
    expect(dockerfile).toMatch(/npm ci --omit=dev/)
    expect(dockerfile).toMatch(/^USER node$/m)
    expect(dockerfile).toMatch(/^CMD \["node", "--conditions=production".*"dist\/server\.js"\]$/m)
  })
})

/** The several-processes stack, checked as the file it is (the same arrangement runs on real services in test/cluster). */
describe('docker-compose.cluster.yml', () => {
  const cluster = parse(fs.readFileSync('docker-compose.cluster.yml', 'utf8'))
  const { cms: replica, balancer, postgres, redis, minio, bucket } = cluster.services

  test('runs several CMS replicas on one PostgreSQL database, coordinating through Redis, images in a bucket', () => {
    expect(replica.deploy.replicas).toBeGreaterThanOrEqual(2)
    expect(new URL(replica.environment.DATABASE_URI.replace('${POSTGRES_PASSWORD}', 'x')).hostname).toBe('postgres')
    expect(replica.environment.REDIS_URL).toBe('redis://redis:6379')
    expect(replica.environment).toMatchObject({ S3_BUCKET: 'kap-images', S3_ENDPOINT: 'http://minio:9000', TRUST_PROXY: 'true' })
    expect(bucket.entrypoint.join(' ')).toContain('store/kap-images')
    expect(replica.environment.PAYLOAD_SECRET).toMatch(/^\$\{PAYLOAD_SECRET:\?.+\}$/)
    expect(replica.volumes).toBeUndefined() // nothing shared on disk: the bucket holds the images
  })

  test('starts the replicas once their services are ready, and the balancer once they are', () => {
    expect(replica.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      bucket: { condition: 'service_completed_successfully' },
    })
    for (const service of [postgres, redis, minio, replica]) expect(service.healthcheck.test.length).toBeGreaterThan(1)
    expect(balancer.depends_on).toEqual({ cms: { condition: 'service_healthy' } })
  })

  test('the balancer spreads requests over the replicas and retries one that is restarting', () => {
    expect(balancer.volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro')
    const nginx = fs.readFileSync('deploy/nginx.conf', 'utf8')
    expect(nginx).toMatch(/upstream cms \{\s+server cms:3000/)
    expect(nginx).toMatch(/proxy_next_upstream error timeout http_503/)
    expect(nginx).toMatch(/listen 8080;/)
    expect(balancer.ports).toEqual(['8080:8080'])
  })
})
