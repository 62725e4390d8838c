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
